package fix_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/fix"
	"github.com/pgseqlint/pgseqlint/analyzer/golden"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
	"github.com/pgseqlint/pgseqlint/analyzer/report"
)

// goldenFixCases are the inputs whose patches are kept as golden files:
// the README's example and the cases written for fix, relative to the
// repository's root.
func goldenFixCases(t *testing.T) []string {
	t.Helper()
	t.Chdir("../..")
	cases, err := filepath.Glob("testdata/fix/*.sql")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no fix cases: %v", err)
	}
	return append([]string{"testdata/examples/serverpod/dump.sql"}, cases...)
}

// TestFixGolden keeps the patch, the --static patch and the -d diff of each
// case in testdata/fix/golden (go test -update rewrites them).
func TestFixGolden(t *testing.T) {
	for _, path := range goldenFixCases(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".sql")
		if name == "dump" {
			name = filepath.Base(filepath.Dir(path))
		}
		t.Run(name, func(t *testing.T) {
			res := checktest.Run(t, nil, path)
			for _, form := range []struct {
				suffix string
				static bool
			}{{".sql", false}, {".static.sql", true}} {
				var out bytes.Buffer
				if err := fix.NewPatch(res, form.static).Write(&out); err != nil {
					t.Fatal(err)
				}
				golden.Check(t, filepath.Join("testdata/fix/golden", name+form.suffix), out.Bytes())
			}
			files, err := fix.InPlaceFiles(analyzer.Options{Paths: []string{path}})
			if err != nil {
				t.Fatal(err)
			}
			var diff bytes.Buffer
			if err := fix.NewPatch(res, false).WriteDiff(&diff, files); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata/fix/golden", name+".diff"), diff.Bytes())
		})
	}
}

// TestFixMatchesCheck: the statements of the patch are the ones check
// gives, as the hint of its text output and as the fix field of its JSON.
func TestFixMatchesCheck(t *testing.T) {
	for _, path := range goldenFixCases(t) {
		t.Run(path, func(t *testing.T) {
			res := checktest.Run(t, nil, path)
			var patch, text, js bytes.Buffer
			if err := fix.NewPatch(res, false).Write(&patch); err != nil {
				t.Fatal(err)
			}
			if err := report.WriteText(&text, res, report.TextStyle{}); err != nil {
				t.Fatal(err)
			}
			if err := report.WriteJSON(&js, res, report.Tool{}); err != nil {
				t.Fatal(err)
			}
			var report struct{ Diagnostics []struct{ Fix string } }
			if err := json.Unmarshal(js.Bytes(), &report); err != nil {
				t.Fatal(err)
			}
			var statements, hints, fields []string
			for _, line := range strings.Split(patch.String(), "\n") {
				if strings.HasPrefix(line, "SELECT ") {
					statements = append(statements, line)
				}
			}
			for _, line := range strings.Split(text.String(), "\n") {
				if hint, ok := strings.CutPrefix(line, "    hint: "); ok {
					hints = append(hints, hint)
				}
			}
			for _, d := range report.Diagnostics {
				if d.Fix != "" {
					fields = append(fields, d.Fix)
				}
			}
			if len(statements) == 0 {
				t.Fatal("the patch is empty")
			}
			checktest.Compare(t, "the text report's hints", hints, statements)
			checktest.Compare(t, "the JSON report's fix fields", fields, statements)
		})
	}
}

// TestFixEmptyTable: keys pgseqlint cannot see go into a table that ends
// up empty; after the patch the sequence hands out its start value.
func TestFixEmptyTable(t *testing.T) {
	c := pgtest.Start(t)
	path := "../../testdata/fix/empty_table.sql"
	fix := writePatch(t, filepath.Join(t.TempDir(), "fix.sql"), fix.NewPatch(checktest.Run(t, nil, path), false))
	db := restore(t, c, path, fix)
	if got := db.Exec(t, "SELECT nextval('ticket_ids')"); got != "100" {
		t.Errorf("after the patch, nextval('ticket_ids') = %s, want its start, 100", got)
	}
}
