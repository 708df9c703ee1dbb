package catalog

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// Exec is one statement being applied to a catalog: where it stands in the
// script, and what it did that rules may report.
type Exec struct {
	Site   Site
	Events []Event
	failed bool
}

// Report records an event of the statement.
func (x *Exec) Report(e Event) { x.Events = append(x.Events, e) }

// Fail records an event by which the server rejects the statement (a
// syntax error).
func (x *Exec) Fail(e Event) {
	x.failed = true
	x.Report(e)
}

// Failed reports whether the server rejects the statement.
func (x *Exec) Failed() bool { return x.failed }

// fail records that the server rejects the statement; what it would have
// done does not happen.
func (x *Exec) fail(format string, args ...any) {
	x.failed = true
	x.Report(&StatementFailed{Message: fmt.Sprintf(format, args...)})
}

// Apply runs one parsed statement against the catalog. COPY FROM STDIN is
// not handled here: see PlanCopy.
func (c *Catalog) Apply(x *Exec, s ast.Stmt) {
	if c.ignored(x, s) {
		return
	}
	switch s := s.(type) {
	case *ast.CreateTable:
		c.createTable(x, s)
	case *ast.AlterTable:
		c.alterTable(x, s)
	case *ast.CreateSequence:
		c.createSequence(x, s)
	case *ast.AlterSequence:
		c.alterSequence(x, s)
	case *ast.Drop:
		c.drop(x, s)
	case *ast.CreateSchema:
		c.createSchema(x, s)
	case *ast.CreateRelation:
		c.createRelation(s)
	case *ast.CreateView:
		c.createView(x, s)
	case *ast.Rename:
		c.renameObject(x, s)
	case *ast.SetSchema:
		c.setSchema(x, s)
	case *ast.Insert:
		c.insertFiring(x, s)
		if s.OnConflictUpdate {
			c.fireUnfollowed(x, s.Table, onUpdate)
		}
	case *ast.Copy:
		// COPY FROM a file or a program: the rows cannot be seen.
		if s.Source != ast.CopyFromStdin {
			c.hiddenCopy(x, s)
			c.fireUnfollowed(x, s.Table, onCopy)
		}
	case *ast.Select:
		c.selectStmt(x, s)
	case *ast.Truncate:
		c.truncate(x, s)
	case *ast.Delete:
		c.deleteRows(x, s)
		c.fireUnfollowed(x, s.Table, onDelete)
	case *ast.Update:
		c.update(x, s)
		c.fireUnfollowed(x, s.Table, onUpdate)
	case *ast.With:
		c.with(x, s)
	case *ast.Merge:
		c.merge(x, s)
		c.fireUnfollowed(x, s.Table, mergeFires(s))
	case *ast.SetVar:
		c.setVar(s)
	case *ast.Do:
		c.run(x, "a DO block", s.Code, binding{}, 1)
	case *ast.CreateFunction:
		c.defineFunction(s)
	case *ast.DropFunction:
		c.dropFunctions(s)
	case *ast.Call:
		c.call(x, s)
	case *ast.Calls:
		c.uncounted(x, s)
	case *ast.CreateTrigger:
		c.createTrigger(x, s)
	case *ast.CreateRule:
		c.createRule(x, s)
	case *ast.DropTrigger:
		c.dropTrigger(s)
	case *ast.Unfollowed:
		c.unverifiable(x, s.What, s.Text)
	case *ast.Transaction:
		c.transaction(x, s)
	case *ast.Discard:
		c.discard(x, s)
	}
	if c.runs.depth == 0 && c.runs.before != nil {
		c.endRuns(x)
	}
	switch s.(type) {
	case *ast.CreateTable, *ast.AlterTable, *ast.CreateSequence, *ast.AlterSequence, *ast.Drop,
		*ast.CreateSchema, *ast.Rename, *ast.SetSchema, *ast.CreateView:
		c.generation++
	}
}

func (c *Catalog) createSchema(x *Exec, s *ast.CreateSchema) {
	name := script.TruncateIdentifier(s.Name)
	if _, ok := c.schemas[name]; ok {
		if !s.IfNotExists {
			x.fail("schema %s already exists", script.QuoteIdent(name))
			return
		}
	} else {
		// IF NOT EXISTS may meet a schema that is already in the database,
		// with objects the script does not know: it is not new.
		c.schemas[name] = &schemaInfo{created: !s.IfNotExists}
	}
	// The statements inside CREATE SCHEMA create their objects in it.
	saved := c.searchPath
	c.searchPath = append([]string{name}, saved...)
	for _, elt := range s.Elements {
		c.Apply(x, elt)
	}
	c.searchPath = saved
}

func (c *Catalog) createRelation(s *ast.CreateRelation) {
	name := s.Name
	if name.Schema == "" && s.Table.Name != "" {
		// An index lives in its table's schema.
		q, _ := c.lookup(s.Table)
		name.Schema = q.Schema
	}
	if q, ok := c.creationName(name, false); ok {
		c.relations[q] = otherRelation{}
	}
}

func (c *Catalog) createTable(x *Exec, s *ast.CreateTable) {
	name, ok := c.creationName(s.Name, s.Temp)
	if !ok {
		x.fail("no schema has been selected to create %s in", script.QuoteIdent(s.Name.Name))
		return
	}
	if _, exists := c.relations[name]; exists {
		if !s.IfNotExists {
			x.fail("relation %s already exists", script.QualifiedName(name))
		}
		return
	}
	// The script means to keep tables in that schema, even when this one
	// fails (a default naming a missing sequence, say).
	c.defineSchema(name.Schema)
	t := &Table{Name: name, Temp: s.Temp, rowsKnown: !s.AsQuery}
	defer func() {
		if x.failed {
			c.abandon(t)
		}
	}()
	var parents []*Table
	parentNames := s.Inherits
	if s.PartitionOf != nil {
		parentNames = []ast.QName{*s.PartitionOf}
	}
	for _, pn := range parentNames {
		p := c.table(pn)
		if p == nil {
			x.fail("relation %s does not exist", script.QualifiedName(pn))
			return
		}
		parents = append(parents, p)
		t.partition = s.PartitionOf != nil
		for _, pc := range p.Columns {
			if t.column(pc.Name) != nil {
				continue // columns of the same name merge
			}
			// A child takes its parent's defaults and NOT NULL. Since
			// PostgreSQL 17 a partition takes its identity too, and shares
			// the parent's sequence; an inheritance child does not.
			col := &Column{Table: t, Name: pc.Name, Kind: pc.Kind, HasDefault: pc.HasDefault, Generated: pc.Generated, NotNull: pc.NotNull}
			t.Columns = append(t.Columns, col)
			if pc.Identity == NotIdentity || t.partition {
				col.Identity = pc.Identity
				col.setFeed(pc.Feed)
			}
		}
	}
	var pending []func()
	for _, elt := range s.Elements {
		switch e := elt.(type) {
		case *ast.ColumnDef:
			col := t.column(e.Name)
			if col == nil {
				col = &Column{Table: t, Name: e.Name}
				t.Columns = append(t.Columns, col)
			}
			def := e
			pending = append(pending, func() { c.defineColumn(x, col, def) })
		case *ast.LikeClause:
			src := c.table(e.Source)
			if src == nil {
				x.fail("relation %s does not exist", script.QualifiedName(e.Source))
				return
			}
			for _, sc := range src.Columns {
				col := &Column{Table: t, Name: sc.Name, Kind: sc.Kind, Generated: sc.Generated, NotNull: sc.NotNull}
				t.Columns = append(t.Columns, col)
				if e.IncludingDefaults && sc.Identity == NotIdentity {
					col.HasDefault = sc.HasDefault
					col.setFeed(sc.Feed)
				}
				if e.IncludingIdentity && sc.Identity != NotIdentity && sc.Feed != nil {
					like := sc.Feed
					identity := sc.Identity
					pending = append(pending, func() { c.copyIdentity(x, col, identity, like) })
				}
			}
		}
	}
	for _, name := range s.AsColumns {
		t.Columns = append(t.Columns, &Column{Table: t, Name: name})
	}
	// Serial and identity sequences are created with the table.
	for _, define := range pending {
		if define(); x.failed {
			return
		}
	}
	for _, name := range s.NotNull {
		col := t.column(name)
		if col == nil {
			x.fail("column %s named in key does not exist", script.QuoteIdent(name))
			return
		}
		col.NotNull = true
	}
	for _, ref := range s.References {
		r := c.table(ref)
		if r == nil && ref == s.Name {
			r = t // a table may reference itself
		}
		if r == nil {
			x.fail("relation %s does not exist", script.QualifiedName(ref))
			return
		}
		t.references = append(t.references, r)
	}
	t.reshaped = x.Site
	c.addTable(t)
	for _, p := range parents {
		t.Parents = append(t.Parents, p)
		p.Children = append(p.Children, t)
	}
	for _, idx := range s.IndexNames {
		c.relations[ast.QName{Schema: name.Schema, Name: script.TruncateIdentifier(idx)}] = otherRelation{}
	}
}

// abandon undoes what a CREATE TABLE that failed did on its way: its
// columns feed no sequence, and the sequences made for them go.
func (c *Catalog) abandon(t *Table) {
	for _, col := range t.Columns {
		col.setFeed(nil)
	}
	for _, seq := range slices.Clone(c.sequences) {
		if seq.OwnedBy != nil && seq.OwnedBy.Table == t {
			c.dropSequence(seq)
		}
	}
}

// defineColumn applies a column definition: its type, and the sequence a
// serial type, an identity or a default gives it.
func (c *Catalog) defineColumn(x *Exec, col *Column, def *ast.ColumnDef) {
	kind, serial := columnType(def.Type)
	if !def.Inherited {
		col.Kind = kind
	}
	col.Generated = col.Generated || def.Generated
	// serial and identity columns are NOT NULL.
	col.NotNull = col.NotNull || def.NotNull || serial || def.Identity != nil
	switch {
	case def.Identity != nil && (def.Null || serial || def.Default != nil):
		x.fail("conflicting NULL/NOT NULL, default or identity declarations for column %s of table %s",
			script.QuoteIdent(col.Name), script.QualifiedName(col.Table.Name))
		return
	case def.Identity != nil && col.Table.partition:
		x.fail("identity columns are not supported on partitions")
		return
	case def.Identity != nil && !integerKind(col.Kind):
		x.fail("identity column type must be smallint, integer, or bigint")
		return
	}
	switch {
	case serial:
		// serial is integer + a sequence owned by the column + its default.
		seq := c.implicitSequence(x, col, nil, ast.SeqOptions{})
		if seq == nil {
			return
		}
		col.setFeed(seq)
		col.HasDefault = true
	case def.Identity != nil:
		c.addIdentity(x, col, def.Identity)
	case def.Default != nil:
		c.bindDefault(x, col, def.Default)
	}
}

func integerKind(k ColumnKind) bool { return k == KindInt2 || k == KindInt4 || k == KindInt8 }

// implicitSequence creates the sequence of a serial or identity column,
// named as PostgreSQL names it unless SEQUENCE NAME is given.
func (c *Catalog) implicitSequence(x *Exec, col *Column, name *ast.QName, opts ast.SeqOptions) *Sequence {
	schema := col.Table.Name.Schema
	var q ast.QName
	if name != nil {
		var ok bool
		if q, ok = c.creationName(*name, false); !ok {
			x.fail("no schema has been selected to create %s in", script.QuoteIdent(name.Name))
			return nil
		}
		if name.Schema == "" {
			q.Schema = schema
		}
	} else {
		q = ast.QName{Schema: schema, Name: script.ChooseRelationName(col.Table.Name.Name, col.Name, "seq", c.taken(schema))}
	}
	if _, exists := c.relations[q]; exists {
		x.fail("relation %s already exists", script.QualifiedName(q))
		return nil
	}
	seq, err := newSequence(q, col.Kind, opts)
	if err != nil {
		x.fail("%v", err)
		return nil
	}
	seq.OwnedBy = col
	seq.Created = x.Site
	c.addSequence(seq)
	return seq
}

func (c *Catalog) addIdentity(x *Exec, col *Column, id *ast.Identity) {
	opts := id.Options
	seq := c.implicitSequence(x, col, opts.SequenceName, opts)
	if seq == nil {
		return
	}
	seq.Identity = true
	col.Identity = IdentityByDefault
	if id.Always {
		col.Identity = IdentityAlways
	}
	col.setFeed(seq)
	col.HasDefault = true
}

// copyIdentity gives a column created by LIKE ... INCLUDING IDENTITY its own
// sequence with the options of the source's.
func (c *Catalog) copyIdentity(x *Exec, col *Column, kind IdentityKind, like *Sequence) {
	start, inc, lo, hi, cycle := like.Start, like.Increment, like.Min, like.Max, like.Cycle
	c.addIdentity(x, col, &ast.Identity{
		Always:  kind == IdentityAlways,
		Options: ast.SeqOptions{Start: &start, Increment: &inc, MinValue: &lo, MaxValue: &hi, Cycle: &cycle},
	})
}

// bindDefault sets a column's default. A nextval('name') in it ties the
// column to that sequence, resolved now: the regclass constant is bound
// to the sequence itself, so later renames do not matter.
func (c *Catalog) bindDefault(x *Exec, col *Column, def ast.Expr) {
	col.HasDefault = true
	target, ok := nextvalTarget(def)
	if !ok {
		col.setFeed(nil)
		return
	}
	seq := c.sequence(target.name)
	if seq == nil {
		if !target.late {
			c.missingSequence(x, target.name, "column default")
		} else if q, ok := c.surelyMissing(target.name); ok {
			// nextval('s'::text) looks s up each time it runs: the default
			// is stored, and the inserts that take it fail.
			x.Report(&MissingSequence{Name: q, Use: "column default"})
		}
		col.setFeed(nil)
		return
	}
	col.setFeed(seq)
}

// missingSequence handles a reference to a sequence that does not exist:
// the server rejects the statement.
func (c *Catalog) missingSequence(x *Exec, name ast.QName, use string) {
	if q, rel := c.lookup(name); rel != nil {
		// A table, view or index of that name: "is not a sequence". A
		// default only stores the name; its inserts fail.
		if use != "column default" {
			x.fail("%s is not a sequence", script.QualifiedName(q))
		}
		return
	}
	if q, ok := c.surelyMissing(name); ok {
		x.failed = true
		x.Report(&MissingSequence{Name: q, Use: use})
	}
}

// surelyMissing reports whether a sequence name that finds nothing in the
// catalog finds nothing in the database either: the script defines every
// schema the name may be in. Otherwise the sequence may exist in the
// database the script runs in, and the model assumes it does. It returns
// the name qualified as the server would create it.
func (c *Catalog) surelyMissing(name ast.QName) (ast.QName, bool) {
	if name.Schema != "" {
		return name, c.schemaKnown(name.Schema)
	}
	// An unqualified name is looked for along the whole search path (the
	// system schemas hold no sequence a script names).
	for _, schema := range c.lookupPath() {
		if schema != "pg_temp" && schema != "pg_catalog" && !c.schemaKnown(schema) {
			return name, false
		}
	}
	q, _ := c.creationName(name, false)
	return q, true
}

// nextvalName is the sequence a default's nextval names. late is set when
// the name is text, looked up at each call (nextval('s'::text), the form
// of defaults from before PostgreSQL 8.1), rather than a regclass constant
// bound when the default is created.
type nextvalName struct {
	name ast.QName
	late bool
}

// nextvalTarget finds nextval('name') in a default expression.
func nextvalTarget(e ast.Expr) (nextvalName, bool) {
	switch e := e.(type) {
	case *ast.FuncCall:
		if isFunc(e, "nextval") && len(e.Args) == 1 {
			if text, ok := constText(e.Args[0]); ok {
				name, ok := script.ParseQualifiedName(text)
				return nextvalName{name: name, late: castToText(e.Args[0])}, ok
			}
		}
		for _, a := range e.Args {
			if t, ok := nextvalTarget(a); ok {
				return t, true
			}
		}
	case *ast.TypeCast:
		return nextvalTarget(e.Arg)
	case *ast.OpExpr:
		if e.Left != nil {
			if t, ok := nextvalTarget(e.Left); ok {
				return t, true
			}
		}
		return nextvalTarget(e.Right)
	}
	return nextvalName{}, false
}

// castToText reports whether a string constant is cast to text on its way
// to regclass, as in ('s'::text)::regclass.
func castToText(e ast.Expr) bool {
	for {
		cast, ok := e.(*ast.TypeCast)
		if !ok {
			return false
		}
		if names := cast.Type.Names; len(names) > 0 {
			switch names[len(names)-1] {
			case "text", "varchar":
				return true
			}
		}
		e = cast.Arg
	}
}

// constText reads a string constant, through casts such as ::regclass and
// ('name'::text)::regclass.
func constText(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.Const:
		return e.Val, e.Kind == ast.ConstString
	case *ast.TypeCast:
		return constText(e.Arg)
	}
	return "", false
}

func isFunc(f *ast.FuncCall, name string) bool {
	return f.Name.Name == name && (f.Name.Schema == "" || f.Name.Schema == "pg_catalog")
}

func (c *Catalog) alterTable(x *Exec, s *ast.AlterTable) {
	t := c.table(s.Name)
	if t == nil {
		return // a sequence or view altered as a table, or a table the script does not know
	}
	for _, cmd := range s.Cmds {
		c.alterTableCmd(x, t, s.Only, cmd)
		if x.failed {
			return
		}
	}
}

func (c *Catalog) alterTableCmd(x *Exec, t *Table, only bool, cmd ast.AlterCmd) {
	// Column changes reach inheritance children and partitions unless ONLY.
	targets := t.reach(only)
	switch cmd.Kind {
	case ast.AlterEnableTrigger, ast.AlterDisableTrigger:
		c.enableTriggers(t, cmd.Column, cmd.Kind == ast.AlterEnableTrigger)
	case ast.AlterSetDefault, ast.AlterDropDefault:
		for _, tt := range targets {
			col := c.alteredColumn(x, tt, cmd.Column)
			switch {
			case col == nil:
				return
			case col.Identity != NotIdentity:
				x.fail("column %s of relation %s is an identity column", script.QuoteIdent(col.Name), script.QualifiedName(tt.Name))
				return
			case cmd.Kind == ast.AlterDropDefault:
				col.setFeed(nil)
				col.HasDefault = false
			default:
				c.bindDefault(x, col, cmd.Default)
			}
		}
	case ast.AlterAddColumn:
		c.addColumn(x, t, targets, cmd)
	case ast.AlterDropColumn:
		for _, tt := range targets {
			col := tt.column(cmd.Column)
			if col == nil {
				if !cmd.IfExists && tt == t {
					x.fail("column %s of relation %s does not exist", script.QuoteIdent(cmd.Column), script.QualifiedName(tt.Name))
				}
				continue
			}
			c.dropColumn(col)
			tt.Columns = removeItem(tt.Columns, col)
		}
	case ast.AlterAddIdentity, ast.AlterSetIdentity, ast.AlterDropIdentity:
		c.alterIdentity(x, t, only, cmd)
	case ast.AlterSetNotNull, ast.AlterDropNotNull:
		for _, tt := range targets {
			col := c.alteredColumn(x, tt, cmd.Column)
			switch {
			case col == nil:
				return
			case cmd.Kind == ast.AlterSetNotNull:
				if !c.makeNotNull(x, col) {
					return
				}
			case col.Identity != NotIdentity:
				x.fail("column %s of relation %s is an identity column", script.QuoteIdent(col.Name), script.QualifiedName(tt.Name))
				return
			default:
				col.NotNull = false
			}
		}
	case ast.AlterAttachPartition, ast.AlterInherit:
		child := c.table(cmd.Other)
		if child == nil {
			x.fail("relation %s does not exist", script.QualifiedName(cmd.Other))
			return
		}
		// ATTACH PARTITION names the child; INHERIT names the parent.
		parent := t
		if cmd.Kind == ast.AlterInherit {
			parent, child = child, t
		}
		c.attach(x, parent, child, cmd.Kind == ast.AlterAttachPartition)
	case ast.AlterDetachPartition, ast.AlterNoInherit:
		other := c.table(cmd.Other)
		if other == nil {
			return
		}
		parent, child := t, other
		if cmd.Kind == ast.AlterNoInherit {
			parent, child = other, t
		}
		parent.Children = removeItem(parent.Children, child)
		child.Parents = removeItem(child.Parents, parent)
		parent.reshaped, child.reshaped = x.Site, x.Site
		if cmd.Kind == ast.AlterDetachPartition {
			// A detached partition keeps no identity (PostgreSQL 17).
			for _, col := range child.Columns {
				if col.Identity != NotIdentity {
					col.Identity, col.HasDefault = NotIdentity, false
					col.setFeed(nil)
				}
			}
		}
	case ast.AlterColumnType:
		kind, _ := columnType(*cmd.Type)
		for _, tt := range targets {
			if col := tt.column(cmd.Column); col != nil {
				col.Kind = kind
			}
		}
	case ast.AlterAddConstraint:
		c.addConstraint(x, t, cmd)
	}
}

// alteredColumn finds the column an ALTER COLUMN names; the statement
// fails when there is none.
func (c *Catalog) alteredColumn(x *Exec, t *Table, name string) *Column {
	col := t.column(name)
	if col == nil {
		x.fail("column %s of relation %s does not exist", script.QuoteIdent(name), script.QualifiedName(t.Name))
	}
	return col
}

// addColumn is ADD COLUMN: the column is defined on the table, and its
// children and partitions take it as they take a parent's columns when
// they are created.
func (c *Catalog) addColumn(x *Exec, t *Table, targets []*Table, cmd ast.AlterCmd) {
	for _, tt := range targets {
		if tt.column(cmd.Def.Name) != nil {
			if !cmd.IfExists {
				x.fail("column %s of relation %s already exists", script.QuoteIdent(cmd.Def.Name), script.QualifiedName(tt.Name))
			}
			return
		}
	}
	col := &Column{Table: t, Name: cmd.Def.Name}
	t.Columns = append(t.Columns, col)
	t.reshaped = x.Site
	if c.defineColumn(x, col, cmd.Def); x.failed {
		return
	}
	c.fillNewColumn(x, col)
	for _, tt := range targets[1:] {
		inherited := &Column{Table: tt, Name: col.Name, Kind: col.Kind, HasDefault: col.HasDefault, Generated: col.Generated, NotNull: col.NotNull}
		if col.Identity == NotIdentity || tt.partition {
			inherited.Identity = col.Identity
			inherited.setFeed(col.Feed)
		}
		tt.Columns = append(tt.Columns, inherited)
		tt.reshaped = x.Site
		c.fillNewColumn(x, inherited)
	}
}

// identityScope is the tables an identity change reaches: since
// PostgreSQL 17, a partitioned table and its partitions together, never
// one of them alone.
func (c *Catalog) identityScope(x *Exec, t *Table, only bool, verb string) []*Table {
	scope := []*Table{t}
	for _, d := range t.descendants() {
		if isPartitionOf(d, t) {
			scope = append(scope, d)
		}
	}
	switch {
	case t.partition:
		x.fail("cannot %s identity column of a partition", verb)
	case only && len(scope) > 1:
		x.fail("cannot %s identity column of only the partitioned table", verb)
	default:
		return scope
	}
	return nil
}

// alterIdentity is ALTER COLUMN ... ADD GENERATED, SET GENERATED / SET
// options / RESTART, and DROP IDENTITY.
func (c *Catalog) alterIdentity(x *Exec, t *Table, only bool, cmd ast.AlterCmd) {
	verb := map[ast.AlterKind]string{ast.AlterAddIdentity: "add", ast.AlterSetIdentity: "change", ast.AlterDropIdentity: "drop"}[cmd.Kind]
	scope := c.identityScope(x, t, only, verb)
	if scope == nil {
		return
	}
	col := c.alteredColumn(x, t, cmd.Column)
	if col == nil {
		return
	}
	name := func(col *Column) string {
		return fmt.Sprintf("column %s of relation %s", script.QuoteIdent(col.Name), script.QualifiedName(col.Table.Name))
	}
	if cmd.Kind != ast.AlterAddIdentity {
		if col.Identity == NotIdentity || col.Feed == nil {
			if !cmd.IfExists || cmd.Kind != ast.AlterDropIdentity {
				x.fail("%s is not an identity column", name(col))
			}
			return
		}
		if cmd.Kind == ast.AlterSetIdentity {
			c.setIdentity(x, scope, col, cmd)
			return
		}
		seq := col.Feed
		for _, tt := range scope {
			if pc := tt.column(col.Name); pc != nil && pc.Feed == seq {
				pc.Identity, pc.HasDefault = NotIdentity, false
				pc.setFeed(nil)
			}
		}
		c.dropSequence(seq)
		return
	}
	for _, tt := range scope {
		pc := tt.column(col.Name)
		switch {
		case pc == nil:
			x.fail("column %s of relation %s does not exist", script.QuoteIdent(col.Name), script.QualifiedName(tt.Name))
		case pc.Identity != NotIdentity:
			x.fail("%s is already an identity column", name(pc))
		case pc.HasDefault:
			x.fail("%s already has a default value", name(pc))
		case !pc.NotNull:
			x.fail("%s must be declared NOT NULL before identity can be added", name(pc))
		case !integerKind(pc.Kind):
			x.fail("identity column type must be smallint, integer, or bigint")
		}
		if x.failed {
			return
		}
	}
	if c.addIdentity(x, col, cmd.Identity); x.failed {
		return
	}
	for _, tt := range scope[1:] {
		pc := tt.column(col.Name)
		pc.Identity, pc.HasDefault = col.Identity, true
		pc.setFeed(col.Feed)
	}
}

// attach makes child a partition (or an inheritance child) of parent. The
// child must hold the parent's columns, NOT NULL where the parent's are;
// since PostgreSQL 17 a partition may have no identity of its own, and
// takes the parent's.
func (c *Catalog) attach(x *Exec, parent, child *Table, partition bool) {
	for _, pc := range parent.Columns {
		cc := child.column(pc.Name)
		switch {
		case cc == nil:
			x.fail("child table is missing column %s", script.QuoteIdent(pc.Name))
		case pc.NotNull && !cc.NotNull:
			x.fail("column %s in child table must be marked NOT NULL", script.QuoteIdent(pc.Name))
		}
		if x.failed {
			return
		}
	}
	if partition {
		for _, cc := range child.Columns {
			if cc.Identity != NotIdentity {
				x.fail("table %s being attached contains an identity column %s", script.QuoteIdent(child.Name.Name), script.QuoteIdent(cc.Name))
				return
			}
		}
		for _, pc := range parent.Columns {
			if pc.Identity != NotIdentity {
				cc := child.column(pc.Name)
				cc.Identity, cc.HasDefault = pc.Identity, true
				cc.setFeed(pc.Feed)
			}
		}
	}
	child.Parents = append(child.Parents, parent)
	parent.Children = append(parent.Children, child)
	child.partition = partition
	parent.reshaped, child.reshaped = x.Site, x.Site
}

// addConstraint is ADD CONSTRAINT: the index a PRIMARY KEY or UNIQUE
// makes, the columns a PRIMARY KEY or NOT NULL makes NOT NULL, the table a
// FOREIGN KEY references.
func (c *Catalog) addConstraint(x *Exec, t *Table, cmd ast.AlterCmd) {
	for _, name := range cmd.NotNull {
		col := c.alteredColumn(x, t, name)
		if col == nil || !c.makeNotNull(x, col) {
			return
		}
	}
	if cmd.References != nil {
		ref := c.table(*cmd.References)
		if ref == nil {
			x.fail("relation %s does not exist", script.QualifiedName(*cmd.References))
			return
		}
		t.references = append(t.references, ref)
	}
	if cmd.IndexName != "" {
		c.relations[ast.QName{Schema: t.Name.Schema, Name: script.TruncateIdentifier(cmd.IndexName)}] = otherRelation{}
	}
}

// fillNewColumn gives the rows already in a table the new column's default:
// a sequence default calls nextval once per row.
func (c *Catalog) fillNewColumn(x *Exec, col *Column) {
	if col.Feed == nil {
		return
	}
	t := col.Table
	if !t.rowsKnown {
		col.Feed.nextvalsUnknown()
		col.Keys.Inexact = true
		return
	}
	c.defaultRows(col, t.rows, &x.Site)
}

// defaultRows records n rows taking a column's sequence default.
func (c *Catalog) defaultRows(col *Column, n int64, at *Site) {
	if n == 0 {
		return
	}
	lo, hi, ok := col.Feed.nextvals(n)
	if !ok {
		col.Keys.Inexact = true
		col.Keys.last = Load{Kind: LoadDefault, At: *at}
		return
	}
	col.Keys.addStats(script.KeyStats{Count: n, Min: lo, Max: hi}, LoadDefault, at)
}

// setIdentity is SET GENERATED, SET options and RESTART on an identity
// column and the partitions that share its sequence.
func (c *Catalog) setIdentity(x *Exec, scope []*Table, col *Column, cmd ast.AlterCmd) {
	if c.changeSequence(x, col.Feed, cmd.Identity.Options); x.failed || !cmd.SetAlways {
		return
	}
	kind := IdentityByDefault
	if cmd.Identity.Always {
		kind = IdentityAlways
	}
	for _, tt := range scope {
		if pc := tt.column(col.Name); pc != nil && pc.Feed == col.Feed {
			pc.Identity = kind
		}
	}
}

// changeSequence applies ALTER SEQUENCE options (also given through ALTER
// COLUMN ... SET/RESTART of an identity column).
func (c *Catalog) changeSequence(x *Exec, seq *Sequence, opts ast.SeqOptions) {
	before := seq.standing()
	if err := seq.alter(opts, false); err != nil {
		x.fail("%v", err)
		return
	}
	if rewrites(opts) {
		c.rewriteSequence(seq, before)
	}
	seq.reshaped = x.Site
	if opts.Restart != nil {
		seq.LastMove = &Move{Kind: MoveRestart, At: x.Site}
	}
}

func (c *Catalog) createSequence(x *Exec, s *ast.CreateSequence) {
	name, ok := c.creationName(s.Name, s.Temp)
	if !ok {
		x.fail("no schema has been selected to create %s in", script.QuoteIdent(s.Name.Name))
		return
	}
	if _, exists := c.relations[name]; exists {
		if !s.IfNotExists {
			x.fail("relation %s already exists", script.QualifiedName(name))
		}
		return
	}
	seq, err := newSequence(name, KindOther, s.Options)
	if err != nil {
		x.fail("%v", err)
		return
	}
	seq.Created = x.Site
	if !c.setOwner(x, seq, s.Options.OwnedBy) {
		return
	}
	c.addSequence(seq)
}

// rewrites reports whether ALTER SEQUENCE options make the sequence's
// storage anew, which makes what follows transactional: every option does
// but OWNED BY (AlterSequence in sequence.c).
func rewrites(opts ast.SeqOptions) bool {
	opts.OwnedBy, opts.SequenceName = nil, nil
	return opts != ast.SeqOptions{}
}

// setOwner applies OWNED BY; it reports false when the statement fails.
func (c *Catalog) setOwner(x *Exec, seq *Sequence, owner *ast.OwnedBy) bool {
	switch {
	case owner == nil:
	case owner.None:
		seq.OwnedBy = nil
	default:
		t := c.table(owner.Table)
		var col *Column
		if t != nil {
			col = t.column(owner.Column)
		}
		if col == nil {
			x.fail("column %s.%s does not exist", script.QualifiedName(owner.Table), script.QuoteIdent(owner.Column))
			return false
		}
		seq.OwnedBy = col
	}
	return true
}

func (c *Catalog) alterSequence(x *Exec, s *ast.AlterSequence) {
	seq := c.sequence(s.Name)
	if seq == nil {
		if !s.IfExists {
			c.missingSequence(x, s.Name, "ALTER SEQUENCE")
		}
		return
	}
	if !c.setOwner(x, seq, s.Options.OwnedBy) {
		return
	}
	c.changeSequence(x, seq, s.Options)
}

func (c *Catalog) drop(x *Exec, s *ast.Drop) {
	if s.Kind == ast.ObjTable || s.Kind == ast.ObjView {
		// A foreign key of a table that stays, or a view, depends on the
		// relations that go.
		var tables []*Table
		var going []any
		for _, name := range s.Names {
			switch rel := c.relationNamed(name).(type) {
			case *Table:
				for _, t := range rel.reach(false) {
					tables, going = append(tables, t), append(going, t)
				}
			case *View:
				going = append(going, rel)
			}
		}
		if from := c.referencedFrom(tables); len(from) > 0 && !s.Cascade {
			x.fail("cannot drop a table because table %s depends on it", script.QualifiedName(from[0].Name))
			return
		}
		if !c.dropDependents(x, going, s.Cascade) {
			return
		}
	}
	for _, name := range s.Names {
		switch s.Kind {
		case ast.ObjTable:
			t := c.table(name)
			if t == nil {
				continue
			}
			// Partitions go with their table; inheritance children need CASCADE.
			for _, d := range t.descendants() {
				if !s.Cascade && !isPartitionOf(d, t) {
					x.fail("cannot drop table %s because other objects depend on it", script.QualifiedName(t.Name))
					return
				}
			}
			for _, d := range t.descendants() {
				c.dropTable(d)
			}
			c.dropTable(t)
		case ast.ObjSequence:
			seq := c.sequence(name)
			if seq == nil {
				continue
			}
			if seq.Identity {
				x.fail("cannot drop sequence %s because column %s requires it", seq.QualifiedName(), seq.OwnedBy.QualifiedName())
				return
			}
			if len(seq.feeds) > 0 && !s.Cascade {
				x.fail("cannot drop sequence %s because other objects depend on it", seq.QualifiedName())
				return
			}
			c.dropSequence(seq)
		case ast.ObjSchema:
			c.dropSchema(x, name.Name, s.Cascade)
		default:
			if q, rel := c.lookup(name); rel != nil {
				switch rel.(type) {
				case otherRelation, *View:
					delete(c.relations, q)
				}
			}
		}
		if x.failed {
			return
		}
	}
}

// isPartitionOf reports whether d is a partition (at any depth) of t, as
// opposed to an inheritance child.
func isPartitionOf(d, t *Table) bool {
	return d.partition && (len(d.Parents) == 1 && (d.Parents[0] == t || isPartitionOf(d.Parents[0], t)))
}

func (c *Catalog) dropSchema(x *Exec, schema string, cascade bool) {
	schema = script.TruncateIdentifier(schema)
	if _, ok := c.schemas[schema]; !ok {
		return
	}
	var inside []ast.QName
	for q := range c.relations {
		if q.Schema == schema {
			inside = append(inside, q)
		}
	}
	if len(inside) > 0 && !cascade {
		x.fail("cannot drop schema %s because other objects depend on it", script.QuoteIdent(schema))
		return
	}
	for _, q := range inside {
		switch rel := c.relations[q].(type) {
		case *Table:
			c.dropTable(rel)
		case *Sequence:
			c.dropSequence(rel)
		default:
			delete(c.relations, q)
		}
	}
	delete(c.schemas, schema)
}

func (c *Catalog) renameObject(x *Exec, s *ast.Rename) {
	switch s.Kind {
	case ast.ObjSchema:
		old, nu := script.TruncateIdentifier(s.Name.Name), script.TruncateIdentifier(s.NewName)
		info, ok := c.schemas[old]
		if !ok {
			return
		}
		delete(c.schemas, old)
		c.schemas[nu] = info
		for q := range c.relations {
			if q.Schema == old {
				c.rename(x, q, ast.QName{Schema: nu, Name: q.Name})
			}
		}
		c.renameInPath(old, nu)
	case ast.ObjColumn:
		t := c.table(s.Name)
		if t == nil {
			return
		}
		for _, tt := range t.reach(false) {
			if col := tt.column(s.Column); col != nil {
				col.Name = script.TruncateIdentifier(s.NewName)
				tt.reshaped = x.Site
			}
		}
	default:
		q, rel := c.lookup(s.Name)
		if rel == nil {
			return
		}
		to := ast.QName{Schema: q.Schema, Name: script.TruncateIdentifier(s.NewName)}
		if _, exists := c.relations[to]; exists {
			x.fail("relation %s already exists", script.QualifiedName(to))
			return
		}
		c.rename(x, q, to)
	}
}

func (c *Catalog) renameInPath(old, nu string) {
	path := append([]string(nil), c.searchPath...)
	for i, s := range path {
		if s == old {
			path[i] = nu
		}
	}
	c.searchPath = path
}

// setSchema moves a relation; a table takes the sequences it owns along.
func (c *Catalog) setSchema(x *Exec, s *ast.SetSchema) {
	q, rel := c.lookup(s.Name)
	if rel == nil {
		return
	}
	schema := script.TruncateIdentifier(s.NewSchema)
	c.rename(x, q, ast.QName{Schema: schema, Name: q.Name})
	if t, ok := rel.(*Table); ok {
		for _, seq := range c.sequences {
			if seq.OwnedBy != nil && seq.OwnedBy.Table == t {
				c.rename(x, seq.Name, ast.QName{Schema: schema, Name: seq.Name.Name})
			}
		}
	}
}

func (c *Catalog) setVar(s *ast.SetVar) {
	switch {
	case s.ResetAll:
		c.setSearchPath(defaultSearchPath, s.Local)
	case s.Name != "search_path":
	case s.Reset:
		c.setSearchPath(defaultSearchPath, s.Local)
	default:
		c.setSearchPath(s.Values, s.Local)
	}
}

// discard runs DISCARD TEMP and DISCARD ALL, which also resets every
// setting and cannot run in a transaction block.
func (c *Catalog) discard(x *Exec, s *ast.Discard) {
	if s.All {
		if c.InBlock() {
			x.fail("DISCARD ALL cannot run inside a transaction block")
			return
		}
		c.NewSession()
	}
	c.dropTemporary()
}

// unverifiable notes code that may move sequences, which pgseqlint does
// not run: procedural code, or a statement it does not follow. The
// sequences the code may reach are named.
func (c *Catalog) unverifiable(x *Exec, reason, code string) {
	body := strings.ToLower(code)
	var touched []*Sequence
	for _, seq := range c.sequences {
		if mentions(body, seq) {
			touched = append(touched, seq)
		}
	}
	if len(touched) == 0 {
		return
	}
	at := x.Site // the Exec goes on to later statements
	for _, seq := range touched {
		seq.Unverified = &at
	}
	x.Report(&Unverifiable{Reason: reason, Sequences: touched})
}

// mentions reports whether procedural code may reach a sequence: it names
// the sequence or a table the sequence feeds, and a way to move it.
func mentions(body string, seq *Sequence) bool {
	if !strings.Contains(body, "setval") && !strings.Contains(body, "restart") &&
		!strings.Contains(body, "insert") && !strings.Contains(body, "copy") &&
		!strings.Contains(body, "nextval") && !strings.Contains(body, "execute") &&
		!strings.Contains(body, "update") && !strings.Contains(body, "merge") {
		return false
	}
	if containsName(body, strings.ToLower(seq.Name.Name)) {
		return true
	}
	for _, col := range seq.feeds {
		if containsName(body, strings.ToLower(col.Table.Name.Name)) {
			return true
		}
	}
	return false
}

// containsName reports whether code names an object: the name stands
// whole, not inside a longer identifier (a table u is not named by
// "values"), as the server's scanner reads identifiers.
func containsName(code, name string) bool {
	if name == "" {
		return false
	}
	for from := 0; ; {
		i := strings.Index(code[from:], name)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(name)
		if (start == 0 || !script.IsIdentCont(code[start-1])) && (end == len(code) || !script.IsIdentCont(code[end])) {
			return true
		}
		from = start + 1
	}
}
