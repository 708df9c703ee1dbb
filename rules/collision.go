package rules

import (
	"fmt"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
	"github.com/pgseqlint/pgseqlint/analyzer/fix"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// collisionDiagnostic describes a collision: at the load when nothing moved
// the sequence afterwards, at the move when a move left it behind.
func collisionDiagnostic(c *catalog.Collision) analyzer.Diagnostic {
	s := c.Sequence
	d := analyzer.Diagnostic{
		Span:   c.Load.At.Span,
		Source: c.Load.At.Source,
		Subject: &analyzer.Subject{
			Sequence:  s.QualifiedName(),
			Table:     script.QualifiedName(c.Column.Table.Name),
			KeyColumn: c.Column.Name,
		},
		Fix: fix.For(c),
	}
	if !c.Hidden && c.Removed == nil {
		d.Subject.MaxKey = fmt.Sprint(c.Key)
	}
	bound := "up to"
	if !s.Ascending() {
		bound = "down to"
	}
	col := c.Column.QualifiedName()
	// Keys a live database already holds are there, not loaded somewhere.
	where := fmt.Sprintf("were loaded into %s at %s", col, c.Load.At.Span.PlaceLine())
	if c.Load.Kind == catalog.LoadExisting {
		where = "are already in " + col
	}
	switch {
	case c.Removed != nil:
		d.Message = fmt.Sprintf("keys %s %d %s, and the DELETE at %s may not have removed them: nothing moves sequence %s past them",
			bound, c.Key, where, c.Removed.Span.PlaceLine(), s.QualifiedName())
	case c.Stale != nil:
		d.Span, d.Source = c.Stale.At.Span, c.Stale.At.Source
		d.Message = fmt.Sprintf("%s leaves sequence %s handing out %d next, but keys %s %d %s",
			c.Stale.Kind, s.QualifiedName(), c.Next, bound, c.Key, where)
	case c.Hidden:
		d.Message = fmt.Sprintf("%s loads keys into %s that pgseqlint cannot see, and nothing moves sequence %s past them afterwards",
			c.Load.Kind, col, s.QualifiedName())
	case !c.NextKnown:
		d.Message = fmt.Sprintf("keys %s %d were loaded into %s after sequence %s was last set, and nothing moves it past them",
			bound, c.Key, col, s.QualifiedName())
	case c.Load.Kind == catalog.LoadExisting:
		d.Message = fmt.Sprintf("keys %s %d are already in %s, but sequence %s hands out %d next",
			bound, c.Key, col, s.QualifiedName(), c.Next)
	default:
		d.Message = fmt.Sprintf("keys %s %d were loaded into %s, but nothing moves sequence %s past them: it hands out %d next",
			bound, c.Key, col, s.QualifiedName(), c.Next)
	}
	return d
}
