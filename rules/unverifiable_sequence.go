package rules

import (
	"fmt"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
)

// UnverifiableSequence reports code that may move a sequence, or load keys
// into a column it feeds, in ways pgseqlint cannot follow: a clean report
// says nothing about that sequence, and this finding says so.
var UnverifiableSequence = &analyzer.Rule{
	Name:     "unverifiable-sequence",
	Severity: analyzer.SeverityWarning,
	Doc: analyzer.Doc{
		Title: "code pgseqlint cannot follow may load keys or move a sequence, so the sequence cannot be checked",
		Why: `pgseqlint proves what a script does to its sequences by following every statement. It
follows procedural code too — a DO block, a function or procedure the script defines and calls,
a trigger or rule that inserts — when the code runs straight through a known number of times.
Code that branches on data (IF, CASE), loops, builds statements at run time with EXECUTE, catches
errors, or runs once per row of rows pgseqlint cannot count, may insert rows or move a sequence in
ways the script does not show. Where such code names a table a sequence feeds, or the sequence
itself, pgseqlint cannot say whether the keys stay below the sequence, and it says so and why
instead of staying silent: check the sequence after the script runs, or move the rows into plain
INSERT or COPY statements followed by a setval.`,
		Bad: `CREATE TABLE users (id serial PRIMARY KEY, name text);
DO $$
BEGIN
  FOR i IN 1..10 LOOP
    INSERT INTO users VALUES (i, 'user ' || i);
  END LOOP;
END $$;`,
		Good: `CREATE TABLE users (id serial PRIMARY KEY, name text);
INSERT INTO users SELECT i, 'user ' || i FROM generate_series(1, 10) AS i;
SELECT setval('users_id_seq', 10);`,
	},
	OnStmt: func(pass *analyzer.Pass) {
		for _, ev := range pass.Events {
			u, ok := ev.(*catalog.Unverifiable)
			if !ok {
				continue
			}
			for _, seq := range u.Sequences {
				pass.Report(analyzer.Diagnostic{
					Span:   pass.Stmt.Span,
					Source: pass.Stmt.LineAt(pass.Stmt.Span.Start),
					Message: fmt.Sprintf("%s may move sequence %s or load keys into a column it feeds, which pgseqlint cannot follow: its keys are not checked",
						u.Reason, seq.QualifiedName()),
					Subject: &analyzer.Subject{Sequence: seq.QualifiedName()},
				})
			}
		}
	},
}
