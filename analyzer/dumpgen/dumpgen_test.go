package dumpgen_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/dumpgen"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestSameAsPgDump restores a generated dump into PostgreSQL, dumps it back
// with pg_dump in the same format, and compares: everything but the rows
// byte for byte, the rows as a set (the server may store rows of varying
// size out of insertion order, and pg_dump writes them in storage order).
func TestSameAsPgDump(t *testing.T) {
	c := pgtest.Start(t)
	for _, tc := range []struct {
		format dumpgen.Format
		args   []string
	}{
		{dumpgen.Copy, nil},
		{dumpgen.Inserts, []string{"--inserts"}},
		{dumpgen.ColumnInserts, []string{"--column-inserts"}},
		{dumpgen.RowsPerInsert, []string{"--rows-per-insert=100"}},
	} {
		var gen bytes.Buffer
		if err := dumpgen.Write(&gen, dumpgen.Options{Size: 200 << 10, Format: tc.format, Seed: 7}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "gen.sql")
		if err := os.WriteFile(path, gen.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		db := c.NewDatabase(t)
		db.RunStrict(t, path)
		back := c.Dump(t, db, append(tc.args, "--restrict-key=pgseqlintsynthetic")...)
		gotText, gotRows := splitRows(string(gen.Bytes()))
		wantText, wantRows := splitRows(string(back))
		if gotText != wantText {
			t.Errorf("format %d: the dump around the rows differs from pg_dump's", tc.format)
		}
		if len(gotRows) != len(wantRows) || strings.Join(gotRows, "\x00") != strings.Join(wantRows, "\x00") {
			t.Errorf("format %d: %d rows generated, pg_dump writes %d, or they differ", tc.format, len(gotRows), len(wantRows))
		}
		if len(gotRows) < 500 {
			t.Errorf("format %d: only %d rows", tc.format, len(gotRows))
		}
	}
}

var (
	copyBlock   = regexp.MustCompile(`(?s)(COPY [^\n]* FROM stdin;\n)(.*?)(\\\.\n)`)
	insertBlock = regexp.MustCompile(`(?s)((?:INSERT INTO [^\n]*\n?(?:\t\(.*?\)[,;]\n)*|INSERT INTO [^\n]*?VALUES \(.*?\);\n)+)`)
	rowSplit    = regexp.MustCompile(`\),\n\t\(|\);\nINSERT INTO [^\n]*? VALUES \(|\);\nINSERT INTO [^\n]*? VALUES\n\t\(`)
)

// splitRows takes the rows out of a dump: it returns the text with each
// block of rows replaced by a marker, and every row, sorted.
func splitRows(dump string) (string, []string) {
	var rows []string
	text := copyBlock.ReplaceAllStringFunc(dump, func(block string) string {
		m := copyBlock.FindStringSubmatch(block)
		rows = append(rows, strings.Split(strings.TrimSuffix(m[2], "\n"), "\n")...)
		return m[1] + "<rows>\n" + m[3]
	})
	text = insertBlock.ReplaceAllStringFunc(text, func(block string) string {
		head := block[:strings.Index(block, "VALUES")+len("VALUES")]
		body := strings.TrimSuffix(block[len(head):], ");\n")
		body = strings.TrimPrefix(strings.TrimPrefix(body, " ("), "\n\t(")
		rows = append(rows, rowSplit.Split(body, -1)...)
		return head + "<rows>\n"
	})
	sort.Strings(rows)
	return text, rows
}
