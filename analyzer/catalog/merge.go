package catalog

import (
	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// merge runs MERGE's actions. A target known to be empty matches no
// source row: the first NOT MATCHED action, when it has no condition,
// takes every source row, and MATCHED actions do nothing. Otherwise which
// source rows match is not known: an action inserts some of them, so the
// keys it gives are only known to lie in their range, and the sequences
// of the columns it leaves out hand out an unknown number of values,
// which is reported.
func (c *Catalog) merge(x *Exec, s *ast.Merge) {
	t := c.table(s.Table)
	if t == nil {
		if _, rel := c.lookup(s.Table); rel == nil {
			c.loadUnknown(x, s.Table, LoadInsertSelect, -1)
		}
		return
	}
	empty := true
	for _, tt := range t.reach(s.Only) {
		empty = empty && tt.rowsKnown && tt.rows == 0
	}
	before := c.take("")
	everyRow := empty
	for _, a := range s.Actions {
		switch {
		case a.Matched && empty:
		case a.Update != nil:
			c.update(x, a.Update)
		case a.Delete:
			c.deleteRows(x, &ast.Delete{Table: s.Table, Only: s.Only, HasWhere: true})
		case a.Insert != nil:
			c.mergeInsert(x, t, a.Insert, everyRow && !a.Conditional)
		}
		if !a.Matched {
			// A later NOT MATCHED action sees only the rows this one's
			// condition turned down.
			everyRow = false
		}
		if x.failed {
			c.restore(before)
			return
		}
	}
	// The keys the actions gave are the MERGE's loads.
	for _, tt := range t.reach(s.Only) {
		for _, col := range tt.Columns {
			for _, l := range []*Load{&col.Keys.maxLoad, &col.Keys.minLoad, &col.Keys.unknown, &col.Keys.last} {
				if l.At.Clock == x.Site.Clock && l.Kind != LoadDefault {
					l.Kind = LoadMerge
				}
			}
		}
	}
}

// mergeInsert is WHEN NOT MATCHED THEN INSERT, over every source row or
// some of them.
func (c *Catalog) mergeInsert(x *Exec, t *Table, s *ast.Insert, everyRow bool) {
	if everyRow {
		c.insertInto(x, t, s)
		return
	}
	switch {
	case s.Query != nil:
		q, some := *s.Query, *s
		q.Filtered, some.Query = true, &q
		c.insertInto(x, t, &some)
	case s.Rows != nil:
		c.someRows(x, t, s)
	default:
		c.insertInto(x, t, s)
	}
	if x.failed {
		return
	}
	var fed []*Sequence
	at := x.Site // the Exec goes on to later statements
	for _, col := range c.leftToDefault(t, s) {
		fed = append(fed, col.Feed)
		col.Feed.Unverified = &at
	}
	if len(fed) > 0 {
		x.Report(&Unverifiable{Reason: "a MERGE that inserts an unknown number of rows", Sequences: fed})
	}
}

// leftToDefault are the sequence-fed columns of t an INSERT leaves to
// their default.
func (c *Catalog) leftToDefault(t *Table, s *ast.Insert) []*Column {
	width := len(t.Columns)
	switch {
	case s.Query != nil && !s.Query.Star:
		width = len(s.Query.Targets)
	case len(s.Rows) > 0:
		width = len(s.Rows[0])
	}
	var cols []*Column
	for i, col := range t.Columns {
		given := i < width
		if s.Columns != nil {
			given = false
			for j, name := range s.Columns {
				given = given || name == col.Name && j < width
			}
		}
		if col.Feed != nil && (!given || s.Override == ast.OverrideUser && col.Identity != NotIdentity) {
			cols = append(cols, col)
		}
	}
	return cols
}

// someRows inserts some of an INSERT's rows, which ones not known: the
// keys they give lie within the range of all their keys.
func (c *Catalog) someRows(x *Exec, t *Table, s *ast.Insert) {
	targets, ok := c.columnsNamed(x, t, s.Columns, s.Partial, nil)
	if !ok || !c.checkInsertRows(x, t, targets, s, s.Rows) {
		return
	}
	e := &evaluator{c: c, x: x}
	loads := newStatementLoads(x, LoadInsert)
	for _, col := range c.trackedColumns(t) {
		p := indexOf(targets, col)
		k := columnKeys{}
		unbounded, defaults := false, false
		for _, row := range s.Rows {
			var v ast.Expr
			if p >= 0 && p < len(row) {
				v = row[p]
			}
			_, isDefault := v.(*ast.Default)
			switch {
			case v == nil || isDefault || s.Override == ast.OverrideUser && col.Identity != NotIdentity:
				defaults = true
			case callsSequenceFunction(v):
				unbounded = true // how many times it runs is not known
			default:
				if val := e.eval(v); val.kind == vInt {
					k.within.Add(val.i)
				} else if val.kind != vNull {
					unbounded = true
				}
			}
		}
		k.hidden = unbounded || k.within.Count > 0
		if unbounded || !withinRange(k.within, col) {
			k.within = script.KeyStats{}
		}
		if defaults && col.Feed != nil {
			col.Feed.nextvalsUnknown()
			k.inexact = true
		}
		k.commit(col, loads)
	}
	t.rowsKnown = false
}
