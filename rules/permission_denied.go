package rules

import (
	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// PermissionDenied reports what the role reading a live database may not
// read: a sequence that feeds it is not checked.
var PermissionDenied = &analyzer.Rule{
	Name:     "permission-denied",
	Severity: analyzer.SeverityWarning,
	Live:     true,
	Doc: analyzer.Doc{
		Title: "the role reading a live database may not read a table's keys or a sequence's position",
		Why: `pgseqlint reads a live database (check --db, db) as the role it connects as, and needs no
superuser: SELECT on the tables and USAGE on the sequences are enough (SELECT on a sequence
that has not handed out a value yet, to see where it starts). Where the role lacks them, or
row-level security hides rows from it, the sequences concerned cannot be checked: a clean
report would prove nothing about them. Grant the role what it needs, or read as another.`,
		Bad: `CREATE TABLE users (id bigserial PRIMARY KEY, name text);
INSERT INTO users (id, name) VALUES (1, 'ada');
GRANT SELECT ON SEQUENCE users_id_seq TO auditor;`,
		Good: `CREATE TABLE users (id bigserial PRIMARY KEY, name text);
INSERT INTO users (id, name) VALUES (1, 'ada');
GRANT SELECT ON SEQUENCE users_id_seq TO auditor;
GRANT SELECT ON users TO auditor;`,
	},
	Finish: func(pass *analyzer.Pass) {
		origin := pass.Catalog.Origin()
		if origin == nil {
			return
		}
		for _, d := range origin.Denied {
			diag := analyzer.Diagnostic{Span: origin.Site.Span, Subject: &analyzer.Subject{Sequence: d.Sequence.QualifiedName()}}
			if d.Table != nil {
				diag.Subject.Table = script.QualifiedName(d.Table.Name)
				diag.Message = d.Reason + ": its keys were not read, so sequence " + d.Sequence.QualifiedName() +
					" is not checked against them (" + d.Grant + ")"
			} else {
				diag.Message = d.Reason + ": where it stands was not read, so it is not checked (" + d.Grant + ")"
			}
			pass.Report(diag)
		}
	},
}
