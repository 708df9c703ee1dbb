package livedb_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/livedb"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
	"github.com/pgseqlint/pgseqlint/rules"
)

// dataFile is a data-only load of a source database.
type dataFile struct {
	name string
	sql  []byte
}

var setvalLine = regexp.MustCompile(`(?m)^SELECT pg_catalog\.setval\(.*\n`)

// dataFiles dumps the rows of src as pg_dump --data-only does (COPY, and
// --inserts), each as dumped and without its setval lines, and as psql
// \copy of CSV rows (which set no sequence).
func dataFiles(t *testing.T, c *pgtest.Cluster, src *pgtest.DB) []dataFile {
	t.Helper()
	copyDump := c.Dump(t, src, "--data-only", "--no-owner")
	inserts := c.Dump(t, src, "--data-only", "--no-owner", "--inserts")
	files := []dataFile{
		{"copy", copyDump}, {"copy-nosetval", setvalLine.ReplaceAll(copyDump, nil)},
		{"inserts", inserts}, {"inserts-nosetval", setvalLine.ReplaceAll(inserts, nil)},
	}
	// The tables in pg_dump's order, each as CSV loaded by \copy.
	var csv bytes.Buffer
	for _, m := range regexp.MustCompile(`(?m)^COPY (.+) \((.*)\) FROM stdin;$`).FindAllSubmatch(copyDump, -1) {
		rows := src.Exec(t, fmt.Sprintf("COPY (SELECT %s FROM ONLY %s) TO STDOUT WITH (FORMAT csv)", m[2], m[1]))
		fmt.Fprintf(&csv, "\\copy %s (%s) FROM stdin WITH (FORMAT csv)\n", m[1], m[2])
		if rows != "" {
			csv.WriteString(rows + "\n")
		}
		csv.WriteString("\\.\n")
	}
	return append(files, dataFile{"csv", csv.Bytes()})
}

// checkAgainst checks a file on top of the live database: the sequences
// missing-setval and stale-setval report.
func checkAgainst(t *testing.T, db *pgtest.DB, path string) []string {
	t.Helper()
	snap, err := connect(t, db.ConnString("postgres")).Read(context.Background(), livedb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := analyzer.Check(context.Background(), analyzer.Options{Paths: []string{path}, Database: snap.Catalog, Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range res.Diagnostics {
		switch d.Rule {
		case "missing-setval", "stale-setval":
			if !slices.Contains(out, d.Subject.Sequence) {
				out = append(out, d.Subject.Sequence)
			}
		case "syntax-error", "malformed-copy":
			t.Errorf("%s: %s", d.Span, d.Message)
		}
	}
	slices.Sort(out)
	return out
}

// restored loads the file into the database and returns the sequences
// PostgreSQL's catalog says collide.
func restored(t *testing.T, db *pgtest.DB, path string) []string {
	t.Helper()
	if stderr := db.Run(t, path); stderr != "" {
		t.Fatalf("loading %s: %s", filepath.Base(path), stderr)
	}
	var out []string
	for _, c := range db.Collisions(t) {
		out = append(out, c.Sequence)
	}
	return out
}

// TestCheckOnTopOfDatabase is check --db's differential test: a target
// database is made by migrations (and, in one case, holds rows of its own),
// the rows of a source are dumped data-only, and checking the dump against
// the live target must say what loading it there shows.
func TestCheckOnTopOfDatabase(t *testing.T) {
	c := pgtest.Start(t)
	type setup struct {
		name       string
		migrations []string // make the target: the schema, and rows it holds
		source     []string // make the source
	}
	setups := []setup{{
		name:       "target-holds-rows",
		migrations: []string{"testdata/target/schema.sql", "testdata/target/held.sql"},
		source:     []string{"testdata/target/schema.sql", "testdata/target/source.sql"},
	}, {
		name:       "empty-target",
		migrations: []string{"testdata/target/schema.sql"},
		source:     []string{"testdata/target/schema.sql", "testdata/target/source.sql"},
	}}
	// Every scenario as a migration, its schema restored into the target.
	scenarios, _ := filepath.Glob("../../testdata/scenarios/*.sql")
	for _, s := range scenarios {
		setups = append(setups, setup{name: strings.TrimSuffix(filepath.Base(s), ".sql"), source: []string{s}})
	}
	compared, colliding := 0, 0
	for _, s := range setups {
		t.Run(s.name, func(t *testing.T) {
			src := c.NewDatabase(t)
			for _, f := range s.source {
				src.RunStrict(t, f)
			}
			migrations := s.migrations
			if migrations == nil {
				schema := filepath.Join(t.TempDir(), "schema.sql")
				c.DumpFile(t, src, schema, "--schema-only", "--no-owner")
				migrations = []string{schema}
			}
			for _, f := range dataFiles(t, c, src) {
				t.Run(f.name, func(t *testing.T) {
					target := c.NewDatabase(t)
					for _, m := range migrations {
						target.RunStrict(t, m)
					}
					path := filepath.Join(t.TempDir(), f.name+".sql")
					if err := os.WriteFile(path, f.sql, 0o644); err != nil {
						t.Fatal(err)
					}
					got, want := checkAgainst(t, target, path), restored(t, target, path)
					compare(t, "check --db", got, want)
					compared++
					colliding += len(want)
				})
			}
		})
	}
	t.Logf("%d data files checked against their targets, %d colliding sequences", compared, colliding)
}
