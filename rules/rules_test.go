package rules_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/rules"
)

var wantComment = regexp.MustCompile(`--\s*want\s+(.*)$`)
var quoted = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)

// expectation is a -- want "regexp" comment: a finding of the rule must
// start on its line with a message that matches.
type expectation struct {
	line int
	re   *regexp.Regexp
	raw  string
}

func readWants(t *testing.T, path string) []expectation {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var wants []expectation
	for i, line := range strings.Split(string(data), "\n") {
		m := wantComment.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		for _, q := range quoted.FindAllStringSubmatch(m[1], -1) {
			pattern := strings.ReplaceAll(q[1], `\"`, `"`)
			re, err := regexp.Compile(pattern)
			if err != nil {
				t.Fatalf("%s:%d: bad want %q: %v", path, i+1, pattern, err)
			}
			wants = append(wants, expectation{line: i + 1, re: re, raw: pattern})
		}
	}
	return wants
}

// TestRuleCases runs the rules over each rule's cases in testdata/<rule>/:
// every finding of that rule, and every complaint about an ignore comment,
// must be wanted, and every want found. All the rules run, as they do for
// users, so that ignore comments meet the findings they silence.
func TestRuleCases(t *testing.T) {
	for _, rule := range rules.All() {
		files, _ := filepath.Glob(filepath.Join("testdata", rule.Name, "*.sql"))
		if len(files) == 0 {
			t.Errorf("rule %s has no cases in testdata/%s", rule.Name, rule.Name)
		}
		for _, file := range files {
			t.Run(rule.Name+"/"+filepath.Base(file), func(t *testing.T) {
				checkWants(t, rule, file)
			})
		}
	}
}

func checkWants(t *testing.T, rule *analyzer.Rule, file string) {
	wants := readWants(t, file)
	matched := make([]bool, len(wants))
	findings := findingsOf(t, file, rule, rules.BadIgnore)
	if rule.Live {
		// What a live database holds has no line: a want matches anywhere.
		findings = liveFindingsOf(t, file, rule)
		for i := range wants {
			wants[i].line = 0
		}
	}
	for _, d := range findings {
		found := false
		for i, w := range wants {
			if !matched[i] && w.line == d.Span.Line && w.re.MatchString(d.Message) {
				matched[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("%s:%d:%d: unexpected finding: %s", file, d.Span.Line, d.Span.Col, d.Message)
		}
	}
	for i, w := range wants {
		if !matched[i] {
			t.Errorf("%s:%d: no finding matching %q", file, w.line, w.raw)
		}
	}
}

// TestRegistry checks what every rule must have: a unique kebab-case
// name, a severity, and complete documentation.
func TestRegistry(t *testing.T) {
	kebab := regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	seen := map[string]bool{}
	for _, r := range rules.All() {
		if !kebab.MatchString(r.Name) {
			t.Errorf("rule name %q is not kebab-case", r.Name)
		}
		if seen[r.Name] {
			t.Errorf("rule %q registered twice", r.Name)
		}
		seen[r.Name] = true
		if r.Severity != analyzer.SeverityError && r.Severity != analyzer.SeverityWarning {
			t.Errorf("%s: no severity", r.Name)
		}
		d := r.Doc
		if d.Title == "" || d.Why == "" || d.Bad == "" || d.Good == "" {
			t.Errorf("%s: documentation incomplete: %+v", r.Name, d)
		}
		if strings.HasSuffix(d.Title, ".") || d.Title != strings.ToLower(d.Title[:1])+d.Title[1:] {
			t.Errorf("%s: title %q should start lower case and have no final period", r.Name, d.Title)
		}
		if r.OnStmt == nil && r.Finish == nil && r.Ignores == nil {
			t.Errorf("%s: neither OnStmt, Finish nor Ignores", r.Name)
		}
		if rules.ByName(r.Name) != r {
			t.Errorf("ByName(%q) does not find the rule", r.Name)
		}
	}
}

// TestDocExamples runs each rule's documented examples: the bad one must
// fire, the good one must not.
func TestDocExamples(t *testing.T) {
	for _, r := range rules.All() {
		for _, ex := range []struct {
			sql  string
			want bool
		}{{r.Doc.Bad, true}, {r.Doc.Good, false}} {
			path := filepath.Join(t.TempDir(), "example.sql")
			if err := os.WriteFile(path, []byte(ex.sql), 0o644); err != nil {
				t.Fatal(err)
			}
			found := findingsOf(t, path, r)
			if r.Live {
				found = liveFindingsOf(t, path, r)
			}
			if got := len(found) > 0; got != ex.want {
				t.Errorf("%s: example fires=%v, want %v:\n%s\n%s", r.Name, got, ex.want, ex.sql, describe(found))
			}
		}
	}
}

// findingsOf checks the file with every rule and returns the findings of
// some.
func findingsOf(t *testing.T, file string, of ...*analyzer.Rule) []analyzer.Diagnostic {
	t.Helper()
	opts := analyzer.Options{Paths: []string{file}, Rules: rules.All()}
	if slices.Contains(of, rules.StatementTooLong) {
		// Its cases and examples stay short under a small limit.
		opts.MaxStmtBytes = 64
	}
	res, err := analyzer.Check(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	var found []analyzer.Diagnostic
	for _, d := range res.Diagnostics {
		for _, r := range of {
			if d.Rule == r.Name {
				found = append(found, d)
				break
			}
		}
	}
	return found
}

func describe(found []analyzer.Diagnostic) string {
	var b strings.Builder
	for _, d := range found {
		fmt.Fprintf(&b, "  %s: %s\n", d.Span, d.Message)
	}
	return b.String()
}
