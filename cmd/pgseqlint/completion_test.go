package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/rules"
)

// TestCompletion asks for completions as the shell scripts of pgseqlint
// completion do (the hidden __complete command), and checks what is
// offered: the values of --format, --layout, --fail-on and --color, and
// rule names to --enable, --disable and explain.
func TestCompletion(t *testing.T) {
	var ruleNames []string
	for _, r := range rules.All() {
		ruleNames = append(ruleNames, r.Name)
	}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"check", "--format", ""}, []string{"text", "json", "sarif", "github", "gitlab"}},
		{[]string{"db", "--format", ""}, []string{"text", "json", "sarif", "github", "gitlab"}},
		{[]string{"check", "--fail-on", ""}, []string{"error", "warning", "never"}},
		{[]string{"check", "--color", ""}, []string{"auto", "always", "never"}},
		{[]string{"fix", "--layout", ""}, []string{"auto", "golang-migrate", "goose", "dbmate", "flyway", "diesel", "serverpod", "plain"}},
		{[]string{"check", "--enable", ""}, ruleNames},
		{[]string{"fix", "--disable", ""}, ruleNames},
		{[]string{"explain", ""}, ruleNames},
		{[]string{"explain", "missing-setval", ""}, nil},
	} {
		var out, errOut bytes.Buffer
		code := run(append([]string{"__complete"}, tc.args...), streams{in: strings.NewReader(""), out: &out, err: &errOut})
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		// The last line is the directive: :4 is no file completion.
		if code != 0 || len(lines) == 0 || lines[len(lines)-1] != ":4" {
			t.Errorf("%s: exit %d, output %q", strings.Join(tc.args, " "), code, out.String())
			continue
		}
		if got := lines[:len(lines)-1]; !slices.Equal(got, tc.want) {
			t.Errorf("%s offers %q, want %q", strings.Join(tc.args, " "), got, tc.want)
		}
	}
}
