package rules

import (
	"github.com/pgseqlint/pgseqlint/analyzer"
)

// MissingSetval reports keys loaded into a sequence-fed column that nothing
// moves the sequence past.
var MissingSetval = &analyzer.Rule{
	Name:     "missing-setval",
	Severity: analyzer.SeverityError,
	Doc: analyzer.Doc{
		Title: "explicit keys are loaded and nothing moves the sequence past them",
		Why: `Rows loaded with their own keys (COPY, INSERT ... VALUES (42, ...), INSERT ... SELECT) do not
advance the sequence that feeds the key column. Unless a setval or RESTART follows, the next
ordinary insert takes the sequence's next value, which is already in the table, and fails with
"duplicate key value violates unique constraint". pg_dump writes the setval for you; hand-made
dumps, data-only restores and seed migrations often do not.`,
		Bad: `CREATE TABLE users (id bigserial PRIMARY KEY, name text);
INSERT INTO users (id, name) VALUES (1, 'ada'), (2, 'grace');`,
		Good: `CREATE TABLE users (id bigserial PRIMARY KEY, name text);
INSERT INTO users (id, name) VALUES (1, 'ada'), (2, 'grace');
SELECT setval(pg_get_serial_sequence('users', 'id'), max(id)) FROM users;`,
	},
	Finish: func(pass *analyzer.Pass) {
		for _, seq := range pass.Catalog.Sequences() {
			if c := seq.Collision(); c != nil && c.Stale == nil {
				pass.Report(collisionDiagnostic(c))
			}
		}
	},
}
