package report

import (
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

func TestGitHubEscapes(t *testing.T) {
	// Every character the runner treats specially, and text that looks
	// like an escape already.
	const s = "a%b\rc\nd:e,f=g::h%0A%25"
	if got, want := escapeGitHubData(s), "a%25b%0Dc%0Ad:e,f=g::h%250A%2525"; got != want {
		t.Errorf("data: got %q, want %q", got, want)
	}
	if got, want := escapeGitHubProperty(s), "a%25b%0Dc%0Ad%3Ae%2Cf=g%3A%3Ah%250A%2525"; got != want {
		t.Errorf("property: got %q, want %q", got, want)
	}
}

// runnerCommand is a workflow command as the GitHub Actions runner reads
// it (ActionCommand.TryParseV2 in actions/runner): the name up to a space,
// properties split at commas and then at the first "=", the message after
// the first "::" past the start, each unescaped by replacing its escapes in
// turn, %25 last.
type runnerCommand struct {
	name       string
	properties map[string]string
	message    string
}

func parseRunnerCommand(t *testing.T, line string) runnerCommand {
	t.Helper()
	if strings.ContainsAny(line, "\r\n") || !strings.HasPrefix(line, "::") {
		t.Fatalf("not one workflow command: %q", line)
	}
	end := strings.Index(line[2:], "::")
	if end < 0 {
		t.Fatalf("no end of properties: %q", line)
	}
	info, data := line[2:2+end], line[2+end+2:]
	cmd := runnerCommand{properties: map[string]string{}}
	name, props, _ := strings.Cut(info, " ")
	cmd.name = name
	unescape := func(s string, escapes ...string) string {
		for i := 0; i < len(escapes); i += 2 {
			s = strings.ReplaceAll(s, escapes[i+1], escapes[i])
		}
		return s
	}
	for _, p := range strings.Split(props, ",") {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			t.Fatalf("property without a value %q in %q", p, line)
		}
		if _, dup := cmd.properties[k]; dup {
			t.Fatalf("property %s twice in %q", k, line)
		}
		cmd.properties[k] = unescape(v, "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C", "%", "%25")
	}
	cmd.message = unescape(data, "\r", "%0D", "\n", "%0A", "%", "%25")
	return cmd
}

func TestGitHubCommandRoundTrip(t *testing.T) {
	const file = "db/late, fixes: 100%0A%25.sql"
	const message = "keys up to 7 in \"a,b\"::c\r\nsecond line: 50% done"
	for _, span := range []script.Span{
		{File: "x", Line: 3, Col: 6, CharCol: 5, EndLine: 3, EndCol: 11, EndCharCol: 9}, // after "é"
		{File: "x", Line: 3, Col: 6, CharCol: 5, EndLine: 3, EndCol: 6, EndCharCol: 5},  // a point
		{File: "x", Line: 3, Col: 6, CharCol: 5, EndLine: 4, EndCol: 2, EndCharCol: 2},
	} {
		d := analyzer.Diagnostic{Span: span, Rule: "missing-setval", Severity: analyzer.SeverityWarning, Message: message,
			Fix: &analyzer.Fix{SQL: "SELECT setval('s', 7);"}}
		cmd := parseRunnerCommand(t, githubCommand(d, file))
		want := map[string]string{"file": file, "line": "3", "endLine": "3", "col": "5", "endColumn": "8", "title": "pgseqlint missing-setval"}
		switch {
		case span.EndCol == span.Col:
			want["endColumn"] = "5"
		case span.EndLine != span.Line:
			want["endLine"] = "4"
			delete(want, "col")
			delete(want, "endColumn")
		}
		if cmd.name != "warning" {
			t.Errorf("command %q, want warning", cmd.name)
		}
		if len(cmd.properties) != len(want) {
			t.Errorf("properties %q, want %q", cmd.properties, want)
		}
		for k, v := range want {
			if cmd.properties[k] != v {
				t.Errorf("%s=%q, want %q", k, cmd.properties[k], v)
			}
		}
		if want := message + "\nhint: SELECT setval('s', 7);"; cmd.message != want {
			t.Errorf("message %q, want %q", cmd.message, want)
		}
	}
}
