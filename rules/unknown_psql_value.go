package rules

import (
	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
)

// UnknownPsqlValue reports where the script depends on a value psql takes
// from outside it, or on a psql setting pgseqlint does not follow.
var UnknownPsqlValue = &analyzer.Rule{
	Name:     "unknown-psql-value",
	Severity: analyzer.SeverityWarning,
	Doc: analyzer.Doc{
		Title: "the script depends on a psql value from outside it, so what runs cannot be checked",
		Why: "pgseqlint checks the script as `psql -f` runs it, without -v: it knows the variables the script\n" +
			"sets itself. A value from a shell command (`\\set v `date``), a variable psql sets from the\n" +
			"connection or the last query (:DBNAME, :ERROR, :ROW_COUNT), or a setting that changes how\n" +
			"statements are sent (AUTOCOMMIT off, SINGLELINE, SINGLESTEP) decides what runs in ways the script\n" +
			"does not hold. pgseqlint says where instead of guessing: a statement that uses such a value is not\n" +
			"run, and an \\if on one is taken as false. Set the value in the script, or check each variant.",
		Bad: `\if :ERROR
SELECT setval('users_id_seq', 1000);
\endif`,
		Good: `SELECT setval('users_id_seq', (SELECT max(id) FROM users));`,
	},
	OnStmt: func(pass *analyzer.Pass) {
		for _, ev := range pass.Events {
			if u, ok := ev.(*catalog.PsqlUnknown); ok {
				pass.Report(analyzer.Diagnostic{
					Span:    pass.Stmt.Span,
					Source:  pass.Stmt.LineAt(pass.Stmt.Span.Start),
					Message: u.Message,
				})
			}
		}
	},
}
