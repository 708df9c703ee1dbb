package analyzer_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
)

// corpusPath finds a folder of the shared corpus of real dumps and
// migrations: shared/corpus in a directory above the package (the
// repository may sit a level or two below it).
func corpusPath(t *testing.T, parts ...string) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		corpus := filepath.Join(dir, "shared", "corpus")
		if _, err := os.Stat(filepath.Join(corpus, "README.md")); err == nil {
			return filepath.Join(append([]string{corpus}, parts...)...)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("the shared corpus is not here: no shared/corpus in a directory above the package")
		}
		dir = parent
	}
}

// TestDifferentialCorpus compares pgseqlint's verdict with PostgreSQL's on
// the real dumps of the corpus that restore cleanly.
func TestDifferentialCorpus(t *testing.T) {
	dumps := corpusPath(t, "dumps")
	c := pgtest.Start(t)
	cases := []struct {
		name  string
		files []string
		// database is the one the script creates and connects to, when it
		// does; otherwise the script runs in a fresh database.
		database string
		// tolerate matches errors the restore is known to print.
		tolerate *regexp.Regexp
	}{
		{name: "pagila", files: []string{"pagila/pagila-schema.sql", "pagila/pagila-data.sql"}},
		{name: "pagila-0.10.1", files: []string{"pagila-0.10.1/pagila-schema.sql", "pagila-0.10.1/pagila-data.sql"},
			tolerate: regexp.MustCompile(`(?m)\A(psql:[^\n]*(extension "plpgsql" already exists|language "plpgsql" already exists)[^\n]*\n)+\z`)},
		{name: "pagila-0.10.1-inserts", files: []string{"pagila-0.10.1/pagila-schema.sql", "pagila-0.10.1/pagila-insert-data.sql"},
			tolerate: regexp.MustCompile(`(?m)\A(psql:[^\n]*(extension "plpgsql" already exists|language "plpgsql" already exists)[^\n]*\n)+\z`)},
		{name: "neon-pagila", files: []string{"neon/pagila.sql"}},
		{name: "neon-chinook", files: []string{"neon/chinook.sql"}},
		{name: "neon-netflix", files: []string{"neon/netflix.sql"}},
		{name: "neon-periodic-table", files: []string{"neon/periodic_table.sql"}},
		{name: "neon-titanic", files: []string{"neon/titanic.sql"}},
		{name: "northwind", files: []string{"northwind/northwind.sql"}},
		{name: "world", files: []string{"world/world.sql"}},
		{name: "iso-3166", files: []string{"iso-3166/iso-3166.sql"}},
		{name: "french-towns", files: []string{"french-towns/french-towns-communes-francaises.sql"}},
		{name: "chinook", files: []string{"chinook/Chinook_PostgreSql.sql"}, database: "chinook"},
		{name: "chinook-serial", files: []string{"chinook/Chinook_PostgreSql_SerialPKs.sql"}, database: "chinook_serial"},
		{name: "chinook-identity", files: []string{"chinook/Chinook_PostgreSql_AutoIncrementPKs.sql"}, database: "chinook_auto_increment"},
		{name: "sakila", files: []string{"sakila-jooq/postgres-sakila-schema.sql", "sakila-jooq/postgres-sakila-insert-data-using-copy.sql"}},
		{name: "kanboard", files: []string{"kanboard/postgres.sql"}},
		{name: "pgexercises", files: []string{"pgexercises/clubdata.sql"}, database: "exercises"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var files []string
			for _, f := range tc.files {
				files = append(files, filepath.Join(dumps, f))
			}
			db := c.NewDatabase(t)
			if tc.database != "" {
				db = c.CreatedDatabase(t, tc.database)
			}
			for _, f := range files {
				runner := c.NewDatabase(t)
				if tc.database == "" {
					runner = db
				}
				if stderr := runner.Run(t, f); stderr != "" && (tc.tolerate == nil || !tc.tolerate.MatchString(stderr)) {
					t.Fatalf("restoring %s: %s", filepath.Base(f), stderr)
				}
			}
			want := map[string]bool{}
			for _, col := range db.Collisions(t) {
				want[col.Sequence] = true
			}
			checktest.Compare(t, tc.name, verdict(t, files...), sortedKeys(want))
		})
	}
}
