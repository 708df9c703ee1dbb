package catalog

import (
	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// InsertRunPlan is what the INSERTs of a run, all with the header of one
// that was just applied, do to a table: each loads its rows' keys and
// nothing else, as long as its values are literals (script.InsertRun
// stops at any other).
type InsertRunPlan struct {
	table *Table
	// Values describes each value of a row, and slots the key column of
	// each slot.
	Values []script.RunValue
	slots  []*Column
}

// PlanInsertRun plans a run of INSERTs with the header of ins, or reports
// false when such an INSERT may do more than load keys: in an aborted
// transaction block, into a relation that is no table or that has
// triggers or rules, or when its columns take defaults, refuse values or
// leave a NOT NULL column out.
func (c *Catalog) PlanInsertRun(ins *ast.Insert) (*InsertRunPlan, bool) {
	if c.txn.aborted || ins.Rows == nil || ins.Override == ast.OverrideUser || ins.OnConflict || ins.OnConflictUpdate {
		return nil, false
	}
	t := c.insertTable(ins.Table)
	if t == nil {
		return nil, false
	}
	if len(c.triggers) > 0 {
		if fired, routed := c.insertTriggers(t); len(fired) > 0 || len(routed) > 0 {
			return nil, false
		}
	}
	targets, ok := c.insertTargets(&Exec{}, t, ins.Columns, ins.Partial)
	if !ok || len(targets) == 0 || c.lastTargets.unfilled != nil {
		return nil, false
	}
	tracked := c.trackedColumns(t)
	p := &InsertRunPlan{table: t, Values: make([]script.RunValue, len(targets))}
	for i, col := range targets {
		// A generated column takes only DEFAULT, which the run does not
		// read; a value for an identity column GENERATED ALWAYS fails
		// without OVERRIDING SYSTEM VALUE.
		if col.Generated || col.Identity == IdentityAlways && ins.Override == ast.OverrideNone {
			return nil, false
		}
		p.Values[i] = script.RunValue{Slot: -1, NotNull: col.NotNull}
		if indexOf(tracked, col) >= 0 {
			p.Values[i].Slot = len(p.slots)
			p.Values[i].Lo, p.Values[i].Hi = col.Kind.Range()
			p.slots = append(p.slots, col)
		}
	}
	// A key column the rows leave out takes its default in each of them.
	if len(p.slots) != len(tracked) {
		return nil, false
	}
	return p, true
}

// Slots is the number of key columns the run folds keys for.
func (p *InsertRunPlan) Slots() int { return len(p.slots) }

// CommitInsertRun applies the statements of a run, whose sites site
// gives, as applying them one by one would.
func (c *Catalog) CommitInsertRun(p *InsertRunPlan, run *script.InsertRun, site func(*script.RunStatement) Site) {
	for i, col := range p.slots {
		k := &run.Keys[i]
		col.Keys.nulls = col.Keys.nulls || k.Nulls
		if k.Count == 0 {
			continue
		}
		// The first statement with the run's largest key is the one that
		// made it the column's, if any did: later ones hold no larger key.
		if col.Keys.Count == 0 || k.Max > col.Keys.Max {
			col.Keys.Max, col.Keys.maxLoad = k.Max, Load{Kind: LoadInsert, At: site(&k.MaxAt)}
		}
		if col.Keys.Count == 0 || k.Min < col.Keys.Min {
			col.Keys.Min, col.Keys.minLoad = k.Min, Load{Kind: LoadInsert, At: site(&k.MinAt)}
		}
		col.Keys.Count += k.Count
		col.Keys.last = Load{Kind: LoadInsert, At: site(&k.LastAt)}
	}
	p.table.rows += run.Rows
}
