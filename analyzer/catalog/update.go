package catalog

import (
	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// with runs a statement with data-modifying WITH queries: each part runs,
// and when one fails the statement's changes go, as a failed statement's
// do. Its nextval calls are never undone, but how many ran before the
// failure is not known: the executor runs the outer statement first and
// a WITH query only as its rows are read, or at the end.
func (c *Catalog) with(x *Exec, s *ast.With) {
	before := c.take("")
	for _, part := range s.Parts {
		c.Apply(x, part)
		if !x.failed {
			continue
		}
		c.restore(before)
		for _, seq := range c.sequences {
			if saved, ok := before.seqState[seq]; ok && seq.standing() != saved.standing() {
				seq.stand(saved.standing())
				seq.nextvalsUnknown()
			}
		}
		return
	}
}

// assignment is what an UPDATE does to one key column.
type assignment struct {
	col *Column
	// keys are the column's new keys; exact unless the UPDATE may change
	// only some rows, or the row count is not known.
	keys     keyRange
	followed bool
	// defaults is SET col = DEFAULT on a sequence-fed column.
	defaults bool
}

// update follows the keys an UPDATE writes: a constant, the column shifted
// or scaled by a constant, or the column's default. Without WHERE every
// row changes; with one, some may, so the old keys may be gone and the
// new ones are only known to lie in their range.
func (c *Catalog) update(x *Exec, s *ast.Update) {
	t := c.table(s.Table)
	if t == nil {
		return
	}
	var changes []assignment
	for _, tt := range t.reach(s.Only) {
		if tt.rowsKnown && tt.rows == 0 {
			continue // no row to change
		}
		for _, col := range c.trackedColumns(tt) {
			for i, name := range s.Columns {
				if col.Name != name {
					continue
				}
				var v ast.Expr = &ast.Opaque{}
				if i < len(s.Values) {
					v = s.Values[i]
				}
				a, ok := c.assign(x, tt, col, v, s.Filtered)
				if !ok {
					return
				}
				changes = append(changes, a)
			}
		}
	}
	loads := newStatementLoads(x, LoadUpdate)
	for _, a := range changes {
		c.commitAssignment(a, s.Filtered, loads)
	}
}

// assign works out one assignment; false when the server rejects the
// statement.
func (c *Catalog) assign(x *Exec, t *Table, col *Column, v ast.Expr, filtered bool) (assignment, bool) {
	a := assignment{col: col}
	if _, ok := v.(*ast.Default); ok {
		a.defaults = col.Feed != nil
		return a, true
	}
	if col.Identity == IdentityAlways {
		x.fail("column %s can only be updated to DEFAULT", script.QuoteIdent(col.Name))
		return a, false
	}
	rows := t.rows
	if !t.rowsKnown {
		rows = -1
	}
	src := &rowSource{alias: t.Name.Name, table: t, rows: rows}
	a.keys, a.followed = src.targetKeys(v)
	if !a.followed {
		return a, true
	}
	if !withinRange(a.keys.keys, col) && (!t.rowsKnown || filtered) {
		a.followed = false // some rows may fail the range, or none
	}
	if !t.rowsKnown || filtered {
		// Which rows change, or how many there are, is not known.
		a.keys.exact = false
		return a, true
	}
	if a.keys.keys.Count < rows && col.NotNull {
		nullViolation(x, col)
		return a, false
	}
	if !(&columnKeys{explicit: a.keys.keys}).inRange(col) {
		x.fail("value out of range for type %s in column %s", col.Kind, col.QualifiedName())
		return a, false
	}
	return a, true
}

// commitAssignment changes a column's keys once the statement succeeds.
func (c *Catalog) commitAssignment(a assignment, filtered bool, loads *statementLoads) {
	col, t := a.col, a.col.Table
	col.Keys.nulls = false // which rows hold NULL now is not followed
	k := columnKeys{}
	switch {
	case !a.followed && !a.defaults:
		k.hidden = true
	case !filtered:
		// Every row takes its new key.
		col.Keys.clear()
		switch {
		case a.defaults && t.rowsKnown:
			c.defaultRows(col, t.rows, loads.at)
		case a.defaults:
			col.Feed.nextvalsUnknown()
			k.inexact = true
		case a.keys.exact:
			k.explicit = a.keys.keys
		default:
			k.hidden, k.within = a.keys.keys.Count > 0, a.keys.keys
		}
	case a.defaults:
		// The rows that change take sequence values; the others keep
		// their keys.
		col.Feed.nextvalsUnknown()
		k.inexact = true
	default:
		// Some rows may take new keys: every key lies among the old ones
		// and the new ones.
		k.within = a.keys.keys
		if old := col.Keys; old.Count > 0 && k.within.Count > 0 {
			k.within.Min, k.within.Max = min(k.within.Min, old.Min), max(k.within.Max, old.Max)
		} else if old.Count > 0 {
			k.within = script.KeyStats{Count: old.Count, Min: old.Min, Max: old.Max}
		}
		k.hidden = k.within.Count > 0
	}
	k.commit(col, loads)
}
