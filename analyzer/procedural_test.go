package analyzer_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
)

// TestProceduralDifferential runs the scripts of testdata/procedural,
// whose triggers and rules insert, and checks that pgseqlint's verdict
// equals PostgreSQL's. They are not dump scenarios: a dump's data-only
// file fires the triggers a second time.
func TestProceduralDifferential(t *testing.T) {
	c := pgtest.Start(t)
	scripts, err := filepath.Glob("testdata/procedural/*.sql")
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	for _, path := range scripts {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".sql"), func(t *testing.T) {
			want := truth(t, c, path)
			if len(want) == 0 {
				t.Fatalf("the case is wrong: PostgreSQL finds no sequence colliding after %s", path)
			}
			checktest.Compare(t, "the script", verdict(t, path), want)
		})
	}
}

// TestSchemaTriggersDifferential: the triggers of a --schema-only dump
// fire for the rows a script loads on top of it.
func TestSchemaTriggersDifferential(t *testing.T) {
	c := pgtest.Start(t)
	source := c.NewDatabase(t)
	dir := t.TempDir()
	ddl := filepath.Join(dir, "ddl.sql")
	load := filepath.Join(dir, "load.sql")
	writeFile(t, ddl, []byte(`CREATE TABLE src (k int);
CREATE TABLE t (id serial PRIMARY KEY);
CREATE FUNCTION copy_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO t VALUES (NEW.k);
  RETURN NULL;
END $$;
CREATE TRIGGER src_copy AFTER INSERT ON src FOR EACH ROW EXECUTE FUNCTION copy_key();
`))
	writeFile(t, load, []byte("INSERT INTO src VALUES (10);\n"))
	source.RunStrict(t, ddl)
	schema := filepath.Join(dir, "schema.sql")
	c.DumpFile(t, source, schema, "--schema-only")
	want := truth(t, c, schema, load)
	if len(want) == 0 {
		t.Fatal("PostgreSQL finds no collision: the case tests nothing")
	}
	checktest.Compare(t, "a load on a schema with a trigger", verdictOf(t, analyzer.Options{Schema: []string{schema}, Paths: []string{load}}), want)
}
