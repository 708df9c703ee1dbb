package analyzer_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
	"github.com/pgseqlint/pgseqlint/rules"
)

// TestPsqlDifferential runs the scripts that use psql's variables, \if
// blocks, ON_ERROR_STOP and ON_ERROR_ROLLBACK with psql itself, errors
// and all, and checks that the sequences pgseqlint finds colliding are
// those PostgreSQL holds. (Files named *_data.sql are included by the
// others.)
func TestPsqlDifferential(t *testing.T) {
	c := pgtest.Start(t)
	scripts, err := filepath.Glob("../testdata/psql/*.sql")
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	for _, path := range scripts {
		if strings.HasSuffix(path, "_data.sql") {
			continue
		}
		t.Run(strings.TrimSuffix(filepath.Base(path), ".sql"), func(t *testing.T) {
			abs, err := filepath.Abs(path)
			if err != nil {
				t.Fatal(err)
			}
			db := c.NewDatabase(t)
			stderr := db.Run(t, abs)
			want := colliding(t, db)
			res, err := analyzer.Check(context.Background(), analyzer.Options{Paths: []string{path}, Rules: rules.All()})
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, d := range res.Diagnostics {
				if d.Rule == "missing-setval" || d.Rule == "stale-setval" {
					seen[d.Subject.Sequence] = true
				}
			}
			t.Logf("colliding: %v; psql: %s", want, stderr)
			checktest.Compare(t, "psql "+filepath.Base(path)+" (stderr: "+stderr+")", sortedKeys(seen), want)
		})
	}
}
