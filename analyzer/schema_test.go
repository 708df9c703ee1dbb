package analyzer_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
	"github.com/pgseqlint/pgseqlint/rules"
)

// TestSchemaDifferential checks migrations against a --schema-only dump of
// the database they run on, made by pg_dump: PostgreSQL restores the dump
// and runs the migrations; pgseqlint reads the dump as --schema.
func TestSchemaDifferential(t *testing.T) {
	c := pgtest.Start(t)
	source := c.NewDatabase(t)
	source.RunStrict(t, "../testdata/schema/ddl.sql")
	schema := filepath.Join(t.TempDir(), "schema.sql")
	c.DumpFile(t, source, schema, "--schema-only")
	migrations := "../testdata/schema/migrations"
	want := truth(t, c, schema, filepath.Join(migrations, "1_seed.sql"), filepath.Join(migrations, "2_fix_users.sql"))
	if len(want) == 0 {
		t.Fatal("PostgreSQL finds no collision: the case tests nothing")
	}
	checktest.Compare(t, "migrations on a schema", verdictOf(t, analyzer.Options{Schema: []string{schema}, Paths: []string{migrations}}), want)
}

// TestSchemaIsContext: a schema gives its DDL and nothing else. Its loads
// and setval calls do not count, its own problems are not reported, and
// its session settings do not carry over to the script.
func TestSchemaIsContext(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	schema := write("schema.sql", `CREATE TABLE t (id serial PRIMARY KEY);
CREATE TABLE u (id serial PRIMARY KEY);
INSERT INTO t VALUES (1), (2), (10);
COPY t (id) FROM stdin;
11
\.
SELECT setval('u_id_seq', 100);
CREATE TABLE broken (;
SET search_path = nowhere;
`)
	script := write("load.sql", `INSERT INTO t VALUES (5);
SELECT setval('t_id_seq', 5);
INSERT INTO u VALUES (5);
`)
	res, err := analyzer.Check(context.Background(), analyzer.Options{
		Schema: []string{schema}, Paths: []string{script}, Rules: rules.All(),
	})
	if err != nil {
		t.Fatal(err)
	}
	// Only u: t's keys from the schema (up to 11) do not count against the
	// setval, u's setval in the schema does not count either.
	if len(res.Diagnostics) != 1 {
		t.Fatalf("want one finding, got %v", res.Diagnostics)
	}
	d := res.Diagnostics[0]
	if d.Rule != "missing-setval" || d.Span.String() != script+":3:1" || d.Subject.Sequence != "public.u_id_seq" || d.Subject.MaxKey != "5" {
		t.Errorf("want missing-setval for public.u_id_seq at %s:3:1 with keys up to 5, got %s %s %+v", script, d.Rule, d.Span, d.Subject)
	}
}
