package fix

import (
	"fmt"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// For writes the statement that moves a colliding sequence past the keys
// of every column it feeds, with a comment that says what it repairs.
//
// The default form computes the value when it runs, from the data then in
// the tables: the largest key over all of them (the smallest, descending),
// or the start value when there is none, so that the next value is just
// past the keys. It is right even when the data differs from the script,
// and running it twice changes nothing.
func For(c *catalog.Collision) *analyzer.Fix {
	s := c.Sequence
	at := s.FixSite()
	// The statements are printed (a hint, a patch on a terminal or in a CI
	// log): names that hold control characters are written escaped.
	return &analyzer.Fix{SQL: script.InertSQL(computedSetval(s)), Static: script.InertSQL(staticSetval(s)), After: at.Through, Comment: comment(c)}
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

// comment names the column and where its keys were loaded, and says
// when no setval can help: a cycling sequence whose keys reach its limit
// starts over among them.
func comment(c *catalog.Collision) []string {
	s := c.Sequence
	loaded := fmt.Sprintf("%s: keys loaded by %s at %s", c.Column.QualifiedName(), c.Load.Kind, c.Load.At.Span.PlaceLine())
	if c.Load.Kind == catalog.LoadExisting {
		loaded = c.Column.QualifiedName() + ": keys already in the database"
	}
	if c.Stale != nil {
		loaded += fmt.Sprintf(", then %s at %s left the sequence behind", c.Stale.Kind, c.Stale.At.Span.PlaceLine())
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
