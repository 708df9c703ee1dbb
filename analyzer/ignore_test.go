package analyzer

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// ruleName is what readRules takes for a rule's name.
var ruleName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// FuzzParseIgnore reads any comment as an ignore directive: a directive it
// accepts names rules that look like rule names, and written back in its
// canonical form it reads the same; a comment it refuses says why.
func FuzzParseIgnore(f *testing.F) {
	for _, seed := range []string{
		"pgseqlint-ignore missing-setval: seeded by hand",
		"pgseqlint-ignore missing-setval, stale-setval:reason",
		"pgseqlint-ignore-file syntax-error: generated",
		"pgseqlint-ignore missing-setval",
		"pgseqlint-ignore : no rule",
		"pgseqlint-ignored x: y",
		"pgseqlint-ignore\tA,b-: c",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ig := parseIgnore(script.Comment{Text: text})
		if ig.Malformed != "" {
			if len(ig.Rules) > 0 && !strings.Contains(ig.Malformed, "unknown directive") {
				t.Fatalf("%q: malformed (%s) with rules %v", text, ig.Malformed, ig.Rules)
			}
			return
		}
		if len(ig.Rules) == 0 || ig.Reason != strings.TrimSpace(ig.Reason) {
			t.Fatalf("%q: rules %v, reason %q", text, ig.Rules, ig.Reason)
		}
		var names []string
		for _, r := range ig.Rules {
			if !ruleName.MatchString(r.Name) {
				t.Fatalf("%q: rule name %q", text, r.Name)
			}
			names = append(names, r.Name)
		}
		directive := ignoreDirective
		if ig.WholeFile {
			directive = ignoreFileDirective
		}
		canonical := directive + " " + strings.Join(names, ",")
		if ig.Reason != "" {
			canonical += ": " + ig.Reason
		}
		again := parseIgnore(script.Comment{Text: canonical})
		var againNames []string
		for _, r := range again.Rules {
			againNames = append(againNames, r.Name)
		}
		if again.Malformed != "" || again.WholeFile != ig.WholeFile || again.Reason != ig.Reason || !slices.Equal(againNames, names) {
			t.Fatalf("%q read as %q, which reads as %+v", text, canonical, again)
		}
	})
}
