package rules

import (
	"fmt"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// SequenceNotFound reports a sequence name that finds no sequence, in a
// schema whose objects the script creates.
var SequenceNotFound = &analyzer.Rule{
	Name:     "sequence-not-found",
	Severity: analyzer.SeverityError,
	Doc: analyzer.Doc{
		Title: "a default, setval, nextval or ALTER SEQUENCE names a sequence that does not exist",
		Why: `A column default, setval, nextval or ALTER SEQUENCE ... RESTART that names a sequence the script
never creates fails with "relation does not exist": the setval or RESTART does not happen, and a
table whose default names it is not created (or, for a default written nextval('s'::text), every
insert that takes it fails). It happens when a sequence was renamed, when a dump was edited by
hand, or when a sample database points its defaults at sequences it forgot. pgseqlint reports it
only where the script defines the schema (creates it, or tables in it): elsewhere the sequence may
already be in the database.`,
		Bad: `CREATE TABLE users (id bigint PRIMARY KEY, name text);
CREATE SEQUENCE user_id_seq;
ALTER TABLE users ALTER COLUMN id SET DEFAULT nextval('users_id_seq');`,
		Good: `CREATE TABLE users (id bigint PRIMARY KEY, name text);
CREATE SEQUENCE users_id_seq OWNED BY users.id;
ALTER TABLE users ALTER COLUMN id SET DEFAULT nextval('users_id_seq');`,
	},
	OnStmt: func(pass *analyzer.Pass) {
		for _, ev := range pass.Events {
			ms, ok := ev.(*catalog.MissingSequence)
			if !ok {
				continue
			}
			seq := script.QualifiedName(ms.Name)
			where := "in schema " + script.QuoteIdent(ms.Name.Schema)
			if ms.Name.Schema == "" {
				where = "on the search path"
			}
			pass.Report(analyzer.Diagnostic{
				Span:    pass.Stmt.Span,
				Source:  pass.Stmt.LineAt(pass.Stmt.Span.Start),
				Message: fmt.Sprintf("%s names sequence %s, which does not exist %s", ms.Use, seq, where),
				Subject: &analyzer.Subject{Sequence: seq},
			})
		}
	},
}
