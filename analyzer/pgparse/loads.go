package pgparse

import (
	"slices"
	"strconv"

	pg "github.com/pganalyze/pg_query_go/v6"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
)

// withStmt reads a statement whose WITH clause modifies data: each INSERT,
// UPDATE or DELETE of the WITH runs to completion (ExecPostprocessPlan in
// execMain.c), whether the outer statement reads its rows or not.
func withStmt(n *pg.Node) ast.Stmt {
	w := &ast.With{}
	var modified []string
	for _, cte := range withClause(n).GetCtes() {
		q := cte.GetCommonTableExpr().GetCtequery()
		if q.GetSelectStmt() != nil {
			continue
		}
		w.Parts = append(w.Parts, convertStmt(q))
		modified = append(modified, modifiedTable(q))
	}
	var outer ast.Stmt
	switch {
	case n.GetInsertStmt() != nil:
		outer = insert(n.GetInsertStmt())
	case n.GetUpdateStmt() != nil:
		outer = update(n.GetUpdateStmt())
	case n.GetDeleteStmt() != nil:
		outer = deleteStmt(n.GetDeleteStmt())
	default:
		outer = selectStmt(n.GetSelectStmt())
	}
	modified = append(modified, modifiedTable(n))
	w.Parts = append(w.Parts, outer)
	// Every part sees the tables as they were before the statement: rows
	// read from a table another part changes are not followed.
	for _, part := range w.Parts {
		if ins, ok := part.(*ast.Insert); ok && ins.Query != nil && ins.Query.From != nil && slices.Contains(modified, ins.Query.From.Name) {
			ins.Query = nil
		}
	}
	return w
}

// modifiedTable is the name of the table an INSERT, UPDATE or DELETE
// changes, "" for another statement.
func modifiedTable(n *pg.Node) string {
	switch {
	case n.GetInsertStmt() != nil:
		return n.GetInsertStmt().GetRelation().GetRelname()
	case n.GetUpdateStmt() != nil:
		return n.GetUpdateStmt().GetRelation().GetRelname()
	case n.GetDeleteStmt() != nil:
		return n.GetDeleteStmt().GetRelation().GetRelname()
	}
	return ""
}

func update(s *pg.UpdateStmt) *ast.Update {
	u := &ast.Update{
		Table:    rangeVarName(s.Relation),
		Only:     !s.Relation.GetInh(),
		Filtered: s.WhereClause != nil || len(s.FromClause) > 0,
	}
	for _, t := range s.TargetList {
		rt := t.GetResTarget()
		u.Columns = append(u.Columns, rt.GetName())
		var v ast.Expr = &ast.Opaque{}
		if len(rt.Indirection) == 0 {
			// A multi-column assignment arrives as MultiAssignRef: Opaque.
			v = expr(rt.Val)
		}
		u.Values = append(u.Values, v)
	}
	return u
}

func deleteStmt(s *pg.DeleteStmt) *ast.Delete {
	return &ast.Delete{
		Table:    rangeVarName(s.Relation),
		Only:     !s.Relation.GetInh(),
		HasWhere: s.WhereClause != nil || len(s.UsingClause) > 0,
	}
}

// followQuery reads the query of INSERT ... SELECT when its rows can be
// followed: over a VALUES list it gives the rows themselves; over one
// table or generate_series, a RowQuery. ctes are the names the INSERT's
// own WITH gives, which hide tables of the same name.
func followQuery(sel *pg.SelectStmt, ctes []string) ([][]ast.Expr, *ast.RowQuery) {
	if sel.Op != pg.SetOperation_SETOP_NONE || sel.WithClause != nil || len(sel.GroupClause) > 0 || sel.HavingClause != nil ||
		len(sel.WindowClause) > 0 || sel.IntoClause != nil || len(sel.TargetList) == 0 || len(sel.FromClause) > 1 {
		return nil, nil
	}
	q := &ast.RowQuery{
		Filtered: sel.WhereClause != nil || sel.LimitCount != nil || sel.LimitOffset != nil || len(sel.DistinctClause) > 0,
	}
	for _, t := range sel.TargetList {
		v := t.GetResTarget().GetVal()
		if ref := v.GetColumnRef(); ref != nil && len(ref.Fields) == 1 && ref.Fields[0].GetAStar() != nil && len(sel.TargetList) == 1 {
			q.Star = true
			break
		}
		if summarizes(v) && len(sel.FromClause) > 0 {
			return nil, nil // an aggregate makes one row; a set-returning function more
		}
		q.Targets = append(q.Targets, expr(v))
	}
	if len(sel.FromClause) == 0 {
		return nil, seriesInTargets(q)
	}
	from := sel.FromClause[0]
	switch {
	case from.GetRangeVar() != nil:
		rv := from.GetRangeVar()
		name := rangeVarName(rv)
		if name.Schema == "" && slices.Contains(ctes, name.Name) || len(rv.GetAlias().GetColnames()) > 0 {
			return nil, nil
		}
		q.From, q.Only, q.Alias = &name, !rv.Inh, rv.Relname
		if rv.Alias != nil {
			q.Alias = rv.Alias.Aliasname
		}
		return nil, q
	case from.GetRangeFunction() != nil:
		q.Series, q.Alias = seriesSource(from.GetRangeFunction())
		if q.Series == nil {
			return nil, nil
		}
		if q.Star {
			q.Star, q.Targets = false, []ast.Expr{&ast.ColumnRef{Names: []string{q.Series.Column}}}
		}
		return nil, q
	case from.GetRangeSubselect() != nil && !q.Filtered:
		return valuesRows(from.GetRangeSubselect(), q), nil
	}
	return nil, nil
}

// seriesSource reads FROM generate_series(start, stop[, step]) [AS
// alias[(column)]]: a scalar function's one column takes the alias's
// name when no column name is given.
func seriesSource(rf *pg.RangeFunction) (*ast.Series, string) {
	if rf.Lateral || rf.Ordinality || rf.IsRowsfrom || len(rf.Functions) != 1 || len(rf.Coldeflist) > 0 {
		return nil, ""
	}
	items := rf.Functions[0].GetList().GetItems()
	if len(items) == 0 {
		return nil, ""
	}
	s := series(items[0].GetFuncCall())
	if s == nil {
		return nil, ""
	}
	alias := "generate_series"
	s.Column = alias
	if a := rf.Alias; a != nil {
		alias, s.Column = a.Aliasname, a.Aliasname
		if cols := stringList(a.Colnames); len(cols) == 1 {
			s.Column = cols[0]
		} else if len(cols) > 1 {
			return nil, ""
		}
	}
	return s, alias
}

// series reads a call of generate_series with two or three arguments.
func series(fc *pg.FuncCall) *ast.Series {
	name := qualifiedName(fc.GetFuncname())
	if fc == nil || name.Name != "generate_series" || name.Schema != "" && name.Schema != "pg_catalog" ||
		len(fc.Args) < 2 || len(fc.Args) > 3 || fc.Over != nil || fc.AggStar || fc.FuncVariadic || len(fc.AggOrder) > 0 {
		return nil
	}
	s := &ast.Series{Start: expr(fc.Args[0]), Stop: expr(fc.Args[1])}
	if len(fc.Args) == 3 {
		s.Step = expr(fc.Args[2])
	}
	return s
}

// seriesInTargets reads SELECT generate_series(a, b) [* 2] without FROM:
// one row per value of the one series the targets call, which becomes a
// column of the source.
func seriesInTargets(q *ast.RowQuery) *ast.RowQuery {
	var found *ast.FuncCall
	for i, t := range q.Targets {
		q.Targets[i] = replaceCalls(t, func(f *ast.FuncCall) ast.Expr {
			if f.Name.Name != "generate_series" || f.Name.Schema != "" && f.Name.Schema != "pg_catalog" {
				return nil
			}
			if found != nil || len(f.Args) < 2 || len(f.Args) > 3 {
				return &ast.Opaque{}
			}
			found = f
			return &ast.ColumnRef{Names: []string{"generate_series"}}
		})
	}
	if found == nil {
		return nil
	}
	q.Series = &ast.Series{Start: found.Args[0], Stop: found.Args[1], Column: "generate_series"}
	if len(found.Args) == 3 {
		q.Series.Step = found.Args[2]
	}
	return q
}

// replaceCalls returns ex with each function call for which with returns
// an expression replaced by it.
func replaceCalls(ex ast.Expr, with func(*ast.FuncCall) ast.Expr) ast.Expr {
	switch e := ex.(type) {
	case *ast.FuncCall:
		if r := with(e); r != nil {
			return r
		}
		call := *e
		call.Args = make([]ast.Expr, len(e.Args))
		for i, a := range e.Args {
			call.Args[i] = replaceCalls(a, with)
		}
		return &call
	case *ast.OpExpr:
		op := *e
		if e.Left != nil {
			op.Left = replaceCalls(e.Left, with)
		}
		op.Right = replaceCalls(e.Right, with)
		return &op
	case *ast.TypeCast:
		return &ast.TypeCast{Arg: replaceCalls(e.Arg, with), Type: e.Type}
	}
	return ex
}

// valuesRows reads SELECT targets FROM (VALUES ...) AS alias(columns): the
// rows it yields, each target with the row's values in place of the
// columns; nil when a target reads anything else.
func valuesRows(sub *pg.RangeSubselect, q *ast.RowQuery) [][]ast.Expr {
	values := sub.Subquery.GetSelectStmt()
	if sub.Lateral || values == nil || len(values.ValuesLists) == 0 || values.WithClause != nil || sub.Alias == nil {
		return nil
	}
	columns := stringList(sub.Alias.Colnames)
	rows := make([][]ast.Expr, 0, len(values.ValuesLists))
	for _, list := range values.ValuesLists {
		items := exprs(list.GetList().GetItems())
		if q.Star {
			rows = append(rows, items)
			continue
		}
		valueOf := func(ref *ast.ColumnRef) ast.Expr {
			name := ref.Names[len(ref.Names)-1]
			if len(ref.Names) > 2 || len(ref.Names) == 2 && ref.Names[0] != sub.Alias.Aliasname {
				return nil
			}
			for i, item := range items {
				if i < len(columns) && columns[i] == name || i >= len(columns) && name == "column"+strconv.Itoa(i+1) {
					return item
				}
			}
			return nil
		}
		row := make([]ast.Expr, len(q.Targets))
		for i, t := range q.Targets {
			v, ok := substitute(t, valueOf)
			if !ok {
				return nil
			}
			row[i] = v
		}
		rows = append(rows, row)
	}
	return rows
}

// substitute returns ex with each column reference replaced by its value,
// and false when a reference has none or ex holds a subquery.
func substitute(ex ast.Expr, valueOf func(*ast.ColumnRef) ast.Expr) (ast.Expr, bool) {
	switch e := ex.(type) {
	case *ast.ColumnRef:
		v := valueOf(e)
		return v, v != nil
	case *ast.OpExpr:
		op := *e
		ok := true
		if e.Left != nil {
			op.Left, ok = substitute(e.Left, valueOf)
		}
		right, rightOK := substitute(e.Right, valueOf)
		op.Right = right
		return &op, ok && rightOK
	case *ast.TypeCast:
		arg, ok := substitute(e.Arg, valueOf)
		return &ast.TypeCast{Arg: arg, Type: e.Type}, ok
	case *ast.FuncCall:
		call := *e
		call.Args = make([]ast.Expr, len(e.Args))
		for i, a := range e.Args {
			v, ok := substitute(a, valueOf)
			if !ok {
				return ex, false
			}
			call.Args[i] = v
		}
		return &call, true
	case *ast.CoalesceExpr, *ast.MinMaxExpr, *ast.NullTest, *ast.SubLink:
		return ex, false
	}
	return ex, true
}

// merge reads MERGE. Each NOT MATCHED ... INSERT reads the source rows as
// INSERT ... SELECT values FROM source would; the values of a MATCHED ...
// UPDATE are kept only when they read no column (an unqualified name may
// be the source's or the target's).
func merge(s *pg.MergeStmt) ast.Stmt {
	m := &ast.Merge{Table: rangeVarName(s.Relation), Only: !s.Relation.GetInh()}
	ctes := cteNames(s.WithClause)
	for _, n := range s.MergeWhenClauses {
		w := n.GetMergeWhenClause()
		a := ast.MergeAction{
			Matched:     w.MatchKind != pg.MergeMatchKind_MERGE_WHEN_NOT_MATCHED_BY_TARGET,
			Conditional: w.Condition != nil,
		}
		switch w.CommandType {
		case pg.CmdType_CMD_INSERT:
			a.Insert = mergeInsert(m.Table, w, s.SourceRelation, ctes)
		case pg.CmdType_CMD_UPDATE:
			a.Update = &ast.Update{Table: m.Table, Only: m.Only, Filtered: true}
			for _, t := range w.TargetList {
				rt := t.GetResTarget()
				v := expr(rt.Val)
				if _, ok := substitute(v, func(*ast.ColumnRef) ast.Expr { return nil }); !ok || len(rt.Indirection) > 0 {
					v = &ast.Opaque{}
				}
				a.Update.Columns = append(a.Update.Columns, rt.GetName())
				a.Update.Values = append(a.Update.Values, v)
			}
		case pg.CmdType_CMD_DELETE:
			a.Delete = true
		}
		m.Actions = append(m.Actions, a)
	}
	return m
}

// mergeInsert reads WHEN NOT MATCHED THEN INSERT [(columns)] {VALUES (...)
// | DEFAULT VALUES} over the source rows.
func mergeInsert(table ast.QName, w *pg.MergeWhenClause, source *pg.Node, ctes []string) *ast.Insert {
	ins := &ast.Insert{Table: table, Override: overriding(w.Override)}
	ins.Columns, ins.Partial = targetColumns(w.TargetList)
	values := w.Values
	if len(values) == 0 {
		// DEFAULT VALUES: no column is given; the query reads the source
		// for its rows alone.
		ins.Columns = []string{}
		values = []*pg.Node{pg.MakeAConstIntNode(0, 0)}
	}
	sel := &pg.SelectStmt{Op: pg.SetOperation_SETOP_NONE, FromClause: []*pg.Node{source}}
	for _, v := range values {
		sel.TargetList = append(sel.TargetList, pg.MakeResTargetNodeWithVal(v, 0))
	}
	ins.Rows, ins.Query = followQuery(sel, ctes)
	if len(w.Values) == 0 {
		for i := range ins.Rows {
			ins.Rows[i] = nil
		}
		if ins.Query != nil {
			ins.Query.Targets = nil
		}
	}
	return ins
}

// overriding reads an OVERRIDING clause.
func overriding(k pg.OverridingKind) ast.Override {
	switch k {
	case pg.OverridingKind_OVERRIDING_SYSTEM_VALUE:
		return ast.OverrideSystem
	case pg.OverridingKind_OVERRIDING_USER_VALUE:
		return ast.OverrideUser
	}
	return ast.OverrideNone
}

// targetColumns are the column names of an INSERT's column list (nil
// without one), and which of them assign a subscript or field.
func targetColumns(cols []*pg.Node) (names []string, partial []bool) {
	for i, c := range cols {
		rt := c.GetResTarget()
		names = append(names, rt.GetName())
		if len(rt.Indirection) > 0 {
			if partial == nil {
				partial = make([]bool, len(cols))
			}
			partial[i] = true
		}
	}
	return names, partial
}
