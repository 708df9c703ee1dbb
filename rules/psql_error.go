package rules

import (
	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
)

// PsqlError reports what psql itself rejects in the script's
// meta-commands, and where it stops the script because ON_ERROR_STOP is
// set.
var PsqlError = &analyzer.Rule{
	Name:     "psql-error",
	Severity: analyzer.SeverityError,
	Doc: analyzer.Doc{
		Title: "a meta-command psql rejects, or a failing statement where psql stops the script",
		Why: `psql reads the script before the server sees it: \set and \unset change variables that
statements use as :name, and \if, \elif, \else and \endif decide which statements run at all.
pgseqlint follows them as psql does, and reports what psql rejects: an \elif, \else or \endif
without its \if, an \if left open at the end of a file, a condition that is no boolean (psql
then takes it as false), a value ON_ERROR_STOP or ON_ERROR_ROLLBACK cannot take. When the script
sets ON_ERROR_STOP, psql stops at the first statement that fails: nothing after it runs, and
pgseqlint checks the script as it stops.`,
		Bad: `\set load_seed yes please
\if :load_seed
INSERT INTO users (id, name) VALUES (1, 'ada');
\endif`,
		Good: `\set load_seed yes
\if :load_seed
INSERT INTO users (id, name) VALUES (1, 'ada');
SELECT setval('users_id_seq', 1);
\endif`,
	},
	OnStmt: func(pass *analyzer.Pass) {
		for _, ev := range pass.Events {
			switch e := ev.(type) {
			case *catalog.PsqlError:
				pass.Report(analyzer.Diagnostic{
					Span:    e.Span,
					Source:  pass.Stmt.LineAt(e.Span.Start),
					Message: e.Message,
				})
			case *catalog.PsqlStopped:
				pass.Report(analyzer.Diagnostic{
					Span:     pass.Stmt.Span,
					Source:   pass.Stmt.LineAt(pass.Stmt.Span.Start),
					Severity: analyzer.SeverityWarning,
					Message:  "ON_ERROR_STOP is set and the statement fails: psql stops the script here, and nothing after it runs",
				})
			}
		}
	},
}
