package catalog

import (
	"math/big"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// rowSource is the source of a query that yields one row per source row:
// a table whose keys are known, or generate_series. rows is their number.
type rowSource struct {
	alias  string
	table  *Table
	series *ast.Series
	values script.KeyStats // of the series
	rows   int64
}

// keyRange is what a query puts into one column: the keys, exactly when
// exact, or only a range they lie within (their Count is then unknown).
type keyRange struct {
	keys  script.KeyStats
	exact bool
}

// querySource resolves a followed query's source; false when its rows
// cannot be followed (a view, a table with unseen keys or rows, children
// read through their parent).
func (c *Catalog) querySource(e *evaluator, q *ast.RowQuery) (*rowSource, bool) {
	src := &rowSource{alias: q.Alias}
	if q.Series != nil {
		values, ok := c.seriesValues(e, q.Series)
		src.series, src.values, src.rows = q.Series, values, values.Count
		return src, ok
	}
	t := c.table(*q.From)
	if t == nil || !t.rowsKnown || !q.Only && len(t.Children) > 0 {
		return nil, false
	}
	src.table, src.rows = t, t.rows
	return src, true
}

// seriesValues are the values generate_series(start, stop[, step]) yields.
func (c *Catalog) seriesValues(e *evaluator, s *ast.Series) (script.KeyStats, bool) {
	start, stop, step := e.eval(s.Start), e.eval(s.Stop), intValue(1)
	if s.Step != nil {
		step = e.eval(s.Step)
	}
	if start.kind != vInt || stop.kind != vInt || step.kind != vInt {
		return script.KeyStats{}, false
	}
	if step.i == 0 {
		e.x.fail("step size cannot equal zero")
		return script.KeyStats{}, false
	}
	span := new(big.Int).Sub(big.NewInt(stop.i), big.NewInt(start.i))
	if span.Sign() != 0 && span.Sign() != sign(step.i) {
		return script.KeyStats{Count: 0}, true // no row
	}
	n := span.Quo(span, big.NewInt(step.i))
	last := new(big.Int).Mul(n, big.NewInt(step.i))
	last.Add(last, big.NewInt(start.i))
	n.Add(n, big.NewInt(1))
	if !n.IsInt64() {
		return script.KeyStats{}, false
	}
	stats := script.KeyStats{Count: n.Int64(), Min: start.i, Max: last.Int64()}
	if step.i < 0 {
		stats.Min, stats.Max = stats.Max, stats.Min
	}
	return stats, true
}

func sign(i int64) int {
	switch {
	case i > 0:
		return 1
	case i < 0:
		return -1
	}
	return 0
}

// targetKeys computes the keys a query's target puts into a column, for
// the targets pgseqlint can: a source column, a constant, and either of
// them shifted or scaled by a constant. Every source row gives one value,
// so the extremes map to the extremes.
func (src *rowSource) targetKeys(ex ast.Expr) (keyRange, bool) {
	switch ex := ex.(type) {
	case *ast.ColumnRef:
		return src.column(ex)
	case *ast.Const:
		v := constValue(ex)
		switch v.kind {
		case vNull:
			return keyRange{exact: true}, true
		case vInt:
			switch {
			case src.rows == 0:
				return keyRange{exact: true}, true
			case src.rows < 0:
				// An unknown number of rows: the key is only a bound.
				return keyRange{keys: script.KeyStats{Count: 1, Min: v.i, Max: v.i}}, true
			}
			return keyRange{keys: script.KeyStats{Count: src.rows, Min: v.i, Max: v.i}, exact: true}, true
		}
	case *ast.TypeCast:
		if kind, _ := columnType(ex.Type); kind != KindOther {
			return src.targetKeys(ex.Arg)
		}
	case *ast.OpExpr:
		return src.arithmetic(ex)
	}
	return keyRange{}, false
}

func (src *rowSource) column(ref *ast.ColumnRef) (keyRange, bool) {
	name := ref.Names[len(ref.Names)-1]
	if len(ref.Names) > 2 || len(ref.Names) == 2 && ref.Names[0] != src.alias {
		return keyRange{}, false
	}
	if src.series != nil {
		return keyRange{keys: src.values, exact: true}, name == src.series.Column
	}
	col := src.table.column(name)
	if col == nil || col.Kind == KindOther || col.Kind == KindNumeric {
		// Values pgseqlint does not follow, or (numeric) follows only
		// when they are whole.
		return keyRange{}, false
	}
	k := &col.Keys
	if k.Unknown() != nil || k.Inexact || k.Deleted != nil {
		return keyRange{}, false
	}
	return keyRange{keys: script.KeyStats{Count: k.Count, Min: k.Min, Max: k.Max}, exact: true}, true
}

// arithmetic is x + c, c + x, x - c, c - x, x * c, c * x and -x.
func (src *rowSource) arithmetic(op *ast.OpExpr) (keyRange, bool) {
	if op.Left == nil {
		if op.Op != "-" {
			return keyRange{}, false
		}
		op = &ast.OpExpr{Op: "*", Left: op.Right, Right: &ast.Const{Kind: ast.ConstInt, Val: "-1"}}
	}
	x, c, constLeft := op.Left, op.Right, false
	if k, ok := c.(*ast.Const); !ok || k.Kind != ast.ConstInt {
		x, c, constLeft = op.Right, op.Left, true
	}
	k, ok := c.(*ast.Const)
	if !ok || k.Kind != ast.ConstInt {
		return keyRange{}, false
	}
	n := constValue(k)
	r, ok := src.targetKeys(x)
	if !ok || n.kind != vInt {
		return keyRange{}, false
	}
	if r.keys.Count == 0 {
		return r, true
	}
	lo, hi := big.NewInt(r.keys.Min), big.NewInt(r.keys.Max)
	m := big.NewInt(n.i)
	switch {
	case op.Op == "+":
		lo.Add(lo, m)
		hi.Add(hi, m)
	case op.Op == "-" && !constLeft:
		lo.Sub(lo, m)
		hi.Sub(hi, m)
	case op.Op == "-":
		lo, hi = hi.Sub(m, hi), lo.Sub(m, lo)
	case op.Op == "*":
		lo.Mul(lo, m)
		hi.Mul(hi, m)
		if n.i < 0 {
			lo, hi = hi, lo
		}
	default:
		return keyRange{}, false
	}
	if !lo.IsInt64() || !hi.IsInt64() {
		return keyRange{}, false // the server fails on overflow
	}
	r.keys.Min, r.keys.Max = lo.Int64(), hi.Int64()
	return r, true
}

// followedRows inserts the rows of a query pgseqlint can follow. It
// returns false when it cannot, and the rows are hidden.
func (c *Catalog) followedRows(x *Exec, t *Table, targets []*Column, s *ast.Insert) bool {
	q := s.Query
	if s.OnConflict && !q.Filtered {
		// ON CONFLICT may skip rows: the keys are some of the query's.
		some := *q
		some.Filtered = true
		q = &some
	}
	e := &evaluator{c: c, x: x}
	src, ok := c.querySource(e, q)
	if !ok || x.failed {
		return x.failed
	}
	values := q.Targets
	if q.Star {
		for _, col := range src.table.Columns {
			values = append(values, &ast.ColumnRef{Names: []string{col.Name}})
		}
	}
	if len(values) > len(targets) {
		x.fail("INSERT has more expressions than target columns")
		return true
	}
	if s.Columns != nil && len(values) < len(targets) {
		x.fail("INSERT has more target columns than expressions")
		return true
	}
	tracked := c.trackedColumns(t)
	keys := make([]columnKeys, len(tracked))
	for i, col := range tracked {
		p := indexOf(targets, col)
		if p < 0 || p >= len(values) || s.Override == ast.OverrideUser && col.Identity != NotIdentity {
			continue // takes the default, below
		}
		r, ok := src.targetKeys(values[p])
		switch {
		case !ok:
			keys[i].hidden = true
		case q.Filtered:
			// Some of the keys: which is not known, but none lies outside
			// their range (one that would, would fail the statement).
			keys[i].hidden = r.keys.Count > 0
			if withinRange(r.keys, col) {
				keys[i].within = r.keys
			}
		default:
			if r.keys.Count < src.rows && col.NotNull {
				nullViolation(x, col)
				return true
			}
			keys[i].explicit = r.keys
		}
		if !keys[i].inRange(col) {
			x.fail("value out of range for type %s in column %s", col.Kind, col.QualifiedName())
			return true
		}
	}
	loads := newStatementLoads(x, LoadInsertSelect)
	for i, col := range tracked {
		p := indexOf(targets, col)
		if (p < 0 || p >= len(values) || s.Override == ast.OverrideUser && col.Identity != NotIdentity) && col.Feed != nil {
			if q.Filtered {
				col.Feed.nextvalsUnknown()
				keys[i].inexact = true
			} else {
				c.defaultRows(col, src.rows, loads.at)
			}
		}
		keys[i].commit(col, loads)
	}
	if q.Filtered {
		t.rowsKnown = false
	} else {
		t.rows += src.rows
	}
	return true
}

// withinRange reports whether a range of keys fits the column's type.
func withinRange(within script.KeyStats, col *Column) bool {
	lo, hi := col.Kind.Range()
	return within.Count == 0 || within.Min >= lo && within.Max <= hi
}
