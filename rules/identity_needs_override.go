package rules

import (
	"fmt"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// IdentityNeedsOverride reports an INSERT that gives a GENERATED ALWAYS
// identity column a value without OVERRIDING SYSTEM VALUE.
var IdentityNeedsOverride = &analyzer.Rule{
	Name:     "identity-needs-override",
	Severity: analyzer.SeverityError,
	Doc: analyzer.Doc{
		Title: "an INSERT gives a GENERATED ALWAYS column a value without OVERRIDING SYSTEM VALUE",
		Why: `A GENERATED ALWAYS identity column takes only its sequence's values: an INSERT that gives it
one, from VALUES or from a query, fails with "cannot insert a non-DEFAULT value into column", and
none of its rows are loaded. pg_dump --inserts writes OVERRIDING SYSTEM VALUE for such tables; a
script written by hand, or converted from another database, often does not. COPY is not affected:
it always stores the values it is given.`,
		Bad: `CREATE TABLE users (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
INSERT INTO users (id, name) VALUES (1, 'ada'), (2, 'grace');
SELECT setval(pg_get_serial_sequence('users', 'id'), 2);`,
		Good: `CREATE TABLE users (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
INSERT INTO users (id, name) OVERRIDING SYSTEM VALUE VALUES (1, 'ada'), (2, 'grace');
SELECT setval(pg_get_serial_sequence('users', 'id'), 2);`,
	},
	OnStmt: func(pass *analyzer.Pass) {
		for _, ev := range pass.Events {
			io, ok := ev.(*catalog.IdentityOverride)
			if !ok {
				continue
			}
			col := io.Column
			subject := &analyzer.Subject{Table: script.QualifiedName(col.Table.Name), KeyColumn: col.Name}
			if col.Feed != nil {
				subject.Sequence = col.Feed.QualifiedName()
			}
			pass.Report(analyzer.Diagnostic{
				Span:    pass.Stmt.Span,
				Source:  pass.Stmt.LineAt(pass.Stmt.Span.Start),
				Message: fmt.Sprintf("cannot insert a value into %s without OVERRIDING SYSTEM VALUE: it is GENERATED ALWAYS AS IDENTITY", col.QualifiedName()),
				Subject: subject,
			})
		}
	},
}
