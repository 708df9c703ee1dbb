package analyzer_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
)

// fixtureDir holds archives and compressed dumps of the loads scenario made
// by the machine's pg_dump 15 and compression tools, for the tests that run
// without a server. TestMakeFixtures remakes them.
var fixtureDir = func() string {
	dir, err := filepath.Abs("../testdata/archives")
	if err != nil {
		panic(err)
	}
	return dir
}()

// TestMakeFixtures remakes the files of testdata/archives when
// PGSEQLINT_MAKE_FIXTURES=1: pg_dump's archives of the loads scenario in
// each format, pg_restore's script of the custom archive, the plain dump,
// and the plain dump compressed by each tool.
func TestMakeFixtures(t *testing.T) {
	if os.Getenv("PGSEQLINT_MAKE_FIXTURES") != "1" {
		t.Skip("set PGSEQLINT_MAKE_FIXTURES=1 to remake testdata/archives")
	}
	c := pgtest.Start(t)
	db := c.NewDatabase(t)
	db.RunStrict(t, "../testdata/scenarios/loads.sql")
	if err := os.RemoveAll(fixtureDir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(fixtureDir, 0o755); err != nil {
		t.Fatal(err)
	}
	at := func(name string) string { return filepath.Join(fixtureDir, name) }
	c.DumpArchive(t, db, at("loads.dump"), "--format=custom")
	c.DumpArchive(t, db, at("loads-uncompressed.dump"), "--format=custom", "--compress=0")
	c.DumpArchive(t, db, at("loads-inserts.dump"), "--format=custom", "--inserts")
	c.DumpArchive(t, db, at("loads.dir"), "--format=directory")
	c.DumpArchive(t, db, at("loads.tar"), "--format=tar")
	writeFile(t, at("loads-pipe.dump"), c.DumpArchiveToPipe(t, db, "--format=custom"))
	writeFile(t, at("loads.restore.sql"), c.RestoreScript(t, at("loads.dump")))
	writeFile(t, at("loads-inserts.restore.sql"), c.RestoreScript(t, at("loads-inserts.dump")))
	c.DumpFile(t, db, at("loads.sql"))
	for _, tool := range [][]string{{"gzip", "-k"}, {"zstd", "-q", "-k"}, {"lz4", "-q", "-k", "-m"}, {"bzip2", "-k"}, {"xz", "-k"}} {
		cmd := exec.Command(tool[0], append(tool[1:], at("loads.sql"))...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", tool[0], err, out)
		}
	}
}
