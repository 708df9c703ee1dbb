package analyzer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
)

// archiveModes are the pg_dump archives a scenario database is dumped to:
// every format, with and without compression (PostgreSQL 15's pg_dump
// compresses with gzip only), written to a file and to a pipe (a custom
// archive written to a pipe has no data offsets), with COPY and with
// INSERT data, and schema and data apart.
var archiveModes = []struct {
	name  string
	files [][]string // pg_dump arguments, one archive per file
	pipe  bool
}{
	{name: "custom", files: [][]string{{"--format=custom"}}},
	{name: "custom-uncompressed", files: [][]string{{"--format=custom", "--compress=0"}}},
	{name: "custom-pipe", files: [][]string{{"--format=custom"}}, pipe: true},
	{name: "custom-inserts", files: [][]string{{"--format=custom", "--inserts"}}},
	{name: "custom-split", files: [][]string{{"--format=custom", "--schema-only"}, {"--format=custom", "--data-only"}}},
	{name: "directory", files: [][]string{{"--format=directory"}}},
	{name: "directory-uncompressed", files: [][]string{{"--format=directory", "--compress=0"}}},
	{name: "tar", files: [][]string{{"--format=tar"}}},
}

// TestDifferentialArchives dumps every scenario database to archives with
// the machine's pg_dump and checks, for each, that pgseqlint's verdict on
// the archive equals its verdict on the script `pg_restore -f -` makes of
// it, and equals what PostgreSQL says after `pg_restore` into a fresh
// database.
func TestDifferentialArchives(t *testing.T) {
	c := pgtest.Start(t)
	scenarios, err := filepath.Glob("../testdata/scenarios/*.sql")
	if err != nil || len(scenarios) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	cases, sequences := 0, 0
	for _, path := range scenarios {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".sql"), func(t *testing.T) {
			source := c.NewDatabase(t)
			source.RunStrict(t, path)
			dir := t.TempDir()
			for _, m := range archiveModes {
				t.Run(m.name, func(t *testing.T) {
					var archives, scripts []string
					for i, args := range m.files {
						archive := filepath.Join(dir, m.name+"."+string(rune('a'+i)))
						if m.pipe {
							writeFile(t, archive, c.DumpArchiveToPipe(t, source, args...))
						} else {
							c.DumpArchive(t, source, archive, args...)
						}
						script := archive + ".sql"
						writeFile(t, script, c.RestoreScript(t, archive))
						archives, scripts = append(archives, archive), append(scripts, script)
					}
					restored := c.NewDatabase(t)
					for _, a := range archives {
						if stderr := restored.Restore(t, a); stderr != "" {
							t.Fatalf("pg_restore %s: %s", filepath.Base(a), stderr)
						}
					}
					want := colliding(t, restored)
					got := verdict(t, archives...)
					checktest.Compare(t, "the archive against pg_restore -f -", got, verdict(t, scripts...))
					checktest.Compare(t, "the archive against the restored database", got, want)
					cases++
					sequences += len(want)
				})
			}
		})
	}
	t.Logf("%d archives, %d colliding sequences", cases, sequences)
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
