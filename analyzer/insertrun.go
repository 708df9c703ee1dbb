package analyzer

import (
	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// foldRun reads, after an INSERT the fast path has just read, the INSERTs
// like it that follow in a run (see script.InsertRun): they are applied
// to the catalog as a whole, as applying them one by one would, without a
// statement built for each. ins is the header of the INSERT just read,
// whose text up to its first row is prefix.
func (d *driver) foldRun(sp *script.Splitter, ins *ast.Insert, prefix []byte, ignores *ignoreReader) {
	if len(prefix) == 0 || !sp.StandardConformingStrings() || !sp.Continues(prefix) || d.noRun == string(prefix) {
		return
	}
	// The catalog must hold every INSERT read before the run.
	d.applier.drain()
	plan, ok := d.current.PlanInsertRun(ins)
	if !ok {
		// Not until a statement other than an INSERT changes the catalog.
		d.noRun = string(prefix)
		return
	}
	run := script.NewInsertRun(prefix, plan.Values, plan.Slots())
	sp.FoldInserts(run)
	if run.Statements == 0 {
		// Statements the run does not take, one after another: each would
		// wait for the applier to catch up for nothing.
		d.noRun = string(prefix)
		return
	}
	base := d.clock
	d.clock += catalog.Clock(run.Statements)
	d.statements += run.Statements
	d.current.CommitInsertRun(plan, run, func(st *script.RunStatement) catalog.Site {
		site := catalog.Site{Span: st.Span, Clock: base + catalog.Clock(st.Index) + 1, Through: st.Span}
		if !sp.Rereadable {
			site.Source = st.FirstLine
		}
		return site
	})
	// No statement of the run reports anything, and no comment stands
	// between them: the last one is where the comments after them go.
	ignores.statement(nil, run.Last.Span, run.Last.Span.End)
}
