package analyzer

import (
	"context"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
)

// readSchema reads the --schema paths before the script: a --schema-only
// dump, or a Serverpod definition.sql, says what the tables and sequences
// are when the migrations run. Only its DDL is read, and nothing in it is
// reported: it is context, not the change under review.
func (d *driver) readSchema(ctx context.Context) error {
	d.schema = true
	defer func() { d.schema = false }()
	for _, path := range d.opts.Schema {
		if err := d.runPath(ctx, path); err != nil {
			return err
		}
	}
	// The migrations run in a session of their own: a search_path the
	// schema set does not carry over.
	for _, c := range d.order {
		c.EndSession()
	}
	return nil
}

// schemaStatement reports whether a statement of a schema is read: the
// definitions of tables, sequences and schemas, the settings that say
// what their names mean, and the functions, triggers and rules that run
// when rows are loaded. Rows and sequence positions (INSERT, COPY, setval,
// DO) are data: loads in a schema do not count.
func schemaStatement(s ast.Stmt) bool {
	switch s.(type) {
	case *ast.CreateTable, *ast.AlterTable, *ast.CreateSequence, *ast.AlterSequence, *ast.Drop,
		*ast.CreateSchema, *ast.CreateRelation, *ast.CreateView, *ast.Rename, *ast.SetSchema, *ast.SetVar,
		*ast.CreateFunction, *ast.DropFunction, *ast.CreateTrigger, *ast.CreateRule, *ast.DropTrigger:
		return true
	}
	return false
}
