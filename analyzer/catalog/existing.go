package catalog

import (
	"fmt"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// BeforeScript is the clock of what a live database holds before the
// script's first statement: its tables, sequences and keys. The script's
// statements come after it.
const BeforeScript Clock = 1

// Existing is what a live database holds, as its system catalogs say: the
// model a script runs on top of (check --db), or that is audited as it
// stands (db). Its keys are added once the columns that need them are
// known (AddKeys, NoKeys).
type Existing struct {
	// Database is the database's name.
	Database string
	// Place names the database in findings: its connection, without the
	// password.
	Place     string
	Schemas   []string
	Tables    []ExistingTable
	Sequences []ExistingSequence
	// Others are the names of the other relations (views, indexes,
	// foreign tables): a script cannot create a table of the same name.
	Others []ast.QName
}

// ExistingTable is a table (or partition, or inheritance child).
type ExistingTable struct {
	Name ast.QName
	// Parents are its inheritance parents, or its partitioned table.
	Parents   []ast.QName
	Partition bool
	Columns   []ExistingColumn
}

// ExistingColumn is one column of a table.
type ExistingColumn struct {
	Name      string
	Kind      ColumnKind
	Identity  IdentityKind
	Generated bool
	// HasDefault is set for any default; Feed names the sequence that
	// gives the column its values, by its default's nextval or as its
	// identity (the zero name: none).
	HasDefault bool
	Feed       ast.QName
}

// ExistingSequence is a sequence with every option and its position.
type ExistingSequence struct {
	Name                       ast.QName
	Kind                       ColumnKind
	Start, Increment, Min, Max int64
	Cycle                      bool
	// Last and Called are the sequence's last_value and is_called. When
	// Unknown is set the role may not read them.
	Last    int64
	Called  bool
	Unknown bool
	// OwnedBy is the column the sequence belongs to (serial, identity,
	// OWNED BY); Identity is set for an identity column's sequence.
	OwnedBy  *ColumnRef
	Identity bool
}

// ColumnRef names a column of a table.
type ColumnRef struct {
	Table  ast.QName
	Column string
}

// Origin is the live database a catalog was read from.
type Origin struct {
	// Site places what the database held before the script: findings
	// about its keys name the database.
	Site Site
	// Denied are what the role may not read, in the order found.
	Denied []Denied
}

// Denied is a table whose keys, or a sequence whose position, the role may
// not read: the sequences it concerns are not checked against it.
type Denied struct {
	// Table is set for a table's keys, Sequence for a sequence's position.
	Table    *Table
	Sequence *Sequence
	// Reason says why, as the server would: "permission denied for table
	// public.t".
	Reason string
	// Grant is the statement that lets the role read it.
	Grant string
}

// Origin is the live database the catalog was read from, or nil for the
// model a script builds from nothing.
func (c *Catalog) Origin() *Origin { return c.origin }

// FromExisting is the model of a live database as it stands: its schemas,
// tables, columns and sequences, each column tied to the sequence that
// feeds it, inheritance and partitions as they are. It has no keys yet.
func FromExisting(e *Existing) (*Catalog, error) {
	c := New(e.Database)
	site := Site{Span: script.Span{File: e.Place}, Clock: BeforeScript}
	c.origin = &Origin{Site: site}
	for _, s := range e.Schemas {
		// Every object of the schema is known: a sequence not found there
		// is really missing.
		c.schemas[s] = &schemaInfo{created: true}
	}
	for _, q := range e.Others {
		c.relations[q] = otherRelation{}
	}
	for i := range e.Sequences {
		es := &e.Sequences[i]
		s := &Sequence{
			Name: es.Name, Kind: es.Kind, Start: es.Start, Increment: es.Increment, Min: es.Min, Max: es.Max, Cycle: es.Cycle,
			Identity: es.Identity, Created: site,
		}
		s.position(es.Last, es.Called)
		if es.Unknown {
			// Set in the database to a value the role cannot see: as if by
			// a setval from data pgseqlint cannot see.
			s.markDynamic()
			s.LastMove = &Move{Kind: MoveSetval, At: site, Dynamic: true}
		}
		c.addSequence(s)
	}
	for i := range e.Tables {
		et := &e.Tables[i]
		t := &Table{Name: et.Name, partition: et.Partition}
		for _, ec := range et.Columns {
			col := &Column{Table: t, Name: ec.Name, Kind: ec.Kind, Identity: ec.Identity, Generated: ec.Generated, HasDefault: ec.HasDefault}
			if ec.Feed.Name != "" {
				s, ok := c.relations[ec.Feed].(*Sequence)
				if !ok {
					return nil, fmt.Errorf("column %s feeds from %s, which is no sequence", col.QualifiedName(), script.QualifiedName(ec.Feed))
				}
				col.setFeed(s)
			}
			t.Columns = append(t.Columns, col)
		}
		c.addTable(t)
	}
	for i := range e.Tables {
		et := &e.Tables[i]
		t := c.relations[et.Name].(*Table)
		for _, pn := range et.Parents {
			p, ok := c.relations[pn].(*Table)
			if !ok {
				return nil, fmt.Errorf("table %s inherits from %s, which is no table", script.QualifiedName(et.Name), script.QualifiedName(pn))
			}
			t.Parents = append(t.Parents, p)
			p.Children = append(p.Children, t)
		}
	}
	for i := range e.Sequences {
		ref := e.Sequences[i].OwnedBy
		if ref == nil {
			continue
		}
		col := c.ExistingColumn(ref.Table, ref.Column)
		if col == nil {
			return nil, fmt.Errorf("sequence %s belongs to %s.%s, which is no column", script.QualifiedName(e.Sequences[i].Name), script.QualifiedName(ref.Table), script.QuoteIdent(ref.Column))
		}
		c.sequences[i].OwnedBy = col
	}
	c.generation++
	return c, nil
}

// ExistingTable finds a table by its schema-qualified name.
func (c *Catalog) ExistingTable(name ast.QName) *Table {
	t, _ := c.relations[name].(*Table)
	return t
}

// ExistingColumn finds a column by its table's schema-qualified name.
func (c *Catalog) ExistingColumn(table ast.QName, column string) *Column {
	if t := c.ExistingTable(table); t != nil {
		return t.column(column)
	}
	return nil
}

// AddKeys records the smallest and largest key a column of the database
// holds (in this table alone, not its children).
func (c *Catalog) AddKeys(col *Column, lo, hi int64) {
	col.Keys.addStats(script.KeyStats{Count: 1, Min: lo, Max: hi}, LoadExisting, &c.origin.Site)
}

// NoKeys records that a table of the database holds no rows.
func (c *Catalog) NoKeys(t *Table) { t.rows, t.rowsKnown = 0, true }

// Reposition sets where a sequence of the database stands, when it is
// read after the model was made.
func (s *Sequence) Reposition(last int64, called bool) { s.position(last, called) }

// Deny records that the role may not read a table's keys or a sequence's
// position.
func (c *Catalog) Deny(d Denied) { c.origin.Denied = append(c.origin.Denied, d) }
