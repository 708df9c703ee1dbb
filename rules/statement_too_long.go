package rules

import (
	"fmt"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
)

// StatementTooLong reports statements longer than --max-statement-bytes,
// which are read past without being parsed.
var StatementTooLong = &analyzer.Rule{
	Name:     "statement-too-long",
	Severity: analyzer.SeverityWarning,
	Doc: analyzer.Doc{
		Title: "a statement is longer than --max-statement-bytes and was not checked",
		Why: `pgseqlint keeps at most --max-statement-bytes (64 MiB by default) of one statement, so that a
runaway statement (an unterminated string or dollar quote that swallows the rest of a dump, a
generated INSERT of millions of rows) cannot exhaust memory. A longer statement is read past
without being parsed: whatever it does (a load with explicit keys, a setval) is not seen, and the
findings after it may be missing or wrong. Raise the limit when the statement is meant to be that
long, or split it; pg_dump's --rows-per-insert keeps INSERT statements short. The example below
assumes --max-statement-bytes 64.`,
		Bad:  "INSERT INTO users (id, name) VALUES (1, 'ada'), (2, 'grace'), (3, 'edsger');",
		Good: "INSERT INTO users (id, name) VALUES (1, 'ada'), (2, 'grace');",
	},
	OnStmt: func(pass *analyzer.Pass) {
		for _, ev := range pass.Events {
			if tl, ok := ev.(*catalog.StatementTooLong); ok {
				pass.Report(analyzer.Diagnostic{
					Span:   pass.Stmt.Span,
					Source: pass.Stmt.LineAt(pass.Stmt.Span.Start),
					Message: fmt.Sprintf("statement of %d bytes is longer than --max-statement-bytes (%d): it was not parsed, so what it does is not checked",
						tl.Size, tl.Limit),
				})
			}
		}
	},
}
