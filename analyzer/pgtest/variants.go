package pgtest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Variant is one way of restoring a scenario: its files, run in order with
// psql into a fresh database.
type Variant struct {
	Name  string   // "copy", "inserts-nosetval", "split-halfsetval", ...
	Files []string // under the test's TempDir
}

// dumpModes are the pg_dump invocations a scenario is dumped with. "split"
// is the schema-and-data-apart restore, where the setval lines live in the
// data file (pg_dump counts SEQUENCE SET as data).
var dumpModes = []struct {
	name  string
	files [][]string // pg_dump arguments, one dump per file
}{
	{"copy", [][]string{nil}},
	{"inserts", [][]string{{"--inserts"}}},
	{"column-inserts", [][]string{{"--column-inserts"}}},
	{"rows-per-insert", [][]string{{"--rows-per-insert=3"}}},
	{"split", [][]string{{"--schema-only"}, {"--data-only"}}},
}

// Variants builds the scenario script in a fresh database and returns its
// dump variants (see DumpVariants).
func Variants(t testing.TB, c *Cluster, scenarioPath string) []Variant {
	t.Helper()
	db := c.NewDatabase(t)
	db.RunStrict(t, scenarioPath)
	return c.DumpVariants(t, db)
}

// DumpVariants dumps db in each pg_dump mode — COPY (the default),
// --inserts, --column-inserts, --rows-per-insert=3, and --schema-only then
// --data-only as two files — and returns each dump in three forms: as
// dumped ("copy"), with every setval line removed ("copy-nosetval"), and
// with the first, third, fifth... setval line removed ("copy-halfsetval").
func (c *Cluster) DumpVariants(t testing.TB, db *DB) []Variant {
	t.Helper()
	dir := t.TempDir()
	var vs []Variant
	for _, m := range dumpModes {
		var dumps [][]byte
		for _, args := range m.files {
			dumps = append(dumps, c.Dump(t, db, args...))
		}
		for _, form := range []string{"", "nosetval", "halfsetval"} {
			name := m.name
			if form != "" {
				name += "-" + form
			}
			v := Variant{Name: name}
			n := 0 // setval lines seen so far, over all files of the variant
			for i, d := range dumps {
				switch form {
				case "nosetval":
					d = dropSetvals(d, func() bool { return true })
				case "halfsetval":
					d = dropSetvals(d, func() bool { n++; return n%2 == 1 })
				}
				p := filepath.Join(dir, fmt.Sprintf("%s.%d.sql", name, i))
				if err := os.WriteFile(p, d, 0o644); err != nil {
					t.Fatal(err)
				}
				v.Files = append(v.Files, p)
			}
			vs = append(vs, v)
		}
	}
	return vs
}

// dropSetvals removes the lines of a pg_dump script that set a sequence
// (pg_dump writes each as one line, "SELECT pg_catalog.setval('s', n, b);")
// when drop says so. COPY data is left alone: a row may hold that text. A
// multi-line string literal of --inserts output is not recognized.
func dropSetvals(script []byte, drop func() bool) []byte {
	var out bytes.Buffer
	inCopy := false
	for _, line := range bytes.SplitAfter(script, []byte("\n")) {
		switch {
		case inCopy:
			inCopy = !bytes.Equal(bytes.TrimRight(line, "\n"), []byte(`\.`))
		case bytes.HasPrefix(line, []byte("COPY ")) && bytes.HasSuffix(bytes.TrimRight(line, "\n"), []byte("FROM stdin;")):
			inCopy = true
		case bytes.HasPrefix(line, []byte("SELECT pg_catalog.setval(")) && drop():
			continue
		}
		out.Write(line)
	}
	return out.Bytes()
}
