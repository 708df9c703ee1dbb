package analyzer_test

import (
	"path/filepath"
	"strings"
	"testing"

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
