// Package pgparse is the one place that sees PostgreSQL's parser
// (libpg_query, the PostgreSQL 17 grammar). It turns a statement's text into
// pgseqlint's own model (package ast); everything else works on that.
package pgparse

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	pg "github.com/pganalyze/pg_query_go/v6"
	pgparser "github.com/pganalyze/pg_query_go/v6/parser"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
)

// SyntaxError is the parser's rejection of a statement.
type SyntaxError struct {
	Message string
	// Offset is the byte offset in the text where the parser stopped, or -1
	// when it gave no position.
	Offset int
}

func (e *SyntaxError) Error() string { return e.Message }

// Parse parses the text of one or more SQL statements. The text must be
// valid UTF-8 without NUL bytes; the caller keeps positions intact by
// replacing other bytes one for one.
func Parse(text string) ([]ast.Stmt, error) {
	tree, err := pg.Parse(text)
	if err != nil {
		return nil, syntaxError(text, err)
	}
	stmts := make([]ast.Stmt, 0, len(tree.Stmts))
	for _, raw := range tree.Stmts {
		stmts = appendRaw(stmts, text, raw)
	}
	return stmts, nil
}

// appendRaw converts one statement of text. The statements that keep code
// or text of their own get it here, and functions called where pgseqlint
// does not count how often come first, as an ast.Calls.
func appendRaw(stmts []ast.Stmt, text string, raw *pg.RawStmt) []ast.Stmt {
	switch {
	case raw.Stmt.GetDoStmt() != nil:
		return append(stmts, doBlock(raw.Stmt.GetDoStmt(), statementText(text, raw)))
	case raw.Stmt.GetCreateFunctionStmt() != nil:
		return append(stmts, createFunction(raw.Stmt.GetCreateFunctionStmt(), statementText(text, raw)))
	case raw.Stmt.GetRuleStmt() != nil:
		return append(stmts, createRule(raw.Stmt.GetRuleStmt(), statementText(text, raw)))
	}
	st := convertStmt(raw.Stmt)
	if op, ok := st.(*ast.Unfollowed); ok {
		op.Text = statementText(text, raw)
	}
	if calls := uncountedCalls(raw.Stmt, st); calls != nil {
		stmts = append(stmts, calls)
	}
	return append(stmts, st)
}

// statementText is one statement's text among text's; a length of 0 runs
// to the end.
func statementText(text string, raw *pg.RawStmt) string {
	start := min(int(raw.StmtLocation), len(text))
	if raw.StmtLen == 0 {
		return text[start:]
	}
	return text[start:min(start+int(raw.StmtLen), len(text))]
}

func syntaxError(text string, err error) *SyntaxError {
	perr, ok := err.(*pgparser.Error)
	if !ok {
		return &SyntaxError{Message: err.Error(), Offset: -1}
	}
	se := &SyntaxError{Message: perr.Message, Offset: -1}
	if perr.Cursorpos > 0 {
		// The server counts the cursor in characters, from 1.
		se.Offset = byteOffset(text, perr.Cursorpos-1)
	}
	return se
}

// byteOffset returns the byte offset of the n-th character of text.
func byteOffset(text string, n int) int {
	off := 0
	for i := 0; i < n && off < len(text); i++ {
		_, size := utf8.DecodeRuneInString(text[off:])
		off += size
	}
	return off
}

func convertStmt(n *pg.Node) ast.Stmt {
	switch {
	case n.GetCreateStmt() != nil:
		return createTable(n.GetCreateStmt())
	case n.GetCreateTableAsStmt() != nil:
		s := n.GetCreateTableAsStmt()
		if s.Objtype == pg.ObjectType_OBJECT_MATVIEW {
			v := createView(rangeVarName(s.Into.GetRel()), s.Query.GetSelectStmt())
			v.Materialized, v.Base = true, nil
			return v
		}
		return &ast.CreateTable{
			Name:        rangeVarName(s.Into.GetRel()),
			Temp:        s.Into.GetRel().GetRelpersistence() == "t",
			IfNotExists: s.IfNotExists,
			AsQuery:     true,
			AsColumns:   stringList(s.Into.GetColNames()),
		}
	case n.GetAlterTableStmt() != nil:
		return alterTable(n.GetAlterTableStmt())
	case n.GetCreateSeqStmt() != nil:
		s := n.GetCreateSeqStmt()
		return &ast.CreateSequence{
			Name:        rangeVarName(s.Sequence),
			Temp:        s.Sequence.GetRelpersistence() == "t",
			IfNotExists: s.IfNotExists,
			Options:     seqOptions(s.Options),
		}
	case n.GetAlterSeqStmt() != nil:
		s := n.GetAlterSeqStmt()
		return &ast.AlterSequence{Name: rangeVarName(s.Sequence), IfExists: s.MissingOk, Options: seqOptions(s.Options)}
	case n.GetRenameStmt() != nil:
		return rename(n.GetRenameStmt())
	case n.GetAlterObjectSchemaStmt() != nil:
		s := n.GetAlterObjectSchemaStmt()
		kind := objectKind(s.ObjectType)
		if kind == ast.ObjOther || s.Relation == nil {
			return &ast.Unmodeled{}
		}
		return &ast.SetSchema{Kind: kind, Name: rangeVarName(s.Relation), NewSchema: s.Newschema, IfExists: s.MissingOk}
	case n.GetDropStmt() != nil:
		return drop(n.GetDropStmt())
	case n.GetCreateSchemaStmt() != nil:
		s := n.GetCreateSchemaStmt()
		name := s.Schemaname
		if name == "" && s.Authrole != nil {
			// CREATE SCHEMA AUTHORIZATION role names the schema after the role.
			name = s.Authrole.GetRolename()
		}
		cs := &ast.CreateSchema{Name: name, IfNotExists: s.IfNotExists}
		for _, elt := range s.SchemaElts {
			cs.Elements = append(cs.Elements, convertStmt(elt))
		}
		return cs
	case n.GetIndexStmt() != nil:
		s := n.GetIndexStmt()
		if s.Idxname == "" {
			return &ast.Unmodeled{}
		}
		return &ast.CreateRelation{Name: ast.QName{Name: s.Idxname}, Table: rangeVarName(s.Relation)}
	case n.GetViewStmt() != nil:
		vs := n.GetViewStmt()
		v := createView(rangeVarName(vs.View), vs.Query.GetSelectStmt())
		v.Temp, v.Replace, v.Aliases = vs.View.GetRelpersistence() == "t", vs.Replace, stringList(vs.Aliases)
		return v
	case dataModifyingWith(withClause(n)):
		return withStmt(n)
	case n.GetInsertStmt() != nil:
		return insert(n.GetInsertStmt())
	case n.GetCopyStmt() != nil:
		return copyStmt(n.GetCopyStmt())
	case n.GetSelectStmt() != nil:
		return selectStmt(n.GetSelectStmt())
	case n.GetTruncateStmt() != nil:
		s := n.GetTruncateStmt()
		t := &ast.Truncate{RestartIdentity: s.RestartSeqs, Cascade: s.Behavior == pg.DropBehavior_DROP_CASCADE}
		for _, r := range s.Relations {
			rv := r.GetRangeVar()
			t.Tables = append(t.Tables, ast.TruncateTarget{Name: rangeVarName(rv), Only: !rv.GetInh()})
		}
		return t
	case n.GetDeleteStmt() != nil:
		return deleteStmt(n.GetDeleteStmt())
	case n.GetUpdateStmt() != nil:
		return update(n.GetUpdateStmt())
	case n.GetVariableSetStmt() != nil:
		return setVar(n.GetVariableSetStmt())
	case n.GetTransactionStmt() != nil:
		return transaction(n.GetTransactionStmt())
	case n.GetMergeStmt() != nil:
		return merge(n.GetMergeStmt())
	case n.GetCallStmt() != nil:
		fc := n.GetCallStmt().GetFunccall()
		return &ast.Call{Name: qualifiedName(fc.GetFuncname()), Args: exprs(fc.GetArgs())}
	case n.GetCreateTrigStmt() != nil:
		return createTrigger(n.GetCreateTrigStmt())
	case n.GetDiscardStmt() != nil:
		switch n.GetDiscardStmt().Target {
		case pg.DiscardMode_DISCARD_ALL:
			return &ast.Discard{All: true}
		case pg.DiscardMode_DISCARD_TEMP:
			return &ast.Discard{}
		}
	case n.GetVacuumStmt() != nil, n.GetCreatedbStmt() != nil, n.GetDropdbStmt() != nil,
		n.GetCreateTableSpaceStmt() != nil, n.GetDropTableSpaceStmt() != nil, n.GetAlterSystemStmt() != nil:
		return &ast.NoBlock{}
	}
	return &ast.Unmodeled{}
}

// withClause is the WITH clause of a query or a data-modifying statement,
// or nil.
func withClause(n *pg.Node) *pg.WithClause {
	switch {
	case n.GetSelectStmt() != nil:
		return n.GetSelectStmt().WithClause
	case n.GetInsertStmt() != nil:
		return n.GetInsertStmt().WithClause
	case n.GetUpdateStmt() != nil:
		return n.GetUpdateStmt().WithClause
	case n.GetDeleteStmt() != nil:
		return n.GetDeleteStmt().WithClause
	}
	return nil
}

// cteNames are the names a WITH clause gives its queries.
func cteNames(w *pg.WithClause) []string {
	var names []string
	for _, cte := range w.GetCtes() {
		names = append(names, cte.GetCommonTableExpr().GetCtename())
	}
	return names
}

// dataModifyingWith reports whether a query's WITH holds an INSERT,
// UPDATE, DELETE or MERGE: it runs whatever the outer query reads.
func dataModifyingWith(w *pg.WithClause) bool {
	for _, cte := range w.GetCtes() {
		q := cte.GetCommonTableExpr().GetCtequery()
		if q.GetInsertStmt() != nil || q.GetUpdateStmt() != nil || q.GetDeleteStmt() != nil || q.GetMergeStmt() != nil {
			return true
		}
	}
	return false
}

func transaction(s *pg.TransactionStmt) ast.Stmt {
	t := &ast.Transaction{Savepoint: s.SavepointName, Chain: s.Chain}
	switch s.Kind {
	case pg.TransactionStmtKind_TRANS_STMT_BEGIN, pg.TransactionStmtKind_TRANS_STMT_START:
		t.Kind = ast.TxBegin
	case pg.TransactionStmtKind_TRANS_STMT_COMMIT:
		t.Kind = ast.TxCommit
	case pg.TransactionStmtKind_TRANS_STMT_ROLLBACK:
		t.Kind = ast.TxRollback
	case pg.TransactionStmtKind_TRANS_STMT_SAVEPOINT:
		t.Kind = ast.TxSavepoint
	case pg.TransactionStmtKind_TRANS_STMT_RELEASE:
		t.Kind = ast.TxRelease
	case pg.TransactionStmtKind_TRANS_STMT_ROLLBACK_TO:
		t.Kind = ast.TxRollbackTo
	case pg.TransactionStmtKind_TRANS_STMT_PREPARE:
		t.Kind = ast.TxPrepare
	default:
		t.Kind = ast.TxPrepared
	}
	return t
}

func rangeVarName(rv *pg.RangeVar) ast.QName {
	if rv == nil {
		return ast.QName{}
	}
	return ast.QName{Schema: rv.Schemaname, Name: rv.Relname}
}

// qualifiedName reads a name given as a list of strings: [schema.]name, or
// [schema.]table.column when withColumn is set.
func qualifiedName(nodes []*pg.Node) ast.QName {
	parts := stringList(nodes)
	switch len(parts) {
	case 0:
		return ast.QName{}
	case 1:
		return ast.QName{Name: parts[0]}
	}
	return ast.QName{Schema: parts[len(parts)-2], Name: parts[len(parts)-1]}
}

func stringList(nodes []*pg.Node) []string {
	out := make([]string, 0, len(nodes))
	for _, n := range nodes {
		if s := n.GetString_(); s != nil {
			out = append(out, s.Sval)
		}
	}
	return out
}

func typeName(t *pg.TypeName) ast.TypeName {
	if t == nil {
		return ast.TypeName{}
	}
	return ast.TypeName{Names: stringList(t.Names), Array: len(t.ArrayBounds) > 0}
}

func createTable(s *pg.CreateStmt) ast.Stmt {
	ct := &ast.CreateTable{
		Name:        rangeVarName(s.Relation),
		Temp:        s.Relation.GetRelpersistence() == "t",
		IfNotExists: s.IfNotExists,
	}
	for _, elt := range s.TableElts {
		switch {
		case elt.GetColumnDef() != nil:
			def := columnDef(elt.GetColumnDef())
			ct.Elements = append(ct.Elements, def)
			for _, c := range elt.GetColumnDef().Constraints {
				if name := indexName(c.GetConstraint()); name != "" {
					ct.IndexNames = append(ct.IndexNames, name)
				}
			}
			if def.References != nil {
				ct.References = append(ct.References, *def.References)
			}
		case elt.GetTableLikeClause() != nil:
			like := elt.GetTableLikeClause()
			ct.Elements = append(ct.Elements, &ast.LikeClause{
				Source:            rangeVarName(like.Relation),
				IncludingDefaults: like.Options&likeDefaults != 0,
				IncludingIdentity: like.Options&likeIdentity != 0,
			})
		case elt.GetConstraint() != nil:
			con := elt.GetConstraint()
			if name := indexName(con); name != "" {
				ct.IndexNames = append(ct.IndexNames, name)
			}
			ct.NotNull = append(ct.NotNull, notNullKeys(con)...)
			if ref := references(con); ref != nil {
				ct.References = append(ct.References, *ref)
			}
		}
	}
	for _, inh := range s.InhRelations {
		if s.Partbound != nil {
			// PARTITION OF parent: the one "inherited" relation is the parent.
			name := rangeVarName(inh.GetRangeVar())
			ct.PartitionOf = &name
			continue
		}
		ct.Inherits = append(ct.Inherits, rangeVarName(inh.GetRangeVar()))
	}
	return ct
}

// The bits of TableLikeClause.options (CREATE_TABLE_LIKE_* in parsenodes.h).
const (
	likeDefaults = 1 << 3
	likeIdentity = 1 << 5
)

// notNullKeys are the columns a table constraint makes NOT NULL: those of
// PRIMARY KEY (...), and NOT NULL col (PostgreSQL 17's grammar).
func notNullKeys(c *pg.Constraint) []string {
	if c.GetContype() == pg.ConstrType_CONSTR_PRIMARY || c.GetContype() == pg.ConstrType_CONSTR_NOTNULL {
		return stringList(c.Keys)
	}
	return nil
}

// references is the table a FOREIGN KEY constraint references.
func references(c *pg.Constraint) *ast.QName {
	if c.GetContype() != pg.ConstrType_CONSTR_FOREIGN || c.Pktable == nil {
		return nil
	}
	name := rangeVarName(c.Pktable)
	return &name
}

// indexName is the name of the index a PRIMARY KEY or UNIQUE constraint
// creates, when the constraint names it.
func indexName(c *pg.Constraint) string {
	if c == nil || (c.Contype != pg.ConstrType_CONSTR_PRIMARY && c.Contype != pg.ConstrType_CONSTR_UNIQUE) {
		return ""
	}
	if c.Indexname != "" {
		return c.Indexname
	}
	return c.Conname
}

func columnDef(c *pg.ColumnDef) *ast.ColumnDef {
	def := &ast.ColumnDef{Name: c.Colname, Type: typeName(c.TypeName), Inherited: c.TypeName == nil}
	if c.RawDefault != nil {
		def.Default = expr(c.RawDefault)
	}
	for _, cn := range c.Constraints {
		con := cn.GetConstraint()
		switch con.GetContype() {
		case pg.ConstrType_CONSTR_DEFAULT:
			def.Default = expr(con.RawExpr)
		case pg.ConstrType_CONSTR_IDENTITY:
			def.Identity = identity(con)
		case pg.ConstrType_CONSTR_GENERATED:
			def.Generated = true
		case pg.ConstrType_CONSTR_NOTNULL, pg.ConstrType_CONSTR_PRIMARY:
			def.NotNull = true
		case pg.ConstrType_CONSTR_NULL:
			def.Null = true
		case pg.ConstrType_CONSTR_FOREIGN:
			def.References = references(con)
		}
	}
	return def
}

func identity(con *pg.Constraint) *ast.Identity {
	// generated_when is 'a' for ALWAYS, 'd' for BY DEFAULT.
	return &ast.Identity{Always: con.GeneratedWhen == "a", Options: seqOptions(con.Options)}
}

func seqOptions(opts []*pg.Node) ast.SeqOptions {
	var o ast.SeqOptions
	for _, n := range opts {
		de := n.GetDefElem()
		if de == nil {
			continue
		}
		switch de.Defname {
		case "as":
			t := typeName(de.Arg.GetTypeName())
			o.As = &t
		case "start":
			o.Start = numeric(de.Arg)
		case "increment":
			o.Increment = numeric(de.Arg)
		case "minvalue":
			if de.Arg == nil {
				o.NoMinValue = true
			} else {
				o.MinValue = numeric(de.Arg)
			}
		case "maxvalue":
			if de.Arg == nil {
				o.NoMaxValue = true
			} else {
				o.MaxValue = numeric(de.Arg)
			}
		case "cycle":
			b := boolArg(de.Arg)
			o.Cycle = &b
		case "cache":
			o.Cache = numeric(de.Arg)
		case "restart":
			r := &ast.Restart{}
			if de.Arg != nil {
				r.With = numeric(de.Arg)
			}
			o.Restart = r
		case "owned_by":
			parts := stringList(de.Arg.GetList().GetItems())
			switch {
			case len(parts) == 1 && parts[0] == "none":
				o.OwnedBy = &ast.OwnedBy{None: true}
			case len(parts) >= 2:
				ob := &ast.OwnedBy{Table: ast.QName{Name: parts[len(parts)-2]}, Column: parts[len(parts)-1]}
				if len(parts) >= 3 {
					ob.Table.Schema = parts[len(parts)-3]
				}
				o.OwnedBy = ob
			}
		case "sequence_name":
			name := qualifiedName(de.Arg.GetList().GetItems())
			o.SequenceName = &name
		}
	}
	return o
}

// numeric reads a sequence option's number: an Integer when it fits in 32
// bits, otherwise a Float holding the digits.
func numeric(n *pg.Node) *int64 {
	if f := n.GetFloat(); f != nil {
		v, err := strconv.ParseInt(f.Fval, 10, 64)
		if err != nil {
			return nil
		}
		return &v
	}
	v := int64(n.GetInteger().GetIval())
	return &v
}

func boolArg(n *pg.Node) bool {
	if b := n.GetBoolean(); b != nil {
		return b.Boolval
	}
	if i := n.GetInteger(); i != nil {
		return i.Ival != 0
	}
	return true
}

func alterTable(s *pg.AlterTableStmt) ast.Stmt {
	at := &ast.AlterTable{Name: rangeVarName(s.Relation), Only: !s.Relation.GetInh(), IfExists: s.MissingOk}
	for _, n := range s.Cmds {
		c := n.GetAlterTableCmd()
		if c == nil {
			continue
		}
		cmd := ast.AlterCmd{Column: c.Name, IfExists: c.MissingOk}
		switch c.Subtype {
		case pg.AlterTableType_AT_ColumnDefault:
			if c.Def == nil {
				cmd.Kind = ast.AlterDropDefault
			} else {
				cmd.Kind = ast.AlterSetDefault
				cmd.Default = expr(c.Def)
			}
		case pg.AlterTableType_AT_AddColumn:
			cmd.Kind = ast.AlterAddColumn
			cmd.Def = columnDef(c.Def.GetColumnDef())
			cmd.Column = cmd.Def.Name
		case pg.AlterTableType_AT_DropColumn:
			cmd.Kind = ast.AlterDropColumn
		case pg.AlterTableType_AT_AddIdentity:
			cmd.Kind = ast.AlterAddIdentity
			cmd.Identity = identity(c.Def.GetConstraint())
		case pg.AlterTableType_AT_SetIdentity:
			cmd.Kind = ast.AlterSetIdentity
			cmd.Identity = setIdentity(c.Def.GetList().GetItems(), &cmd.SetAlways)
		case pg.AlterTableType_AT_DropIdentity:
			cmd.Kind = ast.AlterDropIdentity
		case pg.AlterTableType_AT_AttachPartition:
			cmd.Kind = ast.AlterAttachPartition
			cmd.Other = rangeVarName(c.Def.GetPartitionCmd().GetName())
		case pg.AlterTableType_AT_DetachPartition:
			cmd.Kind = ast.AlterDetachPartition
			cmd.Other = rangeVarName(c.Def.GetPartitionCmd().GetName())
		case pg.AlterTableType_AT_AddInherit:
			cmd.Kind = ast.AlterInherit
			cmd.Other = rangeVarName(c.Def.GetRangeVar())
		case pg.AlterTableType_AT_DropInherit:
			cmd.Kind = ast.AlterNoInherit
			cmd.Other = rangeVarName(c.Def.GetRangeVar())
		case pg.AlterTableType_AT_AlterColumnType:
			cmd.Kind = ast.AlterColumnType
			t := typeName(c.Def.GetColumnDef().GetTypeName())
			cmd.Type = &t
		case pg.AlterTableType_AT_AddConstraint:
			con := c.Def.GetConstraint()
			cmd.Kind = ast.AlterAddConstraint
			cmd.IndexName, cmd.NotNull, cmd.References = indexName(con), notNullKeys(con), references(con)
		case pg.AlterTableType_AT_SetNotNull:
			cmd.Kind = ast.AlterSetNotNull
		case pg.AlterTableType_AT_DropNotNull:
			cmd.Kind = ast.AlterDropNotNull
		case pg.AlterTableType_AT_EnableTrig, pg.AlterTableType_AT_EnableAlwaysTrig, pg.AlterTableType_AT_EnableReplicaTrig,
			pg.AlterTableType_AT_EnableTrigAll, pg.AlterTableType_AT_EnableTrigUser:
			cmd.Kind = ast.AlterEnableTrigger
		case pg.AlterTableType_AT_DisableTrig, pg.AlterTableType_AT_DisableTrigAll, pg.AlterTableType_AT_DisableTrigUser:
			cmd.Kind = ast.AlterDisableTrigger
		}
		at.Cmds = append(at.Cmds, cmd)
	}
	return at
}

// setIdentity reads ALTER COLUMN ... SET GENERATED ... / SET option /
// RESTART, which arrive as one list of options.
func setIdentity(items []*pg.Node, setAlways *bool) *ast.Identity {
	id := &ast.Identity{}
	var seqOpts []*pg.Node
	for _, n := range items {
		de := n.GetDefElem()
		if de.GetDefname() == "generated" {
			*setAlways = true
			// ATTRIBUTE_IDENTITY_ALWAYS is 'a'.
			id.Always = de.Arg.GetInteger().GetIval() == 'a'
			continue
		}
		seqOpts = append(seqOpts, n)
	}
	id.Options = seqOptions(seqOpts)
	return id
}

func objectKind(t pg.ObjectType) ast.ObjectKind {
	switch t {
	case pg.ObjectType_OBJECT_TABLE, pg.ObjectType_OBJECT_FOREIGN_TABLE:
		return ast.ObjTable
	case pg.ObjectType_OBJECT_SEQUENCE:
		return ast.ObjSequence
	case pg.ObjectType_OBJECT_VIEW, pg.ObjectType_OBJECT_MATVIEW:
		return ast.ObjView
	case pg.ObjectType_OBJECT_INDEX:
		return ast.ObjIndex
	case pg.ObjectType_OBJECT_SCHEMA:
		return ast.ObjSchema
	case pg.ObjectType_OBJECT_COLUMN:
		return ast.ObjColumn
	}
	return ast.ObjOther
}

func rename(s *pg.RenameStmt) ast.Stmt {
	kind := objectKind(s.RenameType)
	r := &ast.Rename{Kind: kind, NewName: s.Newname, IfExists: s.MissingOk}
	switch kind {
	case ast.ObjSchema:
		r.Name = ast.QName{Name: s.Subname}
	case ast.ObjColumn:
		r.Name = rangeVarName(s.Relation)
		r.Column = s.Subname
	case ast.ObjTable, ast.ObjSequence, ast.ObjView, ast.ObjIndex:
		r.Name = rangeVarName(s.Relation)
	default:
		return &ast.Unmodeled{}
	}
	return r
}

func drop(s *pg.DropStmt) ast.Stmt {
	switch s.RemoveType {
	case pg.ObjectType_OBJECT_FUNCTION, pg.ObjectType_OBJECT_PROCEDURE, pg.ObjectType_OBJECT_ROUTINE,
		pg.ObjectType_OBJECT_TRIGGER, pg.ObjectType_OBJECT_RULE:
		return dropRoutine(s)
	}
	kind := objectKind(s.RemoveType)
	if kind == ast.ObjOther || kind == ast.ObjColumn {
		return &ast.Unmodeled{}
	}
	d := &ast.Drop{Kind: kind, IfExists: s.MissingOk, Cascade: s.Behavior == pg.DropBehavior_DROP_CASCADE}
	for _, obj := range s.Objects {
		if kind == ast.ObjSchema {
			d.Names = append(d.Names, ast.QName{Name: obj.GetString_().GetSval()})
			continue
		}
		d.Names = append(d.Names, qualifiedName(obj.GetList().GetItems()))
	}
	return d
}

func insert(s *pg.InsertStmt) ast.Stmt {
	ins := &ast.Insert{
		Table:            rangeVarName(s.Relation),
		OnConflict:       s.OnConflictClause != nil,
		OnConflictUpdate: s.OnConflictClause.GetAction() == pg.OnConflictAction_ONCONFLICT_UPDATE,
	}
	ins.Override = overriding(s.Override)
	ins.Columns, ins.Partial = targetColumns(s.Cols)
	sel := s.SelectStmt.GetSelectStmt()
	switch {
	case s.SelectStmt == nil:
		ins.DefaultValues = true
	case len(sel.ValuesLists) > 0 && sel.WithClause == nil:
		ins.Rows = make([][]ast.Expr, 0, len(sel.ValuesLists))
		for _, row := range sel.ValuesLists {
			items := row.GetList().GetItems()
			values := make([]ast.Expr, len(items))
			for i, item := range items {
				values[i] = expr(item)
			}
			ins.Rows = append(ins.Rows, values)
		}
	case sel != nil && constantSelect(sel):
		// INSERT ... SELECT 1, 'a' without FROM inserts one row.
		values := make([]ast.Expr, len(sel.TargetList))
		for i, t := range sel.TargetList {
			values[i] = expr(t.GetResTarget().GetVal())
		}
		ins.Rows = [][]ast.Expr{values}
	case sel != nil:
		ins.Rows, ins.Query = followQuery(sel, cteNames(s.WithClause))
	}
	return ins
}

// constantSelect reports whether a SELECT yields exactly one row of its
// target list: no FROM, WHERE, set operation, or anything that filters.
func constantSelect(s *pg.SelectStmt) bool {
	return s.Op == pg.SetOperation_SETOP_NONE && len(s.FromClause) == 0 && s.WhereClause == nil &&
		len(s.GroupClause) == 0 && s.HavingClause == nil && s.LimitCount == nil && s.LimitOffset == nil &&
		s.WithClause == nil && len(s.TargetList) > 0 &&
		!slices.ContainsFunc(s.TargetList, func(t *pg.Node) bool { return summarizes(t.GetResTarget().GetVal()) })
}

func copyStmt(s *pg.CopyStmt) ast.Stmt {
	if !s.IsFrom || s.Relation == nil {
		return &ast.Unmodeled{}
	}
	c := &ast.Copy{Table: rangeVarName(s.Relation), Columns: stringListOrNil(s.Attlist)}
	switch {
	case s.IsProgram:
		c.Source = ast.CopyFromProgram
	case s.Filename != "":
		c.Source = ast.CopyFromFile
	default:
		c.Source = ast.CopyFromStdin
	}
	for _, n := range s.Options {
		de := n.GetDefElem()
		switch de.GetDefname() {
		case "format":
			switch strings.ToLower(de.Arg.GetString_().GetSval()) {
			case "csv":
				c.Format = ast.CopyCSV
			case "binary":
				c.Format = ast.CopyBinary
			}
		case "delimiter":
			c.Delimiter = stringArg(de.Arg)
		case "null":
			c.Null = stringArg(de.Arg)
		case "quote":
			c.Quote = stringArg(de.Arg)
		case "escape":
			c.Escape = stringArg(de.Arg)
		case "header":
			// HEADER, HEADER true/on/1, and HEADER MATCH all skip the first line.
			c.Header = de.Arg == nil || boolOption(de.Arg)
		}
	}
	return c
}

func stringListOrNil(nodes []*pg.Node) []string {
	if len(nodes) == 0 {
		return nil
	}
	return stringList(nodes)
}

func stringArg(n *pg.Node) *string {
	s := n.GetString_().GetSval()
	return &s
}

func boolOption(n *pg.Node) bool {
	if s := n.GetString_(); s != nil {
		switch strings.ToLower(s.Sval) {
		case "false", "off", "0", "no":
			return false
		}
		return true
	}
	return boolArg(n)
}

func selectStmt(s *pg.SelectStmt) ast.Stmt {
	sel := selectOf(s)
	if s.IntoClause != nil {
		into := rangeVarName(s.IntoClause.Rel)
		return &ast.CreateTable{Name: into, Temp: s.IntoClause.Rel.GetRelpersistence() == "t", AsQuery: true}
	}
	return sel
}

func selectOf(s *pg.SelectStmt) *ast.Select {
	sel := &ast.Select{}
	if s == nil {
		sel.Complex = true
		return sel
	}
	for _, t := range s.TargetList {
		sel.Targets = append(sel.Targets, expr(t.GetResTarget().GetVal()))
	}
	if len(s.FromClause) == 1 && s.FromClause[0].GetRangeVar() != nil {
		from := rangeVarName(s.FromClause[0].GetRangeVar())
		sel.From = &from
	} else if len(s.FromClause) > 0 {
		sel.Complex = true
	}
	for _, from := range s.FromClause {
		for _, f := range from.GetRangeFunction().GetFunctions() {
			// Each is a list: the call, and its column definitions.
			if items := f.GetList().GetItems(); len(items) > 0 {
				sel.FromCalls = append(sel.FromCalls, expr(items[0]))
			}
		}
	}
	if s.Op != pg.SetOperation_SETOP_NONE || s.WhereClause != nil || len(s.GroupClause) > 0 ||
		s.HavingClause != nil || s.LimitCount != nil || s.LimitOffset != nil || s.WithClause != nil ||
		len(s.ValuesLists) > 0 || len(s.DistinctClause) > 0 {
		sel.Complex = true
	}
	return sel
}

// createView reads a view's query: the relations it reads, and when
// PostgreSQL can insert through it, its base relation and which base
// column each of its columns shows (view_query_is_auto_updatable in
// rewriteHandler.c).
func createView(name ast.QName, q *pg.SelectStmt) *ast.CreateView {
	v := &ast.CreateView{Name: name}
	if q == nil {
		return v
	}
	v.Reads = fromRelations(q.FromClause)
	simple := q.Op == pg.SetOperation_SETOP_NONE && len(q.DistinctClause) == 0 && len(q.GroupClause) == 0 &&
		q.HavingClause == nil && q.LimitCount == nil && q.LimitOffset == nil && q.WithClause == nil &&
		len(q.WindowClause) == 0 && len(q.ValuesLists) == 0 && len(q.FromClause) == 1 && q.FromClause[0].GetRangeVar() != nil
	for _, t := range q.TargetList {
		rt := t.GetResTarget()
		col := ast.ViewColumn{Name: rt.GetName()}
		if ref := rt.GetVal().GetColumnRef(); ref != nil {
			fields := ref.Fields
			if last := fields[len(fields)-1]; last.GetAStar() != nil {
				col.Star = true
			} else {
				col.Source = last.GetString_().GetSval()
				if col.Name == "" {
					col.Name = col.Source
				}
			}
		} else if summarizes(rt.GetVal()) {
			simple = false
		}
		v.Columns = append(v.Columns, col)
	}
	if simple {
		base := rangeVarName(q.FromClause[0].GetRangeVar())
		v.Base = &base
	}
	return v
}

// fromRelations are the relations a FROM clause names, joins and
// subqueries included.
func fromRelations(from []*pg.Node) []ast.QName {
	var out []ast.QName
	for _, n := range from {
		switch {
		case n.GetRangeVar() != nil:
			out = append(out, rangeVarName(n.GetRangeVar()))
		case n.GetJoinExpr() != nil:
			out = append(out, fromRelations([]*pg.Node{n.GetJoinExpr().Larg, n.GetJoinExpr().Rarg})...)
		case n.GetRangeSubselect() != nil:
			out = append(out, fromRelations(n.GetRangeSubselect().Subquery.GetSelectStmt().GetFromClause())...)
		}
	}
	return out
}

// summarizes reports whether an expression holds what makes a view's
// rows other than its base's: an aggregate, a window function or a
// set-returning function (of those a script is likely to use).
func summarizes(n *pg.Node) bool {
	switch {
	case n.GetAExpr() != nil:
		return summarizes(n.GetAExpr().Lexpr) || summarizes(n.GetAExpr().Rexpr)
	case n.GetTypeCast() != nil:
		return summarizes(n.GetTypeCast().Arg)
	case n.GetCoalesceExpr() != nil:
		return slices.ContainsFunc(n.GetCoalesceExpr().Args, summarizes)
	}
	fc := n.GetFuncCall()
	if fc == nil {
		return false
	}
	if slices.ContainsFunc(fc.Args, summarizes) {
		return true
	}
	if fc.Over != nil || fc.AggStar || fc.AggDistinct || len(fc.AggOrder) > 0 || fc.AggFilter != nil {
		return true
	}
	switch qualifiedName(fc.Funcname).Name {
	case "count", "sum", "avg", "min", "max", "array_agg", "string_agg", "json_agg", "jsonb_agg", "bool_and", "bool_or",
		"every", "json_object_agg", "jsonb_object_agg", "xmlagg", "bit_and", "bit_or",
		"generate_series", "unnest", "regexp_matches", "json_array_elements", "jsonb_array_elements", "generate_subscripts":
		return true
	}
	return false
}

func setVar(s *pg.VariableSetStmt) ast.Stmt {
	v := &ast.SetVar{Name: strings.ToLower(s.Name), Local: s.IsLocal}
	switch s.Kind {
	case pg.VariableSetKind_VAR_SET_VALUE:
		for _, a := range s.Args {
			v.Values = append(v.Values, settingValue(a))
		}
	case pg.VariableSetKind_VAR_SET_DEFAULT, pg.VariableSetKind_VAR_RESET:
		v.Reset = true
	case pg.VariableSetKind_VAR_RESET_ALL:
		v.ResetAll = true
	default:
		// SET ... FROM CURRENT, SET TRANSACTION ...: nothing to follow.
		return &ast.Unmodeled{}
	}
	return v
}

func settingValue(n *pg.Node) string {
	if c := n.GetAConst(); c != nil {
		switch v := c.Val.(type) {
		case *pg.A_Const_Sval:
			return v.Sval.Sval
		case *pg.A_Const_Ival:
			return strconv.Itoa(int(v.Ival.GetIval()))
		case *pg.A_Const_Fval:
			return v.Fval.Fval
		case *pg.A_Const_Boolval:
			return strconv.FormatBool(v.Boolval.Boolval)
		}
	}
	return ""
}

// expr converts a value expression; anything pgseqlint does not evaluate
// becomes Opaque.
func expr(n *pg.Node) ast.Expr {
	switch {
	case n == nil:
		return &ast.Opaque{}
	case n.GetAConst() != nil:
		return constant(n.GetAConst())
	case n.GetTypeCast() != nil:
		tc := n.GetTypeCast()
		return &ast.TypeCast{Arg: expr(tc.Arg), Type: typeName(tc.TypeName)}
	case n.GetFuncCall() != nil:
		fc := n.GetFuncCall()
		if fc.Over != nil || fc.AggFilter != nil || fc.AggDistinct || len(fc.AggOrder) > 0 {
			return &ast.Opaque{}
		}
		call := &ast.FuncCall{Name: qualifiedName(fc.Funcname), Star: fc.AggStar}
		for _, a := range fc.Args {
			call.Args = append(call.Args, expr(a))
		}
		return call
	case n.GetColumnRef() != nil:
		ref := &ast.ColumnRef{}
		for _, f := range n.GetColumnRef().Fields {
			s := f.GetString_()
			if s == nil {
				return &ast.Opaque{} // table.*
			}
			ref.Names = append(ref.Names, s.Sval)
		}
		return ref
	case n.GetAExpr() != nil:
		ae := n.GetAExpr()
		if ae.Kind != pg.A_Expr_Kind_AEXPR_OP {
			return &ast.Opaque{}
		}
		names := stringList(ae.Name)
		if len(names) == 0 {
			return &ast.Opaque{}
		}
		op := &ast.OpExpr{Op: names[len(names)-1], Right: expr(ae.Rexpr)}
		if ae.Lexpr != nil {
			op.Left = expr(ae.Lexpr)
		}
		return op
	case n.GetCoalesceExpr() != nil:
		return &ast.CoalesceExpr{Args: exprs(n.GetCoalesceExpr().Args)}
	case n.GetMinMaxExpr() != nil:
		mm := n.GetMinMaxExpr()
		return &ast.MinMaxExpr{Greatest: mm.Op == pg.MinMaxOp_IS_GREATEST, Args: exprs(mm.Args)}
	case n.GetNullTest() != nil:
		nt := n.GetNullTest()
		return &ast.NullTest{Arg: expr(nt.Arg), NotNull: nt.Nulltesttype == pg.NullTestType_IS_NOT_NULL}
	case n.GetSubLink() != nil:
		sl := n.GetSubLink()
		if sl.SubLinkType != pg.SubLinkType_EXPR_SUBLINK {
			return &ast.Opaque{}
		}
		return &ast.SubLink{Select: selectOf(sl.Subselect.GetSelectStmt())}
	case n.GetSetToDefault() != nil:
		return &ast.Default{}
	case n.GetParamRef() != nil:
		return &ast.Param{Number: int(n.GetParamRef().Number)}
	}
	return &ast.Opaque{}
}

func exprs(nodes []*pg.Node) []ast.Expr {
	out := make([]ast.Expr, len(nodes))
	for i, n := range nodes {
		out[i] = expr(n)
	}
	return out
}

func constant(c *pg.A_Const) ast.Expr {
	if c.Isnull {
		return &ast.Const{Kind: ast.ConstNull}
	}
	switch v := c.Val.(type) {
	case *pg.A_Const_Ival:
		return &ast.Const{Kind: ast.ConstInt, Val: strconv.FormatInt(int64(v.Ival.GetIval()), 10)}
	case *pg.A_Const_Fval:
		// The grammar gives integers beyond 32 bits as Float too.
		if isInteger(v.Fval.Fval) {
			return &ast.Const{Kind: ast.ConstInt, Val: v.Fval.Fval}
		}
		return &ast.Const{Kind: ast.ConstNumeric, Val: v.Fval.Fval}
	case *pg.A_Const_Sval:
		return &ast.Const{Kind: ast.ConstString, Val: v.Sval.Sval}
	case *pg.A_Const_Boolval:
		return &ast.Const{Kind: ast.ConstBool, Val: strconv.FormatBool(v.Boolval.Boolval)}
	case nil:
		// An integer 0 arrives with no value set.
		return &ast.Const{Kind: ast.ConstInt, Val: "0"}
	}
	return &ast.Opaque{}
}

func isInteger(s string) bool {
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// KeywordKind says what kind of keyword a word is in the parser's own
// keyword list.
type KeywordKind uint8

const (
	NotKeyword KeywordKind = iota
	Unreserved
	ColumnName   // may name a column or table, not a function or type
	TypeFuncName // may name a function or type, not a column or table
	Reserved
)

// Keyword returns the kind of keyword word is (NotKeyword for none).
func Keyword(word string) KeywordKind {
	res, err := pg.Scan(word)
	if err != nil || len(res.Tokens) != 1 {
		return NotKeyword
	}
	switch res.Tokens[0].KeywordKind {
	case pg.KeywordKind_UNRESERVED_KEYWORD:
		return Unreserved
	case pg.KeywordKind_COL_NAME_KEYWORD:
		return ColumnName
	case pg.KeywordKind_TYPE_FUNC_NAME_KEYWORD:
		return TypeFuncName
	case pg.KeywordKind_RESERVED_KEYWORD:
		return Reserved
	}
	return NotKeyword
}
