package catalog

import (
	"slices"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// View is a view or a materialized view. Rows inserted into an
// automatically updatable view land in its base table (through the views
// between); rows inserted into a view with an INSTEAD OF trigger or an
// INSTEAD rule go where its code sends them.
type View struct {
	Name ast.QName
	// base is the relation an automatically updatable view inserts into:
	// a *Table or a *View; baseName is its name when the script never
	// creates it. Neither is set for another view.
	base     any
	baseName *ast.QName
	columns  []viewColumn
	// reads are the relations the view depends on.
	reads []any
}

// viewColumn is a column of a view, and the base column it shows ("" for
// an expression, into which nothing can be inserted).
type viewColumn struct{ name, source string }

func (c *Catalog) createView(x *Exec, s *ast.CreateView) {
	name, ok := c.creationName(s.Name, s.Temp)
	if !ok {
		x.fail("no schema has been selected to create %s in", script.QuoteIdent(s.Name.Name))
		return
	}
	old, exists := c.relations[name]
	if _, isView := old.(*View); exists && !(s.Replace && isView) {
		x.fail("relation %s already exists", script.QualifiedName(name))
		return
	}
	v := &View{Name: name}
	for _, r := range s.Reads {
		if _, rel := c.lookup(r); rel != nil {
			v.reads = append(v.reads, rel)
		}
	}
	var baseColumns []string
	if s.Base != nil {
		switch b := c.relationNamed(*s.Base).(type) {
		case *Table:
			v.base = b
			for _, col := range b.Columns {
				baseColumns = append(baseColumns, col.Name)
			}
		case *View:
			if b.base != nil || b.baseName != nil {
				v.base = b
				for _, col := range b.columns {
					baseColumns = append(baseColumns, col.name)
				}
			}
		case nil:
			v.baseName = s.Base
		}
	}
	for _, col := range s.Columns {
		if col.Star {
			for _, name := range baseColumns {
				v.columns = append(v.columns, viewColumn{name: name, source: name})
			}
			continue
		}
		v.columns = append(v.columns, viewColumn{name: col.Name, source: col.Source})
	}
	for i, alias := range s.Aliases {
		if i < len(v.columns) {
			v.columns[i].name = alias
		}
	}
	if exists {
		// CREATE OR REPLACE keeps the view, and what depends on it.
		*old.(*View) = *v
		return
	}
	c.relations[name] = v
}

// relationNamed finds a relation by name: a *Table, a *Sequence, a *View,
// otherRelation, or nil.
func (c *Catalog) relationNamed(name ast.QName) any {
	_, rel := c.lookup(name)
	return rel
}

// dependents returns the views that depend on one of rels, and those that
// depend on them in turn.
func (c *Catalog) dependents(rels []any) []*View {
	var out []*View
	for changed := true; changed; {
		changed = false
		for _, rel := range c.relations {
			v, ok := rel.(*View)
			if !ok || slices.Contains(out, v) || slices.Contains(rels, any(v)) {
				continue
			}
			for _, r := range v.reads {
				if slices.Contains(rels, r) || slices.ContainsFunc(out, func(o *View) bool { return any(o) == r }) {
					out, changed = append(out, v), true
					break
				}
			}
		}
	}
	return out
}

// dropDependents drops the views that depend on the relations going; it
// reports false when the statement fails because there are some and no
// CASCADE.
func (c *Catalog) dropDependents(x *Exec, going []any, cascade bool) bool {
	views := c.dependents(going)
	if len(views) > 0 && !cascade {
		x.fail("cannot drop a relation because view %s depends on it", script.QualifiedName(views[0].Name))
		return false
	}
	for _, v := range views {
		delete(c.relations, v.Name)
	}
	return true
}

// throughView follows an insert into a view to the table its rows land
// in: the view's base, through the views between, with the column list
// mapped to the base's columns (nil names: all the view's columns, as
// many as width, or those that can be filled when width is -1). It returns the
// table, or the name of a base the script never creates, and false when
// the insert fails.
func (c *Catalog) throughView(x *Exec, v *View, names []string, width int) (*Table, *ast.QName, []string, bool) {
	for {
		if v.base == nil && v.baseName == nil {
			x.fail("cannot insert into view %s", script.QuoteIdent(v.Name.Name))
			return nil, nil, nil, false
		}
		if names == nil {
			for i, col := range v.columns {
				if width >= 0 && i >= width {
					break
				}
				// A query's width is not known: it is taken to fill the
				// columns that can be filled.
				if width >= 0 || col.source != "" {
					names = append(names, col.name)
				}
			}
			if names == nil {
				names = []string{}
			}
		}
		mapped := make([]string, len(names))
		for i, name := range names {
			j := slices.IndexFunc(v.columns, func(col viewColumn) bool { return col.name == name })
			switch {
			case j < 0:
				x.fail("column %s of relation %s does not exist", script.QuoteIdent(name), script.QuoteIdent(v.Name.Name))
				return nil, nil, nil, false
			case v.columns[j].source == "":
				x.fail("cannot insert into column %s of view %s", script.QuoteIdent(name), script.QuoteIdent(v.Name.Name))
				return nil, nil, nil, false
			}
			mapped[i] = v.columns[j].source
		}
		switch b := v.base.(type) {
		case *Table:
			return b, nil, mapped, true
		case *View:
			v, names = b, mapped
		default:
			return nil, v.baseName, mapped, true
		}
	}
}
