package analyzer_test

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
	"github.com/pgseqlint/pgseqlint/rules"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// verdict runs check on the files and returns the sequences it finds
// colliding (missing-setval or stale-setval), sorted.
func verdict(t *testing.T, files ...string) []string {
	t.Helper()
	return verdictOf(t, analyzer.Options{Paths: files})
}

// verdictOf is verdict for a run with options (the rules are all of them).
func verdictOf(t *testing.T, opts analyzer.Options) []string {
	t.Helper()
	return verdictWith(t, opts, func(s *analyzer.Subject) string { return s.Sequence })
}

// verdictBy is verdict with each colliding sequence named by name.
func verdictBy(t *testing.T, name func(*analyzer.Subject) string, files ...string) []string {
	t.Helper()
	return verdictWith(t, analyzer.Options{Paths: files}, name)
}

func verdictWith(t *testing.T, opts analyzer.Options, name func(*analyzer.Subject) string) []string {
	t.Helper()
	opts.Rules = rules.All()
	res, err := analyzer.Check(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, d := range res.Diagnostics {
		switch d.Rule {
		case "missing-setval", "stale-setval":
			seen[name(d.Subject)] = true
		case "syntax-error":
			t.Errorf("%s: %s", d.Span, d.Message)
		}
	}
	return sortedKeys(seen)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// truth restores the files into a fresh database and returns the sequences
// PostgreSQL says collide.
func truth(t *testing.T, c *pgtest.Cluster, files ...string) []string {
	t.Helper()
	db := c.NewDatabase(t)
	for _, f := range files {
		if stderr := db.Run(t, f); stderr != "" {
			t.Fatalf("restoring %s: %s", filepath.Base(f), stderr)
		}
	}
	return colliding(t, db)
}

// colliding returns the sequences PostgreSQL says collide in db, sorted.
func colliding(t *testing.T, db *pgtest.DB) []string {
	t.Helper()
	seen := map[string]bool{}
	for _, col := range db.Collisions(t) {
		seen[col.Sequence] = true
	}
	return sortedKeys(seen)
}

// TestDifferentialScenarios runs every scenario as a migration-style script
// and every pg_dump of it (each mode, with all, half and none of the setval
// lines), and checks that pgseqlint's verdict equals PostgreSQL's.
func TestDifferentialScenarios(t *testing.T) {
	c := pgtest.Start(t)
	scenarios, err := filepath.Glob("../testdata/scenarios/*.sql")
	if err != nil || len(scenarios) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	cases, sequences := 0, 0
	for _, path := range scenarios {
		name := strings.TrimSuffix(filepath.Base(path), ".sql")
		t.Run(name, func(t *testing.T) {
			want := truth(t, c, path)
			checktest.Compare(t, "the scenario script", verdict(t, path), want)
			cases++
			sequences += len(want)
			for _, v := range pgtest.Variants(t, c, path) {
				t.Run(v.Name, func(t *testing.T) {
					want := truth(t, c, v.Files...)
					checktest.Compare(t, v.Name, verdict(t, v.Files...), want)
					cases++
					sequences += len(want)
				})
			}
		})
	}
	t.Logf("%d cases, %d colliding sequences", cases, sequences)
}
