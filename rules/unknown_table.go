package rules

import (
	"fmt"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
	"github.com/pgseqlint/pgseqlint/analyzer/source"
)

// UnknownTable reports rows loaded into a table that the script never
// creates: nothing about its keys can be proven.
var UnknownTable = &analyzer.Rule{
	Name:     "unknown-table",
	Severity: analyzer.SeverityError,
	Doc: analyzer.Doc{
		Title: "rows are loaded into a table the script never creates, so its keys cannot be checked",
		Why: `Whether loaded keys collide with a sequence depends on which columns the sequence feeds, and
only the table's definition says that. A data-only dump, a seed file or a migration checked
without the schema it runs against loads rows into tables pgseqlint has never seen: without their
definitions a clean report would prove nothing. Give the schema with --schema (a pg_dump
--schema-only dump, a Serverpod definition.sql), or check the schema and the data together.`,
		Bad: `-- data.sql, checked alone
COPY public.users (id, name) FROM stdin;
1	ada
\.`,
		Good: `CREATE TABLE public.users (id bigserial PRIMARY KEY, name text);
COPY public.users (id, name) FROM stdin;
1	ada
\.
SELECT pg_catalog.setval('public.users_id_seq', 1, true);`,
	},
	Finish: func(pass *analyzer.Pass) {
		for _, u := range pass.Catalog.UnknownTables() {
			pass.Report(analyzer.Diagnostic{
				Span:    u.First.At.Span,
				Source:  u.First.At.Source,
				Message: unknownTableMessage(u),
				Subject: &analyzer.Subject{Table: script.QualifiedName(u.Name)},
			})
		}
	},
}

func unknownTableMessage(u *catalog.UnknownTable) string {
	rows := "rows"
	if u.Loads == 1 && u.RowsKnown {
		rows = source.Plural(int(u.Rows), "row")
	}
	more := ""
	switch {
	case u.Loads > 1 && u.RowsKnown:
		more = fmt.Sprintf(" (with %s, %s in all)", source.Plural(u.Loads-1, "more load"), source.Plural(int(u.Rows), "row"))
	case u.Loads > 1:
		more = fmt.Sprintf(" (with %s)", source.Plural(u.Loads-1, "more load"))
	}
	return fmt.Sprintf("%s loads %s into %s, a table the script never creates%s: its keys cannot be checked; give its definition with --schema",
		u.First.Kind, rows, script.QualifiedName(u.Name), more)
}
