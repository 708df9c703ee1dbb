package rules

import (
	"fmt"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// BadIgnore reports ignore comments that cannot be honoured: without a
// reason, naming a rule that does not exist, out of place, or silencing
// nothing.
var BadIgnore = &analyzer.Rule{
	Name:     "bad-ignore",
	Severity: analyzer.SeverityWarning,
	Doc: analyzer.Doc{
		Title: "an ignore comment has no reason, names an unknown rule, or silences nothing",
		Why: `-- pgseqlint-ignore RULE: reason, on the line before a statement or at the end of its first
line, silences RULE's findings in that statement; -- pgseqlint-ignore-file RULE: reason silences
them in the whole file. The reason is required: it tells the next reader why the finding does not
matter here. A comment that names a rule that does not exist, that stands where no statement
follows, or that no longer silences anything (the SQL was fixed since) hides nothing and misleads
whoever reads it; it should be corrected or removed.`,
		Bad: `CREATE TABLE users (id bigserial PRIMARY KEY, name text);
-- pgseqlint-ignore missing-setval
INSERT INTO users VALUES (1, 'ada');`,
		Good: `CREATE TABLE users (id bigserial PRIMARY KEY, name text);
-- pgseqlint-ignore missing-setval: the application calls setval after the import
INSERT INTO users VALUES (1, 'ada');`,
	},
	Ignores: func(pass *analyzer.Pass, ignores []*analyzer.Ignore) {
		for _, ig := range ignores {
			// The comment's first 200 bytes: a comment that names
			// thousands of rules is not repeated whole for each.
			source := script.FirstLine([]byte("-- " + ig.Text))
			report := func(format string, args ...any) {
				pass.Report(analyzer.Diagnostic{Span: ig.Span, Source: source, Message: fmt.Sprintf(format, args...)})
			}
			if ig.Malformed != "" {
				report("%s", ig.Malformed)
				continue
			}
			if ig.Reason == "" {
				report("ignore comment gives no reason: write the reason after a colon, as in -- pgseqlint-ignore %s: reason", ig.Rules[0].Name)
			}
			if !ig.Placed {
				report("ignore comment silences nothing: it is neither on the line before a statement nor at the end of a statement's first line")
				continue
			}
			var idle []string
			for _, r := range ig.Rules {
				switch {
				case !r.Known:
					report("ignore comment names %s", analyzer.UnknownRule(pass.KnownRules(), clip(r.Name)))
				case r.Ran && r.Silenced == 0:
					idle = append(idle, r.Name)
				}
			}
			if len(idle) > 0 {
				where := "this statement"
				if ig.WholeFile {
					where = "this file"
				}
				report("ignore comment silences nothing: %s has no %s finding", where, clip(strings.Join(idle, " or ")))
			}
		}
	},
}

// clip cuts a rule name read from a comment, which may be of any length,
// for a message.
func clip(name string) string {
	if len(name) <= 64 {
		return name
	}
	return name[:64] + "…"
}
