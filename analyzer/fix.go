package analyzer

import (
	"fmt"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// FixFor writes the statement that moves a sequence past the keys of every
// column it feeds.
//
// The default form computes the value when it runs, from the data then in
// the tables: the largest key over all of them (the smallest, descending),
// or the start value when there is none, so that the next value is just
// past the keys. It is right even when the data differs from the script,
// and running it twice changes nothing.
func FixFor(s *catalog.Sequence) *Fix {
	at := s.FixSite()
	return &Fix{SQL: computedSetval(s), Static: staticSetval(s), After: at.Through}
}

// computedSetval is setval(s, greatest(max(key), start), max(key) >= start):
// past the largest key, or at the start for an empty table, where
// setval(s, start, false) makes the next value the start itself.
func computedSetval(s *catalog.Sequence) string {
	agg, toward, cmp := "max", "greatest", ">="
	if !s.Ascending() {
		agg, toward, cmp = "min", "least", "<="
	}
	var key, from string
	if tables := s.KeyTables(); len(tables) == 1 {
		key = fmt.Sprintf("%s(%s)", agg, script.QuoteIdent(tables[0].Name))
		from = script.QualifiedName(tables[0].Table.Name)
	} else {
		// A shared sequence: the extreme over every table it feeds
		// (greatest and least ignore the tables that are empty).
		parts := make([]string, len(tables))
		for i, col := range tables {
			parts[i] = fmt.Sprintf("(SELECT %s(%s) FROM %s)", agg, script.QuoteIdent(col.Name), script.QualifiedName(col.Table.Name))
		}
		key = "k.key"
		from = fmt.Sprintf("(SELECT %s(%s) AS key) AS k", toward, strings.Join(parts, ", "))
	}
	value := fmt.Sprintf("%s(%s, %d)", toward, key, s.Start)
	passLimit, numeric := keyTypes(s)
	if passLimit {
		// setval rejects a value beyond MAXVALUE (MINVALUE, descending):
		// at the limit, nextval has nothing left to collide with.
		past, limit := "least", s.Max
		if !s.Ascending() {
			past, limit = "greatest", s.Min
		}
		value = fmt.Sprintf("%s(%s, %d)", past, value, limit)
	}
	if numeric {
		// setval takes a bigint, and numeric only casts to it on assignment.
		value += "::bigint"
	}
	return fmt.Sprintf("SELECT pg_catalog.setval(%s, %s, coalesce(%s %s %d, false)) FROM %s;",
		script.QuoteLiteral(s.QualifiedName()), value, key, cmp, s.Start, from)
}

// keyTypes reports whether a column the sequence feeds can hold a key
// beyond its MAXVALUE (below its MINVALUE, descending), and whether one is
// numeric.
func keyTypes(s *catalog.Sequence) (passLimit, numeric bool) {
	for _, col := range s.FedColumns() {
		lo, hi := col.Kind.Range()
		numeric = numeric || col.Kind == catalog.KindNumeric
		passLimit = passLimit || col.Kind == catalog.KindNumeric || s.Ascending() && hi > s.Max || !s.Ascending() && lo < s.Min
	}
	return passLimit, numeric
}

// staticSetval writes pg_dump's own form with the values the computed form
// would find in the data the input loads; "" when some keys cannot be seen.
func staticSetval(s *catalog.Sequence) string {
	cols := s.FedColumns()
	for _, col := range cols {
		if col.Keys.Unknown() != nil || col.Keys.Inexact {
			return ""
		}
	}
	value, called := s.Start, false
	if _, key, found := s.ExtremeKey(cols); found && (s.Ascending() && key >= s.Start || !s.Ascending() && key <= s.Start) {
		value, called = min(max(key, s.Min), s.Max), true
	}
	return fmt.Sprintf("SELECT pg_catalog.setval(%s, %d, %t);", script.QuoteLiteral(s.QualifiedName()), value, called)
}

// CollisionDiagnostic describes a collision: at the load when nothing moved
// the sequence afterwards, at the move when a move left it behind.
func CollisionDiagnostic(c *catalog.Collision) Diagnostic {
	s := c.Sequence
	d := Diagnostic{
		Span:   c.Load.At.Span,
		Source: c.Load.At.Source,
		Subject: &Subject{
			Sequence:  s.QualifiedName(),
			Table:     script.QualifiedName(c.Column.Table.Name),
			KeyColumn: c.Column.Name,
		},
		Fix: FixFor(s),
	}
	if !c.Hidden {
		d.Subject.MaxKey = fmt.Sprint(c.Key)
	}
	bound := "up to"
	if !s.Ascending() {
		bound = "down to"
	}
	col := c.Column.QualifiedName()
	d.Fix.Comment = fixComment(c)
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

// fixComment names the column and where its keys were loaded, and says
// when no setval can help: a cycling sequence whose keys reach its limit
// starts over among them.
func fixComment(c *catalog.Collision) []string {
	s := c.Sequence
	loaded := fmt.Sprintf("%s: keys loaded by %s at %s", c.Column.QualifiedName(), c.Load.Kind, lineOf(c.Load.At.Span))
	if c.Stale != nil {
		loaded += fmt.Sprintf(", then %s at %s left the sequence behind", moveName(c.Stale.Kind), lineOf(c.Stale.At.Span))
	}
	comment := []string{loaded}
	if s.Cycle && !c.Hidden {
		limitName, limit, restart := "MAXVALUE", s.Max, s.Min
		if !s.Ascending() {
			limitName, limit, restart = "MINVALUE", s.Min, s.Max
		}
		if s.Ascending() && c.Key >= limit || !s.Ascending() && c.Key <= limit {
			comment = append(comment, fmt.Sprintf("sequence %s cycles and the keys reach its %s %d: it starts over at %d, among them, whatever setval says",
				s.QualifiedName(), limitName, limit, restart))
		}
	}
	return comment
}

func moveName(k catalog.MoveKind) string {
	switch k {
	case catalog.MoveRestart:
		return "RESTART"
	case catalog.MoveTruncate:
		return "TRUNCATE ... RESTART IDENTITY"
	}
	return "setval"
}

func lineOf(s script.Span) string { return fmt.Sprintf("%s:%d", s.Place(), s.Line) }
