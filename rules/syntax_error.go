package rules

import (
	"fmt"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
)

// SyntaxError reports statements that PostgreSQL's parser rejects.
var SyntaxError = &analyzer.Rule{
	Name:     "syntax-error",
	Severity: analyzer.SeverityError,
	Doc: analyzer.Doc{
		Title: "the PostgreSQL parser rejects a statement",
		Why: `A statement the server cannot parse fails when the script runs; whatever it was meant to do
(create a table, move a sequence) does not happen, and psql goes on with the next statement unless
ON_ERROR_STOP is set. pgseqlint uses the server's own grammar, reports the exact position, and
checks the rest of the script as the server would run it: without that statement.`,
		Bad:  `SELECT setval('users_id_seq', 42 true);`,
		Good: `SELECT setval('users_id_seq', 42, true);`,
	},
	OnStmt: func(pass *analyzer.Pass) {
		for _, ev := range pass.Events {
			if se, ok := ev.(*catalog.SyntaxError); ok {
				d := analyzer.Diagnostic{
					Span:    se.Span,
					Source:  pass.Stmt.LineAt(se.Span.Start),
					Message: se.Message,
				}
				if target := pass.PGVersion(); target > analyzer.GrammarVersion {
					// Newer syntax (PostgreSQL 18's WITHOUT OVERLAPS, NOT
					// ENFORCED, virtual generated columns) is no error there.
					d.Severity = analyzer.SeverityWarning
					d.Message = fmt.Sprintf("%s (the parser reads PostgreSQL %d's grammar: PostgreSQL %d may accept this statement, which pgseqlint then does not see)", se.Message, analyzer.GrammarVersion, target)
				}
				pass.Report(d)
			}
		}
	},
}
