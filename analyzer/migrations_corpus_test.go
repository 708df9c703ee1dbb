package analyzer_test

import (
	"cmp"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
)

// subdirs lists the folders of dir.
func subdirs(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names
}

// flywayVersioned lists the V<major>_<minor>_<patch>__<name>.sql files of
// dir in the order of their versions, compared as numbers.
func flywayVersioned(t *testing.T, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "V*__*.sql"))
	version := func(path string) []int {
		v, _, _ := strings.Cut(strings.TrimPrefix(filepath.Base(path), "V"), "__")
		var nums []int
		for _, p := range strings.Split(v, "_") {
			n, err := strconv.Atoi(p)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			nums = append(nums, n)
		}
		return nums
	}
	slices.SortFunc(files, func(a, b string) int { return slices.Compare(version(a), version(b)) })
	return files
}

// TestDifferentialMigrationCorpus runs the real migration sets of the
// corpus in their tools' order, through pgseqlint and file by file into
// PostgreSQL, and compares the verdicts. The order is worked out here from
// each tool's rules, and pgseqlint must read the files in that order.
func TestDifferentialMigrationCorpus(t *testing.T) {
	root := corpusPath(t, "migrations")
	c := pgtest.Start(t)
	type set struct {
		name  string
		paths []string // the directories, as given to check
		files []string // what the tool runs, in order
		// newer is the first file that needs a newer PostgreSQL than 15,
		// and the error 15 gives: with 15, the set is compared up to it.
		newer     string
		newerFail *regexp.Regexp
		// clean is set when PostgreSQL is known to find no collision.
		clean bool
	}
	var sets []set

	// Serverpod: each module's migrations are a project's migrations
	// folder; the version folders run in the order of their names.
	serverpod := filepath.Join(root, "serverpod")
	for _, module := range subdirs(t, serverpod) {
		dir := filepath.Join(serverpod, module)
		versions := subdirs(t, dir)
		slices.Sort(versions)
		var files []string
		for _, v := range versions {
			files = append(files, filepath.Join(dir, v, "migration.sql"))
		}
		// Every row of serverpod_migrations takes its id from the sequence.
		sets = append(sets, set{name: "serverpod/" + module, paths: []string{dir}, files: files, clean: true})
	}

	// PCTS: Flyway locations, the versioned migrations and a data location
	// of one profile: a repeatable migration, or an afterMigrate callback.
	// (test-data-migration/db-scripts holds scripts the tests run
	// themselves, not named as Flyway scripts.)
	head := filepath.Join(root, "pcts/head")
	versioned := filepath.Join(head, "main/resources/db/migration")
	for _, data := range []string{
		"main/resources/db/dev-data-migration/R__after_migrate.sql",
		"main/resources/db/e2e-data-migration/R__after_migrate.sql",
		"test/resources/db/test-data-migration/afterMigrate__0_0_initialData.sql",
	} {
		path := filepath.Join(head, data)
		sets = append(sets, set{
			name:  "pcts/head+" + filepath.Base(filepath.Dir(path)),
			paths: []string{versioned, filepath.Dir(path)},
			files: append(flywayVersioned(t, versioned), path),
		})
	}
	old := filepath.Join(root, "pcts/2025-10-02")
	sets = append(sets, set{
		name:  "pcts/2025-10-02+dev-data-migration",
		paths: []string{filepath.Join(old, "migration"), filepath.Join(old, "dev-data-migration")},
		files: append(flywayVersioned(t, filepath.Join(old, "migration")),
			filepath.Join(old, "dev-data-migration/afterMigrate__0_0_initialData.sql")),
	})

	// Lemmy: diesel runs the folders' up.sql in the order of their
	// versions: the name up to the first underscore, without dashes.
	lemmy := filepath.Join(root, "lemmy")
	migrations := subdirs(t, lemmy)
	version := func(name string) string {
		v, _, _ := strings.Cut(name, "_")
		return strings.ReplaceAll(v, "-", "")
	}
	slices.SortFunc(migrations, func(a, b string) int { return cmp.Compare(version(a), version(b)) })
	var lemmyFiles []string
	for _, m := range migrations {
		lemmyFiles = append(lemmyFiles, filepath.Join(lemmy, m, "up.sql"))
	}
	// The smoosh-tables-together migration writes subqueries in FROM
	// without an alias, which PostgreSQL accepts from version 16 on.
	sets = append(sets, set{
		name: "lemmy", paths: []string{lemmy}, files: lemmyFiles,
		newer:     filepath.Join(lemmy, "2025-08-01-000016_smoosh-tables-together/up.sql"),
		newerFail: regexp.MustCompile(`ERROR:  subquery in FROM must have an alias`),
	})

	for _, s := range sets {
		t.Run(s.name, func(t *testing.T) {
			got, read := readSteps(t, analyzer.Options{Paths: s.paths})
			sameList(t, "files", read, s.files)
			files := s.files
			if i := slices.Index(files, s.newer); i >= 0 && c.Version() < 160000 {
				t.Logf("pgseqlint, all %d files: colliding sequences %q", len(files), got)
				files = files[:i]
				got = verdict(t, files...)
			}
			db := c.NewDatabase(t)
			for _, f := range files {
				if stderr := db.Run(t, f); stderr != "" {
					t.Fatalf("applying %s: %s", f, stderr)
				}
			}
			want := map[string]bool{}
			for _, col := range db.Collisions(t) {
				want[col.Sequence] = true
			}
			if s.clean && len(want) > 0 {
				t.Errorf("PostgreSQL finds collisions in a set known to have none: %v", sortedKeys(want))
			}
			checktest.Compare(t, s.name, got, sortedKeys(want))
			t.Logf("%d of %d files applied cleanly; colliding sequences: %q", len(files), len(s.files), sortedKeys(want))
			if len(files) < len(s.files) {
				if stderr := db.Run(t, s.newer); !s.newerFail.MatchString(stderr) {
					t.Errorf("PostgreSQL %d was expected to refuse %s; it said: %s", c.Version(), s.newer, stderr)
				}
			}
		})
	}
}
