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
// every column but those left out by skip.
func (c *Catalog) columnsNamed(x *Exec, t *Table, names []string, skip func(*Column) bool) ([]*Column, bool) {
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
	for i, name := range names {
		cols[i] = t.column(name)
		if cols[i] == nil {
			x.fail("column %s of relation %s does not exist", script.QuoteIdent(name), script.QualifiedName(t.Name))
			return nil, false
		}
	}
	return cols, true
}

// keyValues says which values of an INSERT's rows the catalog follows:
// those of tracked columns. It keeps every value when it cannot tell (an
// unknown column: the statement fails, and apply says so).
func (c *Catalog) keyValues(table ast.QName, columns []string) []bool {
	t := c.table(table)
	if t == nil {
		return []bool{} // an unknown table: no value matters
	}
	x := &Exec{}
	targets, ok := c.columnsNamed(x, t, columns, nil)
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

// statementLoads are the two loads one statement can make into a column:
// keys it gives, and keys it takes from the sequence.
type statementLoads struct {
	explicit, defaults Load
}

func newStatementLoads(x *Exec, kind LoadKind) *statementLoads {
	return &statementLoads{
		explicit: Load{Kind: kind, At: x.Site},
		defaults: Load{Kind: LoadDefault, At: x.Site},
	}
}

// columnKeys collects what one statement puts into one column, to be
// committed only if the statement succeeds.
type columnKeys struct {
	explicit, defaults script.KeyStats
	hidden, inexact    bool
}

// commit adds a successful statement's keys to its column.
func (k *columnKeys) commit(col *Column, loads *statementLoads) {
	col.Keys.addStats(k.defaults, &loads.defaults)
	col.Keys.addStats(k.explicit, &loads.explicit)
	if k.hidden {
		hidden := loads.explicit
		hidden.Hidden = true
		col.Keys.addHidden(&hidden)
	}
	if k.inexact {
		col.Keys.Inexact = true
		if col.Keys.last.At.Clock < loads.defaults.At.Clock {
			col.Keys.last = loads.defaults
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
		return
	}
	targets, ok := c.insertTargets(x, t, s.Columns)
	if !ok {
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
func (c *Catalog) insertTargets(x *Exec, t *Table, names []string) ([]*Column, bool) {
	if c.lastTargets.table == t && c.lastTargets.generation == c.generation && slices.Equal(c.lastTargets.names, names) {
		return c.lastTargets.columns, true
	}
	cols, ok := c.columnsNamed(x, t, names, nil)
	if ok {
		c.lastTargets = targetsCache{table: t, generation: c.generation, names: script.CloneStrings(names), columns: cols}
	}
	return cols, ok
}

type targetsCache struct {
	table      *Table
	generation int
	names      []string
	columns    []*Column
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
		for p, v := range row {
			col := targets[p]
			if _, isDefault := v.(*ast.Default); isDefault {
				continue
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

// insertKey folds one row's value for a key column: the value given, or
// the sequence's next value when the row takes the default.
func (c *Catalog) insertKey(e *evaluator, k *columnKeys, col *Column, v ast.Expr, override ast.Override) {
	_, isDefault := v.(*ast.Default)
	// OVERRIDING USER VALUE discards the values given for identity columns.
	if v == nil || isDefault || override == ast.OverrideUser && col.Identity != NotIdentity {
		if col.Feed == nil {
			return // NULL, or a default that is not a sequence's
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

// insertQuery is INSERT ... SELECT: keys given by the query cannot be seen;
// columns it leaves out take an unknown number of sequence values.
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
}

// PlanCopy prepares to read the rows of COPY ... FROM STDIN. The plan reads
// the rows even when the table is unknown, to check them.
func (c *Catalog) PlanCopy(x *Exec, s *ast.Copy) *CopyPlan {
	p := &CopyPlan{binary: s.Format == ast.CopyBinary}
	want := len(s.Columns)
	var keyFields []int
	if t := c.table(s.Table); t != nil {
		// Without a column list, COPY reads every column but generated ones.
		cols, ok := c.columnsNamed(x, t, s.Columns, func(col *Column) bool { return col.Generated })
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
		if k := (columnKeys{explicit: st}); !k.inRange(col) {
			x.fail("value out of range for type %s in column %s", col.Kind, col.QualifiedName())
			return
		}
	}
	loads := newStatementLoads(x, LoadCopy)
	for i, col := range p.slots {
		k := columnKeys{explicit: f.Stats[i]}
		k.commit(col, loads)
	}
	for _, col := range p.unlisted {
		c.defaultRows(col, f.Rows, &loads.defaults)
	}
	t.rows += f.Rows
}

// hiddenCopy is COPY FROM a file or a program: the rows are not in the
// script.
func (c *Catalog) hiddenCopy(x *Exec, s *ast.Copy) {
	t := c.table(s.Table)
	if t == nil {
		return
	}
	cols, ok := c.columnsNamed(x, t, s.Columns, func(col *Column) bool { return col.Generated })
	if !ok {
		return
	}
	kind := LoadCopyFile
	if s.Source == ast.CopyFromProgram {
		kind = LoadCopyProgram
	}
	c.hiddenRows(x, t, kind, func(col *Column) bool { return indexOf(cols, col) >= 0 })
}

// selectStmt runs the sequence functions a SELECT calls: setval, nextval,
// set_config.
func (c *Catalog) selectStmt(x *Exec, s *ast.Select) {
	if !anySequenceFunction(s.Targets) {
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
	for _, t := range tables {
		for _, col := range t.Columns {
			col.Keys.clear()
		}
		t.rows, t.rowsKnown = 0, true
	}
	if !s.RestartIdentity {
		return
	}
	for _, seq := range c.sequences {
		if seq.OwnedBy != nil && indexOfTable(tables, seq.OwnedBy.Table) >= 0 {
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
	for _, tt := range tables {
		if s.HasWhere {
			tt.rowsKnown = false
			for _, col := range tt.Columns {
				col.Keys.Inexact = true
				col.Keys.Deleted = &x.Site
			}
			continue
		}
		for _, col := range tt.Columns {
			col.Keys.clear()
		}
		tt.rows, tt.rowsKnown = 0, true
	}
}

// update notes keys changed by UPDATE: their new values cannot be seen.
func (c *Catalog) update(x *Exec, s *ast.Update) {
	t := c.table(s.Table)
	if t == nil {
		return
	}
	tables := t.reach(s.Only)
	loads := newStatementLoads(x, LoadUpdate)
	for _, tt := range tables {
		for _, col := range c.trackedColumns(tt) {
			for _, name := range s.Columns {
				if col.Name == name {
					(&columnKeys{hidden: true}).commit(col, loads)
				}
			}
		}
	}
}
