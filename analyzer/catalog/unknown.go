package catalog

import (
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// UnknownTable is a table rows were loaded into that the script never
// creates (nor the schema given with it): whether its keys collide with a
// sequence cannot be told.
type UnknownTable struct {
	// Name is the table's name as the loads write it.
	Name ast.QName
	// First is the first load.
	First Load
	// Loads counts the statements that load into it; Rows the rows they
	// load, when RowsKnown (a COPY FROM a file or an INSERT ... SELECT
	// hides its count).
	Loads     int
	Rows      int64
	RowsKnown bool
}

// UnknownTables returns the tables loaded into that the script never
// creates, in the order of their first loads.
func (c *Catalog) UnknownTables() []*UnknownTable { return c.unknown }

// loadUnknown records a load into a table the catalog does not hold: rows
// is -1 when their number cannot be seen. The system schemas hold no table
// a script loads keys into.
func (c *Catalog) loadUnknown(x *Exec, name ast.QName, kind LoadKind, rows int64) {
	if x.failed || name.Schema == "pg_catalog" || name.Schema == "information_schema" {
		return
	}
	name.Name = script.TruncateIdentifier(name.Name)
	u := c.unknownByName[name]
	if u == nil {
		// The name may be in the INSERT fast path's buffers: it is copied.
		name = ast.QName{Schema: strings.Clone(name.Schema), Name: strings.Clone(name.Name)}
		u = &UnknownTable{Name: name, First: Load{Kind: kind, At: x.Site, Hidden: rows < 0}, RowsKnown: true}
		c.addUnknown(u)
	}
	u.Loads++
	if rows < 0 {
		u.RowsKnown = false
	} else {
		u.Rows += rows
	}
}

func (c *Catalog) addUnknown(u *UnknownTable) {
	if c.unknownByName == nil {
		c.unknownByName = map[ast.QName]*UnknownTable{}
	}
	c.unknown = append(c.unknown, u)
	c.unknownByName[u.Name] = u
}
