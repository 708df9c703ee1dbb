package rules

import (
	"github.com/pgseqlint/pgseqlint/analyzer"
)

// StaleSetval reports a setval or RESTART that runs after the keys were
// loaded but leaves the sequence at or below them.
var StaleSetval = &analyzer.Rule{
	Name:     "stale-setval",
	Severity: analyzer.SeverityError,
	Doc: analyzer.Doc{
		Title: "a setval or RESTART after the load leaves the sequence at or below the keys",
		Why: `setval(s, n) makes the next value n + increment; setval(s, n, false) makes it n itself, one
lower. A setval that names the wrong value, is off by one, or comes from a dump of a database whose
sequences were already behind (pg_dump faithfully writes setval(..., 1, false)) leaves the next
value on a key that exists, and the next insert fails with a duplicate key.`,
		Bad: `CREATE TABLE users (id serial PRIMARY KEY, name text);
INSERT INTO users VALUES (1, 'ada'), (2, 'grace');
SELECT pg_catalog.setval('public.users_id_seq', 2, false);`,
		Good: `CREATE TABLE users (id serial PRIMARY KEY, name text);
INSERT INTO users VALUES (1, 'ada'), (2, 'grace');
SELECT pg_catalog.setval('public.users_id_seq', 2, true);`,
	},
	Finish: func(pass *analyzer.Pass) {
		for _, seq := range pass.Catalog.Sequences() {
			if c := seq.Collision(); c != nil && c.Stale != nil {
				pass.Report(collisionDiagnostic(c))
			}
		}
	},
}
