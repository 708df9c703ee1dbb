package analyzer

import "testing"

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"missing-setval", "missing-setval", 0},
		{"missing-setvl", "missing-setval", 1},
		{"missing_setval", "missing-setval", 1},
		{"misisng-setval", "missing-setval", 1}, // two letters swapped
		{"kitten", "sitting", 3},
		{"stale-setval", "missing-setval", 6},
	} {
		if got := editDistance(c.a, c.b); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestUnknownRule(t *testing.T) {
	known := []*Rule{{Name: "missing-setval"}, {Name: "stale-setval"}, {Name: "syntax-error"}, {Name: "bad-ignore"}}
	for name, want := range map[string]string{
		"missing-setvals": `unknown rule "missing-setvals" (did you mean missing-setval?)`,
		"Missing_Setval":  `unknown rule "Missing_Setval" (did you mean missing-setval?)`,
		"stale-setvla":    `unknown rule "stale-setvla" (did you mean stale-setval?)`,
		"syntaxerror":     `unknown rule "syntaxerror" (did you mean syntax-error?)`,
		"bad":             `unknown rule "bad" (pgseqlint rules lists them)`,
		"sequence-limit":  `unknown rule "sequence-limit" (pgseqlint rules lists them)`,
		"":                `unknown rule "" (pgseqlint rules lists them)`,
	} {
		if got := UnknownRule(known, name); got != want {
			t.Errorf("UnknownRule(%q) = %s, want %s", name, got, want)
		}
	}
}
