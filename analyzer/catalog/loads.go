package catalog

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// trackedColumns are the columns of t whose keys are followed: every
// integer column, since a sequence may come to feed it after the rows are
// in (ALTER COLUMN ... ADD GENERATED, SET DEFAULT nextval(...)), and a
// numeric column that a sequence feeds.
func (c *Catalog) trackedColumns(t *Table) []*Column {
	if t.trackedGen == c.generation+1 {
		return t.tracked
	}
	t.tracked = t.tracked[:0]
	for _, col := range t.Columns {
		if col.Kind != KindOther && (col.Kind != KindNumeric || col.Feed != nil) {
			t.tracked = append(t.tracked, col)
		}
	}
	t.trackedGen = c.generation + 1
	return t.tracked
}

func indexOf(cols []*Column, col *Column) int {
	for i, c := range cols {
		if c == col {
			return i
		}
	}
	return -1
}

// columnsNamed maps a column list to the table's columns; without a list,
// every column but those left out by skip. partial says which names assign
// a subscript or field of the column (nil: none does).
func (c *Catalog) columnsNamed(x *Exec, t *Table, names []string, partial []bool, skip func(*Column) bool) ([]*Column, bool) {
	if names == nil {
		cols := make([]*Column, 0, len(t.Columns))
		for _, col := range t.Columns {
			if skip == nil || !skip(col) {
				cols = append(cols, col)
			}
		}
		return cols, true
	}
	cols := make([]*Column, len(names))
	// PostgreSQL lets a list assign several subscripts or fields of one
	// column (b[1], b[2]), but a whole column only once and not also in
	// part.
	assigned := make(map[*Column]columnAssignment, len(names))
	for i, name := range names {
		cols[i] = t.column(name)
		how := wholeColumn
		if partial != nil && partial[i] {
			how = partOfColumn
		}
		switch before := assigned[cols[i]]; {
		case cols[i] == nil:
			x.fail("column %s of relation %s does not exist", script.QuoteIdent(name), script.QualifiedName(t.Name))
			return nil, false
		case before == wholeColumn || before == partOfColumn && how == wholeColumn:
			x.fail(`column "%s" specified more than once`, name)
			return nil, false
		}
		assigned[cols[i]] = how
	}
	return cols, true
}

// columnAssignment is how a column list assigns a column.
type columnAssignment int

const (
	notAssigned columnAssignment = iota
	wholeColumn
	partOfColumn
)

// keyValues says which values of an INSERT's rows the catalog follows:
// those of tracked columns. It keeps every value when it cannot tell (an
// unknown column: the statement fails, and apply says so).
func (c *Catalog) keyValues(table ast.QName, columns []string) []bool {
	t := c.table(table)
	if _, isView := c.relationNamed(table).(*View); isView {
		return nil // an insert through a view: every value is kept
	}
	if t == nil {
		return []bool{} // an unknown table: no value matters
	}
	x := &Exec{}
	targets, ok := c.columnsNamed(x, t, columns, nil, nil)
	if !ok {
		return nil
	}
	tracked := c.trackedColumns(t)
	mask := make([]bool, len(targets))
	for i, col := range targets {
		mask[i] = indexOf(tracked, col) >= 0
	}
	return mask
}

// statementLoads are the two loads one statement can make into a column,
// both at its site: keys it gives (of its kind), and keys it takes from the
// sequence (LoadDefault).
type statementLoads struct {
	kind LoadKind
	at   *Site
}

func newStatementLoads(x *Exec, kind LoadKind) *statementLoads {
	return &statementLoads{kind: kind, at: &x.Site}
}

// columnKeys collects what one statement puts into one column, to be
// committed only if the statement succeeds.
type columnKeys struct {
	explicit, defaults     script.KeyStats
	hidden, inexact, nulls bool
	// within is the range the hidden keys lie in, when known (Count > 0).
	within script.KeyStats
}

// commit adds a successful statement's keys to its column.
func (k *columnKeys) commit(col *Column, loads *statementLoads) {
	col.Keys.nulls = col.Keys.nulls || k.nulls
	col.Keys.addStats(k.defaults, LoadDefault, loads.at)
	col.Keys.addStats(k.explicit, loads.kind, loads.at)
	if k.hidden {
		col.Keys.addHidden(&Load{Kind: loads.kind, At: *loads.at, Hidden: true}, k.within)
	}
	if k.inexact {
		col.Keys.Inexact = true
		if col.Keys.last.At.Clock < loads.at.Clock {
			col.Keys.last = Load{Kind: LoadDefault, At: *loads.at}
		}
	}
}

// inRange checks keys against the column's type: the server rejects the
// whole statement for one value out of range.
func (k *columnKeys) inRange(col *Column) bool {
	lo, hi := col.Kind.Range()
	return k.explicit.Count == 0 || k.explicit.Min >= lo && k.explicit.Max <= hi
}

func (c *Catalog) insert(x *Exec, s *ast.Insert) {
	t := c.insertTable(s.Table)
	if t == nil {
		switch rel := c.relationNamed(s.Table).(type) {
		case *View:
			c.insertView(x, rel, s)
		case nil:
			c.loadUnknown(x, s.Table, insertKind(s), insertedRows(s))
		}
		return
	}
	c.insertInto(x, t, s)
}

// insertedRows is the number of rows an INSERT gives, -1 for a query's.
func insertedRows(s *ast.Insert) int64 {
	switch {
	case s.DefaultValues:
		return 1
	case s.Rows == nil:
		return -1
	}
	return int64(len(s.Rows))
}

// insertView inserts through a view: into its base table when PostgreSQL
// can (the column list mapped to the base's columns).
func (c *Catalog) insertView(x *Exec, v *View, s *ast.Insert) {
	width := -1
	if s.DefaultValues {
		width = 0
	}
	for _, row := range s.Rows {
		width = max(width, len(row))
	}
	t, unknown, cols, ok := c.throughView(x, v, s.Columns, width)
	switch {
	case !ok:
	case t != nil:
		base := *s
		base.Table, base.Columns = t.Name, cols
		c.insertInto(x, t, &base)
	default:
		c.loadUnknown(x, *unknown, insertKind(s), insertedRows(s))
	}
}

// insertInto inserts rows into a table.
func (c *Catalog) insertInto(x *Exec, t *Table, s *ast.Insert) {
	targets, ok := c.insertTargets(x, t, s.Columns, s.Partial)
	if !ok {
		return
	}
	if col := c.lastTargets.unfilled; col != nil {
		nullViolation(x, col)
		return
	}
	if s.Rows == nil && !s.DefaultValues {
		c.insertQuery(x, t, targets, s)
		return
	}
	rows := s.Rows
	if s.DefaultValues {
		rows = [][]ast.Expr{nil}
	}
	if !c.checkInsertRows(x, t, targets, s, rows) {
		return
	}
	tracked := c.trackedColumns(t)
	positions, keys := c.insertScratch(len(tracked))
	for i, col := range tracked {
		positions[i] = indexOf(targets, col)
	}
	e := &evaluator{c: c, x: x}
	for _, row := range rows {
		for i, col := range tracked {
			var v ast.Expr
			if p := positions[i]; p >= 0 && p < len(row) {
				v = row[p]
			}
			c.insertKey(e, &keys[i], col, v, s.Override)
		}
		// Other values may call sequence functions too (nextval of another
		// sequence, say).
		for p, v := range row {
			if f, ok := v.(*ast.FuncCall); ok && (p >= len(targets) || indexOf(tracked, targets[p]) < 0) && callsSequenceFunction(f) {
				e.eval(f)
			}
		}
	}
	if x.failed {
		return
	}
	for i, col := range tracked {
		if !keys[i].inRange(col) {
			x.fail("value out of range for type %s in column %s", col.Kind, col.QualifiedName())
			return
		}
	}
	loads := newStatementLoads(x, LoadInsert)
	for i, col := range tracked {
		keys[i].commit(col, loads)
	}
	t.rows += int64(len(rows))
}

func insertKind(s *ast.Insert) LoadKind {
	if s.Rows == nil && !s.DefaultValues {
		return LoadInsertSelect
	}
	return LoadInsert
}

// insertTable resolves an INSERT's table, remembering the last answer for
// a qualified name (pg_dump qualifies every name): a dump's INSERTs come
// table by table.
func (c *Catalog) insertTable(name ast.QName) *Table {
	if name.Schema == "" {
		return c.table(name)
	}
	last := &c.lastTable
	if last.generation == c.generation && last.name == name {
		return last.table
	}
	t := c.table(name)
	*last = tableCache{name: ast.QName{Schema: strings.Clone(name.Schema), Name: strings.Clone(name.Name)}, generation: c.generation, table: t}
	return t
}

type tableCache struct {
	name       ast.QName
	generation int
	table      *Table
}

// insertTargets maps an INSERT's column list (all columns without one),
// remembering the last answer: a dump's INSERTs come table by table.
func (c *Catalog) insertTargets(x *Exec, t *Table, names []string, partial []bool) ([]*Column, bool) {
	if c.lastTargets.table == t && c.lastTargets.generation == c.generation && slices.Equal(c.lastTargets.names, names) &&
		slices.Equal(c.lastTargets.partial, partial) {
		return c.lastTargets.columns, true
	}
	cols, ok := c.columnsNamed(x, t, names, partial, nil)
	if ok {
		c.lastTargets = targetsCache{table: t, generation: c.generation, names: script.CloneStrings(names), partial: slices.Clone(partial),
			columns: cols}
		for _, col := range t.Columns {
			if col.NotNull && !col.HasDefault && !col.Generated && indexOf(cols, col) < 0 {
				c.lastTargets.unfilled = col
				break
			}
		}
	}
	return cols, ok
}

type targetsCache struct {
	table      *Table
	generation int
	names      []string
	partial    []bool
	columns    []*Column
	// unfilled is a NOT NULL column without a default that the list
	// leaves out: every row fails.
	unfilled *Column
}

// insertScratch returns cleared per-column buffers for one INSERT, reused
// from statement to statement.
func (c *Catalog) insertScratch(n int) ([]int, []columnKeys) {
	if cap(c.scratchKeys) < n {
		c.scratchPositions, c.scratchKeys = make([]int, n), make([]columnKeys, n)
	}
	keys := c.scratchKeys[:n]
	clear(keys)
	return c.scratchPositions[:n], keys
}

// checkInsertRows rejects what the server rejects before inserting
// anything: a row longer than the column list, and a value given for a
// GENERATED ALWAYS column without OVERRIDING SYSTEM VALUE.
func (c *Catalog) checkInsertRows(x *Exec, t *Table, targets []*Column, s *ast.Insert, rows [][]ast.Expr) bool {
	for _, row := range rows {
		if len(row) > len(targets) {
			x.fail("INSERT has more expressions than target columns")
			return false
		}
		if s.Columns != nil && len(row) < len(targets) && !s.DefaultValues {
			x.fail("INSERT has more target columns than expressions")
			return false
		}
		for _, col := range targets[len(row):] {
			// Left out at the end of a row without a column list.
			if !c.nullable(x, col) {
				return false
			}
		}
		for p, v := range row {
			col := targets[p]
			switch v := v.(type) {
			case *ast.Default:
				if !c.nullable(x, col) {
					return false
				}
				continue
			case *ast.Const:
				if v.Kind == ast.ConstNull && col.NotNull {
					nullViolation(x, col)
					return false
				}
			}
			if col.Identity == IdentityAlways && s.Override == ast.OverrideNone {
				x.failed = true
				x.Report(&IdentityOverride{Column: col})
				return false
			}
			if col.Generated {
				x.fail("cannot insert a non-DEFAULT value into column %s", script.QuoteIdent(col.Name))
				return false
			}
		}
	}
	return true
}

// nullable reports whether a column may take its default: it has one, or
// takes NULL.
func (c *Catalog) nullable(x *Exec, col *Column) bool {
	if col.NotNull && !col.HasDefault && !col.Generated {
		nullViolation(x, col)
		return false
	}
	return true
}

// makeNotNull makes a column NOT NULL (SET NOT NULL, PRIMARY KEY). The
// server checks the rows first: it fails when a row holds NULL there.
func (c *Catalog) makeNotNull(x *Exec, col *Column) bool {
	if col.Keys.nulls {
		t := col.Table
		x.fail("column %s of relation %s contains null values", script.QuoteIdent(col.Name), script.QualifiedName(t.Name))
		return false
	}
	col.NotNull = true
	return true
}

func nullViolation(x *Exec, col *Column) { x.fail("%s", nullMessage(col)) }

// nullMessage is the server's error for a row with NULL in a NOT NULL
// column (names in double quotes, as the server writes them there).
func nullMessage(col *Column) string {
	return `null value in column "` + col.Name + `" of relation "` + col.Table.Name.Name + `" violates not-null constraint`
}

// insertKey folds one row's value for a key column: the value given, or
// the sequence's next value when the row takes the default.
func (c *Catalog) insertKey(e *evaluator, k *columnKeys, col *Column, v ast.Expr, override ast.Override) {
	_, isDefault := v.(*ast.Default)
	// OVERRIDING USER VALUE discards the values given for identity columns.
	if v == nil || isDefault || override == ast.OverrideUser && col.Identity != NotIdentity {
		if col.Feed == nil {
			// NULL, or a default that is not a sequence's.
			k.nulls = k.nulls || !col.HasDefault && !col.Generated
			return
		}
		if nv := e.nextval(value{kind: vRegclass, seq: col.Feed, name: col.Feed.Name}); nv.kind == vInt {
			k.defaults.Add(nv.i)
		} else {
			k.inexact = true
		}
		return
	}
	switch val := e.eval(v); val.kind {
	case vInt:
		k.explicit.Add(val.i)
	case vNumeric:
		// An integer column rounds; a numeric one keeps the fraction, and
		// only a whole number can equal a sequence value.
		if i, ok := integralNumeric(val.s); ok {
			k.explicit.Add(i)
		} else if col.Kind == KindNumeric {
			return
		} else if i, ok := roundNumeric(val.s); ok {
			k.explicit.Add(i)
		} else {
			k.hidden = true
		}
	case vNull:
		k.nulls = true
	case vText:
		// A quoted literal takes the column's type.
		if i, ok := script.ParseInt8([]byte(val.s)); ok {
			k.explicit.Add(i)
		} else if col.Kind != KindNumeric {
			e.x.fail("invalid input syntax for type %s: %q", col.Kind, val.s)
		} else if i, ok := integralNumeric(strings.TrimSpace(val.s)); ok {
			k.explicit.Add(i)
		}
	default:
		k.hidden = true
	}
}

// insertQuery is INSERT ... SELECT: the rows of a query pgseqlint can
// follow, or else keys it cannot see, and columns left out that take an
// unknown number of sequence values.
func (c *Catalog) insertQuery(x *Exec, t *Table, targets []*Column, s *ast.Insert) {
	// The rewriter rejects a query's value for a GENERATED ALWAYS column
	// before any row is read, even when there are none.
	for _, col := range targets {
		if col.Identity == IdentityAlways && s.Override == ast.OverrideNone {
			x.failed = true
			x.Report(&IdentityOverride{Column: col})
			return
		}
	}
	if s.Query != nil && c.followedRows(x, t, targets, s) {
		return
	}
	c.hiddenRows(x, t, LoadInsertSelect, func(col *Column) bool {
		return indexOf(targets, col) >= 0 && !(s.Override == ast.OverrideUser && col.Identity != NotIdentity)
	})
}

// hiddenRows records rows pgseqlint cannot see (INSERT ... SELECT, COPY
// FROM a file): the columns given get keys it cannot see, and the
// sequence-fed columns left out take an unknown number of sequence values.
func (c *Catalog) hiddenRows(x *Exec, t *Table, kind LoadKind, given func(*Column) bool) {
	loads := newStatementLoads(x, kind)
	for _, col := range c.trackedColumns(t) {
		k := columnKeys{}
		if given(col) {
			k.hidden = true
		} else if col.Feed != nil {
			col.Feed.nextvalsUnknown()
			k.inexact = true
		}
		k.commit(col, loads)
	}
	t.rowsKnown = false
}

// CopyPlan is a COPY FROM STDIN about to read its rows.
type CopyPlan struct {
	table  *Table
	Folder *script.CopyFolder
	// slots[i] is the column of the folder's key field i.
	slots []*Column
	// unlisted are sequence-fed columns the column list leaves out: each
	// row takes the default.
	unlisted []*Column
	binary   bool
	// unknown is the table's name when the catalog holds no relation of
	// that name.
	unknown *ast.QName
	// unfilled is a NOT NULL column without a default that the column list
	// leaves out: every row fails.
	unfilled *Column
}

// PlanCopy prepares to read the rows of COPY ... FROM STDIN. The plan reads
// the rows even when the table is unknown, to check them.
func (c *Catalog) PlanCopy(x *Exec, s *ast.Copy) *CopyPlan {
	p := &CopyPlan{binary: s.Format == ast.CopyBinary}
	want := len(s.Columns)
	var keyFields []int
	// In an aborted block the server refuses the COPY; its rows are still
	// read, to be checked.
	refused := c.ignored(x, s)
	if !refused {
		c.fireUnfollowed(x, s.Table, onCopy)
	}
	if _, rel := c.lookup(s.Table); rel == nil {
		p.unknown = &s.Table
	}
	if t := c.table(s.Table); t != nil && !refused {
		// Without a column list, COPY reads every column but generated ones.
		cols, ok := c.columnsNamed(x, t, s.Columns, nil, func(col *Column) bool { return col.Generated })
		if ok {
			p.table = t
			want = len(cols)
			for _, col := range c.trackedColumns(t) {
				if i := indexOf(cols, col); i >= 0 {
					keyFields = append(keyFields, i)
					p.slots = append(p.slots, col)
				} else if col.Feed != nil {
					p.unlisted = append(p.unlisted, col)
				}
			}
			for _, col := range t.Columns {
				if col.NotNull && !col.HasDefault && !col.Generated && indexOf(cols, col) < 0 {
					p.unfilled = col
				}
			}
		}
	}
	p.Folder = script.NewCopyFolder(s, keyFields, want)
	return p
}

// FinishCopy applies the rows a COPY read. The server takes all of them or,
// at the first bad row, none.
func (c *Catalog) FinishCopy(x *Exec, p *CopyPlan, end script.CopyEnd) {
	f := p.Folder
	f.Finish()
	if !end.Terminated {
		x.Report(&CopyProblem{Span: end.Span, Unterminated: true,
			Message: "COPY data never ends with a line \\. (the input may be cut short)"})
	}
	if f.Problem != nil {
		span := end.Span
		span.Line += int(f.Problem.Line)
		span.Col, span.CharCol = 1, 1
		x.failed = true
		x.Report(&CopyProblem{Span: span, Message: f.Problem.Message})
	}
	t := p.table
	if t == nil && p.unknown != nil {
		c.loadUnknown(x, *p.unknown, LoadCopy, f.Rows)
	}
	if t == nil || x.failed {
		return
	}
	if p.binary {
		loads := newStatementLoads(x, LoadCopy)
		for _, col := range p.slots {
			(&columnKeys{hidden: true}).commit(col, loads)
		}
		t.rowsKnown = false
		return
	}
	for i, col := range p.slots {
		st := f.Stats[i]
		// A numeric column takes any number; only integers can equal a
		// sequence value. Integer columns reject anything else.
		if col.Kind != KindNumeric && (st.Invalid > 0 || st.Decimals > 0) {
			if st.Invalid == 0 {
				st.InvalidWhy = "a number with a fraction"
			}
			x.failed = true
			// Which column and why, never the value: a row's data is not
			// for a CI log.
			x.Report(&CopyProblem{Span: end.Span, Message: fmt.Sprintf("invalid input syntax for type %s in column %s: %s", col.Kind, col.QualifiedName(), st.InvalidWhy)})
			return
		}
		f.Stats[i].Invalid = 0
		if nulls := f.Rows - st.Count - st.Invalid; nulls > 0 && col.NotNull {
			p.unfilled = col
		}
		if k := (columnKeys{explicit: st}); !k.inRange(col) {
			x.fail("value out of range for type %s in column %s", col.Kind, col.QualifiedName())
			return
		}
	}
	if p.unfilled != nil && f.Rows > 0 {
		x.failed = true
		x.Report(&CopyProblem{Span: end.Span, Message: nullMessage(p.unfilled)})
		return
	}
	loads := newStatementLoads(x, LoadCopy)
	for i, col := range p.slots {
		// A numeric column's fractions are not counted, nor NULL.
		k := columnKeys{explicit: f.Stats[i], nulls: col.Kind != KindNumeric && f.Stats[i].Count < f.Rows}
		k.commit(col, loads)
	}
	for _, col := range p.unlisted {
		c.defaultRows(col, f.Rows, loads.at)
	}
	t.rows += f.Rows
}

// hiddenCopy is COPY FROM a file or a program: the rows are not in the
// script.
func (c *Catalog) hiddenCopy(x *Exec, s *ast.Copy) {
	kind := LoadCopyFile
	if s.Source == ast.CopyFromProgram {
		kind = LoadCopyProgram
	}
	t := c.table(s.Table)
	if t == nil {
		if _, rel := c.lookup(s.Table); rel == nil {
			c.loadUnknown(x, s.Table, kind, -1)
		}
		return
	}
	cols, ok := c.columnsNamed(x, t, s.Columns, nil, func(col *Column) bool { return col.Generated })
	if !ok {
		return
	}
	c.hiddenRows(x, t, kind, func(col *Column) bool { return indexOf(cols, col) >= 0 })
}

// selectStmt runs the sequence functions a SELECT calls: setval, nextval,
// set_config, and the functions the script defines.
func (c *Catalog) selectStmt(x *Exec, s *ast.Select) {
	c.callFunctions(x, s.FromCalls, 1)
	c.callFunctions(x, s.Targets, c.selectTimes(s))
	if x.failed || !anySequenceFunction(s.Targets) {
		return
	}
	e := &evaluator{c: c, x: x, fromComplex: s.Complex}
	if s.From != nil {
		e.from = c.table(*s.From)
		if e.from == nil {
			e.fromComplex = true
		} else if !anyAggregate(s.Targets) && e.from.rowsKnown && e.from.rows == 0 && !s.Complex {
			return // the functions run once per row, and there is none
		}
	}
	for _, t := range s.Targets {
		e.eval(t)
		if x.failed {
			break
		}
	}
	for _, m := range e.moved {
		m.seq.LastMove = &Move{Kind: MoveSetval, At: x.Site, Dynamic: m.dynamic}
	}
}

func anySequenceFunction(exprs []ast.Expr) bool {
	for _, ex := range exprs {
		if callsSequenceFunction(ex) {
			return true
		}
	}
	return false
}

func anyAggregate(exprs []ast.Expr) bool {
	for _, ex := range exprs {
		if hasAggregate(ex) {
			return true
		}
	}
	return false
}

// truncate empties tables; RESTART IDENTITY also restarts the sequences
// their columns own.
func (c *Catalog) truncate(x *Exec, s *ast.Truncate) {
	var tables []*Table
	for _, target := range s.Tables {
		t := c.table(target.Name)
		if t == nil {
			continue
		}
		tables = append(tables, t.reach(target.Only)...)
	}
	// A table a foreign key references is truncated only with the tables
	// that reference it, which CASCADE adds.
	for from := c.referencedFrom(tables); len(from) > 0; from = c.referencedFrom(tables) {
		if !s.Cascade {
			x.fail("cannot truncate a table referenced in a foreign key constraint: %s references it", script.QualifiedName(from[0].Name))
			return
		}
		for _, t := range from {
			tables = append(tables, t.reach(false)...)
		}
	}
	// TRUNCATE fires its triggers once per table, BEFORE ones before any
	// row goes and AFTER ones once all have gone.
	c.fireTruncate(x, tables, true)
	if x.failed {
		return
	}
	for _, t := range tables {
		for _, col := range t.Columns {
			col.Keys.clear()
		}
		t.rows, t.rowsKnown = 0, true
	}
	defer c.fireTruncate(x, tables, false)
	if !s.RestartIdentity {
		return
	}
	for _, seq := range c.sequences {
		if seq.OwnedBy != nil && indexOfTable(tables, seq.OwnedBy.Table) >= 0 {
			c.rewriteSequence(seq, seq.standing())
			seq.position(seq.Start, false)
			seq.LastMove = &Move{Kind: MoveTruncate, At: x.Site}
		}
	}
}

func indexOfTable(tables []*Table, t *Table) int {
	for i, x := range tables {
		if x == t {
			return i
		}
	}
	return -1
}

// deleteRows empties a table when there is no WHERE; otherwise the keys
// that remain are not known, but none is added.
func (c *Catalog) deleteRows(x *Exec, s *ast.Delete) {
	t := c.table(s.Table)
	if t == nil {
		return
	}
	tables := t.reach(s.Only)
	at := x.Site // the Exec goes on to later statements
	for _, tt := range tables {
		if s.HasWhere {
			tt.rowsKnown = false
			for _, col := range tt.Columns {
				col.Keys.Inexact = true
				col.Keys.Deleted = &at
				col.Keys.nulls = false
			}
			continue
		}
		for _, col := range tt.Columns {
			col.Keys.clear()
		}
		tt.rows, tt.rowsKnown = 0, true
	}
}
