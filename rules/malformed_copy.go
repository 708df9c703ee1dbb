package rules

import (
	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
)

// MalformedCopy reports COPY data the server rejects, and COPY blocks that
// never end.
var MalformedCopy = &analyzer.Rule{
	Name:     "malformed-copy",
	Severity: analyzer.SeverityError,
	Doc: analyzer.Doc{
		Title: "a COPY block has a row the server rejects, or no \\. line to end it",
		Why: `COPY loads all of its rows or none: one row with too many or too few fields, or a key that is
not a number, fails the whole COPY ("extra data after last expected column", "missing data for
column", "invalid input syntax"), and the table stays empty. A COPY block that never reaches its
\. line is a dump cut short (a full disk, an interrupted transfer): psql takes everything after it
as data, so the statements that should follow, the setval lines among them, never run.`,
		Bad: "CREATE TABLE users (id bigserial PRIMARY KEY, name text);\n" +
			"COPY users (id, name) FROM stdin;\n" +
			"1\tada\n" +
			"2\tgrace\thopper\n" +
			"\\.\n" +
			"SELECT setval('users_id_seq', 2);",
		Good: "CREATE TABLE users (id bigserial PRIMARY KEY, name text);\n" +
			"COPY users (id, name) FROM stdin;\n" +
			"1\tada\n" +
			"2\tgrace hopper\n" +
			"\\.\n" +
			"SELECT setval('users_id_seq', 2);",
	},
	OnStmt: func(pass *analyzer.Pass) {
		for _, ev := range pass.Events {
			cp, ok := ev.(*catalog.CopyProblem)
			if !ok {
				continue
			}
			d := analyzer.Diagnostic{Span: cp.Span, Message: cp.Message}
			if cp.Unterminated {
				// The rows run to the end of the input: the COPY is where
				// to look.
				d.Span, d.Source = pass.Stmt.Span, pass.Stmt.LineAt(pass.Stmt.Span.Start)
			}
			pass.Report(d)
		}
	},
}
