package analyzer

import (
	"fmt"
	"strings"
)

// FixFor writes the statement that moves a sequence past the keys of every
// column it feeds.
//
// The default form computes the value when it runs, from the data then in
// the tables: the largest key over all of them (the smallest, descending),
// or the start value when there is none, so that the next value is just
// past the keys. It is right even when the data differs from the script,
// and running it twice changes nothing.
func FixFor(s *Sequence) *Fix {
	touch := s.LastTouch()
	fix := &Fix{SQL: computedSetval(s), After: touch.Through}
	if static, ok := staticSetval(s); ok {
		fix.Static = static
	}
	return fix
}

// computedSetval is setval(s, greatest(max(key), start), max(key) >= start):
// past the largest key, or at the start for an empty table.
func computedSetval(s *Sequence) string {
	agg, extreme, cmp := "max", "greatest", ">="
	if !s.ascending() {
		agg, extreme, cmp = "min", "least", "<="
	}
	seq := quoteLiteral(s.QualifiedName())
	tables := keyTables(s)
	if len(tables) == 1 {
		col := QuoteIdent(tables[0].Name)
		k := fmt.Sprintf("%s(%s)", agg, col)
		return fmt.Sprintf("SELECT pg_catalog.setval(%s, %s(%s, %d), coalesce(%s %s %d, false)) FROM %s;",
			seq, extreme, k, s.Start, k, cmp, s.Start, QualifiedName(tables[0].Table.Name))
	}
	parts := make([]string, len(tables))
	for i, col := range tables {
		parts[i] = fmt.Sprintf("(SELECT %s(%s) FROM %s)", agg, QuoteIdent(col.Name), QualifiedName(col.Table.Name))
	}
	return fmt.Sprintf("SELECT pg_catalog.setval(%s, %s(k.key, %d), coalesce(k.key %s %d, false)) FROM (SELECT %s(%s) AS key) AS k;",
		seq, extreme, s.Start, cmp, s.Start, extreme, strings.Join(parts, ", "))
}

// keyTables returns the fed columns whose tables a query must read: a
// query on a parent already reads its children and partitions.
func keyTables(s *Sequence) []*Column {
	cols := s.FedColumns()
	var out []*Column
	for _, col := range cols {
		covered := false
		for _, other := range cols {
			if other != col && other.Name == col.Name && isAncestor(other.Table, col.Table) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, col)
		}
	}
	return out
}

func isAncestor(a, t *Table) bool {
	for _, p := range t.Parents {
		if p == a || isAncestor(a, p) {
			return true
		}
	}
	return false
}

// staticSetval writes pg_dump's own form with the largest key seen in the
// input; it reports false when some keys cannot be seen.
func staticSetval(s *Sequence) (string, bool) {
	cols := s.FedColumns()
	for _, col := range cols {
		if col.Keys.Unknown != nil || col.Keys.Inexact {
			return "", false
		}
	}
	_, key, found := s.extremeKey(cols)
	if !found {
		return fmt.Sprintf("SELECT pg_catalog.setval(%s, %d, false);", quoteLiteral(s.QualifiedName()), s.Start), true
	}
	return fmt.Sprintf("SELECT pg_catalog.setval(%s, %d, true);", quoteLiteral(s.QualifiedName()), key), true
}

// CollisionDiagnostic describes a collision: at the load when nothing moved
// the sequence afterwards, at the move when a move left it behind.
func CollisionDiagnostic(c *Collision) Diagnostic {
	s := c.Sequence
	d := Diagnostic{
		Span:   c.Load.At.Span,
		Source: c.Load.At.Source,
		Subject: &Subject{
			Sequence:  s.QualifiedName(),
			Table:     QualifiedName(c.Column.Table.Name),
			KeyColumn: c.Column.Name,
		},
		Fix: FixFor(s),
	}
	if !c.Hidden {
		d.Subject.MaxKey = fmt.Sprint(c.Key)
	}
	bound := "up to"
	if !s.ascending() {
		bound = "down to"
	}
	col := c.Column.QualifiedName()
	switch {
	case c.Stale != nil:
		d.Span, d.Source = c.Stale.At.Span, c.Stale.At.Source
		d.Message = fmt.Sprintf("%s leaves sequence %s handing out %d next, but keys %s %d were loaded into %s at %s",
			moveName(c.Stale.Kind), s.QualifiedName(), c.Next, bound, c.Key, col, lineOf(c.Load.At.Span))
	case c.Hidden:
		d.Message = fmt.Sprintf("%s loads keys into %s that pgseqlint cannot see, and nothing moves sequence %s past them afterwards",
			c.Load.Kind, col, s.QualifiedName())
	case !c.NextKnown:
		d.Message = fmt.Sprintf("keys %s %d were loaded into %s after sequence %s was last set, and nothing moves it past them",
			bound, c.Key, col, s.QualifiedName())
	default:
		d.Message = fmt.Sprintf("keys %s %d were loaded into %s, but nothing moves sequence %s past them: it hands out %d next",
			bound, c.Key, col, s.QualifiedName(), c.Next)
	}
	return d
}

func moveName(k MoveKind) string {
	switch k {
	case MoveRestart:
		return "RESTART"
	case MoveTruncate:
		return "TRUNCATE ... RESTART IDENTITY"
	}
	return "setval"
}

func lineOf(s Span) string { return fmt.Sprintf("%s:%d", s.Place(), s.Line) }
