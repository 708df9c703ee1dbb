package report_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/golden"
	"github.com/pgseqlint/pgseqlint/analyzer/report"
	"github.com/pgseqlint/pgseqlint/rules"
)

// TestRuleDocs holds docs/rules to the rules' documentation: each rule has
// its page, written from the registry (run with -update after changing a
// rule's Doc), and no page is left of a rule that is gone.
func TestRuleDocs(t *testing.T) {
	var want []string
	for _, r := range rules.All() {
		path := filepath.Join("../..", report.RuleDocPath(r))
		page := report.RulePage(r)
		for _, part := range []string{"# " + r.Name + "\n", r.Doc.Why, r.Doc.Good} {
			if !strings.Contains(page, part) {
				t.Errorf("%s: the page lacks %q", r.Name, part)
			}
		}
		golden.Check(t, path, []byte(page))
		want = append(want, filepath.Base(path))
	}
	entries, err := os.ReadDir("../../docs/rules")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !slices.Contains(want, e.Name()) {
			t.Errorf("docs/rules/%s is the page of no rule", e.Name())
		}
	}
}
