package catalog

import (
	"math"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// Catalog is the model of one database as the script builds it: its
// schemas, tables and sequences, what each column holds, and where each
// sequence stands. Data rows are folded into a few numbers per column.
type Catalog struct {
	// Database is the name given to \connect, "" for the database the
	// script starts in.
	Database string

	schemas map[string]*schemaInfo
	// relations holds every relation name in use, by schema-qualified name:
	// a *Table, a *Sequence, a *View, or an index (otherRelation).
	relations  map[ast.QName]any
	searchPath []string
	// sessionPath is the search path outside what SET LOCAL set for the
	// transaction block.
	sessionPath []string
	txn         transaction
	sequences   []*Sequence // in creation order; dropped ones are removed
	tables      []*Table
	// unknown are the tables loaded into that the script never creates,
	// in the order of their first loads.
	unknown       []*UnknownTable
	unknownByName map[ast.QName]*UnknownTable
	// functions holds the functions and procedures the script defines, by
	// qualified name; triggers the triggers and rules of each table and
	// view.
	functions map[ast.QName]*function
	triggers  map[any][]*trigger
	runs      routineRuns
	// generation counts changes to tables and sequences, for caches.
	generation int
	// origin is the live database the model was read from, if any.
	origin *Origin
	// buffers an INSERT reuses
	scratchPositions []int
	scratchKeys      []columnKeys
	lastTargets      targetsCache
	lastTable        tableCache
}

type schemaInfo struct {
	// created is set when the script creates the schema; defined when it
	// creates tables in it. Either way the script knows its sequences.
	created, defined bool
}

type otherRelation struct{}

// defaultSearchPath is the server's default, "$user", public.
var defaultSearchPath = []string{"$user", "public"}

// New is the model of the database named database ("" for the one the
// script starts in) as an empty database holds it: the public and
// pg_catalog schemas.
func New(database string) *Catalog {
	return &Catalog{
		Database: database,
		schemas: map[string]*schemaInfo{
			"public":     {},
			"pg_catalog": {},
		},
		relations:   map[ast.QName]any{},
		searchPath:  defaultSearchPath,
		sessionPath: defaultSearchPath,
	}
}

// NewSession starts a new session on the database, as \connect and
// pg_restore do: its settings (the search path) start over.
func (c *Catalog) NewSession() { c.searchPath, c.sessionPath = defaultSearchPath, defaultSearchPath }

// Sequences returns the sequences that exist at the end of the script, in
// the order they were created.
func (c *Catalog) Sequences() []*Sequence { return c.sequences }

// Tables returns the tables that exist, in the order they were created.
func (c *Catalog) Tables() []*Table { return c.tables }

// Clock orders what happens in the script: it counts statements.
type Clock int64

// ColumnKind is what an integer column can hold.
type ColumnKind uint8

const (
	KindOther ColumnKind = iota
	KindInt2
	KindInt4
	KindInt8
	KindNumeric
)

// Range is the range of values of an integer type.
func (k ColumnKind) Range() (lo, hi int64) {
	switch k {
	case KindInt2:
		return math.MinInt16, math.MaxInt16
	case KindInt4:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

func (k ColumnKind) String() string {
	switch k {
	case KindInt2:
		return "smallint"
	case KindInt4:
		return "integer"
	case KindInt8:
		return "bigint"
	case KindNumeric:
		return "numeric"
	}
	return "other"
}

// columnType classifies a column type; serial pseudo-types report the
// integer type they stand for.
func columnType(t ast.TypeName) (kind ColumnKind, serial bool) {
	if len(t.Names) == 0 || t.Array {
		return KindOther, false
	}
	name := t.Names[len(t.Names)-1]
	qualified := len(t.Names) > 1
	switch name {
	case "int2", "smallint":
		return KindInt2, false
	case "int4", "int", "integer":
		return KindInt4, false
	case "int8", "bigint":
		return KindInt8, false
	case "numeric", "decimal":
		return KindNumeric, false
	}
	// Serial types are recognized only unqualified (transformColumnDefinition).
	if !qualified {
		switch name {
		case "smallserial", "serial2":
			return KindInt2, true
		case "serial", "serial4":
			return KindInt4, true
		case "bigserial", "serial8":
			return KindInt8, true
		}
	}
	return KindOther, false
}

// Table is a table (or partition, or inheritance child) in the catalog.
type Table struct {
	Name     ast.QName
	Columns  []*Column
	Parents  []*Table // inheritance parents, or the partitioned parent
	Children []*Table
	Temp     bool
	// partition is set for a partition, as opposed to an inheritance child.
	partition bool
	// rows is the number of rows, when rowsKnown.
	rows      int64
	rowsKnown bool
	// tracked caches the columns whose keys matter, for one generation.
	tracked    []*Column
	trackedGen int
	// references are the tables its foreign keys reference.
	references []*Table
	// reshaped is the last statement that created the table, renamed it or
	// a column, added a column, or changed its inheritance: a statement
	// naming the table, or reading its children through it, belongs after.
	reshaped Site
}

// Column is one column of a table.
type Column struct {
	Table *Table
	Name  string
	Kind  ColumnKind
	// Feed is the sequence that gives the column its default values: by a
	// DEFAULT nextval(...) or as an identity column.
	Feed *Sequence
	// HasDefault is set for any default, a sequence's or another.
	HasDefault bool
	Identity   IdentityKind
	Generated  bool
	// NotNull is set when the column takes no NULL: a row that leaves it
	// out without a default is rejected.
	NotNull bool
	Keys    Keys
}

// IdentityKind tells identity columns apart.
type IdentityKind uint8

const (
	NotIdentity IdentityKind = iota
	IdentityAlways
	IdentityByDefault
)

// QualifiedName is the column's table.column, quoted.
func (col *Column) QualifiedName() string {
	return script.QualifiedName(col.Table.Name) + "." + script.QuoteIdent(col.Name)
}

// Keys folds the key values a column holds: only the extremes and where
// they came from are kept. The loads are kept by value: a dump makes
// millions of them, and only a few are ever reported.
type Keys struct {
	Count    int64 // known values present
	Max, Min int64
	// maxLoad and minLoad put Max and Min there; unknown is the last load
	// since the column was last emptied whose keys cannot be seen (INSERT
	// ... SELECT from a query pgseqlint cannot follow, COPY FROM a file):
	// one after the sequence's last move is not covered by it. last is the
	// last statement that put keys into the column. A zero Load is none.
	maxLoad, minLoad, unknown, last Load
	// Inexact is set when rows took sequence values that are not known:
	// the keys are safe, but max() over the column cannot be computed.
	Inexact bool
	// Deleted is the last DELETE ... WHERE: which keys it left is not known.
	Deleted *Site
	// hiddenWithin is the range every key of the hidden loads lies in,
	// when hiddenBounded: a query's subset of keys pgseqlint knows.
	hiddenWithin  script.KeyStats
	hiddenBounded bool
	// nulls is set when a row certainly holds NULL in the column: it was
	// given NULL, or left out without a default, and nothing since has
	// written the column or removed rows.
	nulls bool
}

// LoadKind says how rows came in.
type LoadKind uint8

const (
	LoadInsert LoadKind = iota
	LoadCopy
	LoadInsertSelect
	LoadCopyFile
	LoadCopyProgram
	LoadUpdate
	LoadDefault // rows that took the sequence's own values
	LoadCreateAs
	LoadExisting // keys the live database already holds
	LoadMerge
)

func (k LoadKind) String() string {
	switch k {
	case LoadInsert:
		return "INSERT"
	case LoadCopy:
		return "COPY"
	case LoadInsertSelect:
		return "INSERT ... SELECT"
	case LoadCopyFile:
		return "COPY FROM a file"
	case LoadCopyProgram:
		return "COPY FROM PROGRAM"
	case LoadUpdate:
		return "UPDATE"
	case LoadDefault:
		return "default values"
	case LoadCreateAs:
		return "CREATE TABLE AS"
	case LoadExisting:
		return "the database"
	case LoadMerge:
		return "MERGE"
	}
	return "load"
}

// Load is one statement that put keys into a column.
type Load struct {
	Kind   LoadKind
	At     Site
	Hidden bool // the keys cannot be seen
}

// orNil returns l, or nil for the zero Load (no statement has clock 0).
func (l *Load) orNil() *Load {
	if l.At.Clock == 0 {
		return nil
	}
	return l
}

// MaxLoad is the load that put the largest key there, or nil.
func (k *Keys) MaxLoad() *Load { return k.maxLoad.orNil() }

// MinLoad is the load that put the smallest key there, or nil.
func (k *Keys) MinLoad() *Load { return k.minLoad.orNil() }

// Unknown is the last load whose keys cannot be seen, or nil.
func (k *Keys) Unknown() *Load { return k.unknown.orNil() }

// Last is the last load, or nil.
func (k *Keys) Last() *Load { return k.last.orNil() }

// Site is where something happened: the statement's span, its first line
// for people, and its place in the script's order.
type Site struct {
	Span   script.Span
	Source string
	Clock  Clock
	// Through covers the statement and, for a COPY, the rows that follow
	// it: what repairs the statement goes right after them.
	Through script.Span
}

// addStats records a load of kind at a site: the load is built only where
// it is kept, since a dump makes millions of them.
func (k *Keys) addStats(s script.KeyStats, kind LoadKind, at *Site) {
	if s.Count == 0 {
		return
	}
	if k.Count == 0 || s.Max > k.Max {
		k.Max, k.maxLoad = s.Max, Load{Kind: kind, At: *at}
	}
	if k.Count == 0 || s.Min < k.Min {
		k.Min, k.minLoad = s.Min, Load{Kind: kind, At: *at}
	}
	k.Count += s.Count
	k.last = Load{Kind: kind, At: *at}
}

// addHidden records a load whose keys cannot be seen; within is the range
// they lie in, when known (Count > 0).
func (k *Keys) addHidden(load *Load, within script.KeyStats) {
	switch {
	case within.Count == 0:
		k.hiddenBounded = false
	case k.unknown.At.Clock == 0:
		k.hiddenWithin, k.hiddenBounded = within, true
	case k.hiddenBounded:
		k.hiddenWithin.Min = min(k.hiddenWithin.Min, within.Min)
		k.hiddenWithin.Max = max(k.hiddenWithin.Max, within.Max)
	}
	k.unknown, k.last = *load, *load
}

// HiddenWithin is the range every key of the hidden loads lies in, and
// false when it is not known.
func (k *Keys) HiddenWithin() (lo, hi int64, ok bool) {
	return k.hiddenWithin.Min, k.hiddenWithin.Max, k.hiddenBounded && k.unknown.At.Clock != 0
}

// clear empties the column (TRUNCATE, DELETE without WHERE).
func (k *Keys) clear() { *k = Keys{} }

// column finds a column by name.
func (t *Table) column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// descendants returns t's inheritance children and partitions, recursively.
// reach is the table with, unless only (ONLY in the statement), its
// inheritance children and partitions: what most statements on a table
// touch.
func (t *Table) reach(only bool) []*Table {
	if only {
		return []*Table{t}
	}
	return append([]*Table{t}, t.descendants()...)
}

func (t *Table) descendants() []*Table {
	var out []*Table
	seen := map[*Table]bool{t: true}
	var walk func(*Table)
	walk = func(p *Table) {
		for _, ch := range p.Children {
			if !seen[ch] {
				seen[ch] = true
				out = append(out, ch)
				walk(ch)
			}
		}
	}
	walk(t)
	return out
}

// lookup resolves a relation name the way the server does: a qualified
// name directly; an unqualified one through pg_temp, then the search path.
func (c *Catalog) lookup(name ast.QName) (ast.QName, any) {
	if name.Schema != "" {
		q := ast.QName{Schema: name.Schema, Name: script.TruncateIdentifier(name.Name)}
		return q, c.relations[q]
	}
	n := script.TruncateIdentifier(name.Name)
	for _, schema := range c.lookupPath() {
		q := ast.QName{Schema: schema, Name: n}
		if rel, ok := c.relations[q]; ok {
			return q, rel
		}
	}
	return ast.QName{Name: n}, nil
}

// lookupPath is the search path as lookups use it: temporary relations
// first, then the schemas named ("$user" names a schema only a login role
// knows, so it finds nothing here).
func (c *Catalog) lookupPath() []string {
	path := make([]string, 0, len(c.searchPath)+1)
	path = append(path, "pg_temp")
	for _, s := range c.searchPath {
		if s != "$user" && s != "" {
			path = append(path, s)
		}
	}
	return path
}

// creationName qualifies the name of a new relation: into its schema, or
// the first schema of the search path that exists. It reports false when
// there is none ("no schema has been selected to create in").
func (c *Catalog) creationName(name ast.QName, temp bool) (ast.QName, bool) {
	name.Name = script.TruncateIdentifier(name.Name)
	if temp || name.Schema == "pg_temp" {
		name.Schema = "pg_temp"
		return name, true
	}
	if name.Schema != "" {
		return name, true
	}
	for _, s := range c.searchPath {
		if _, ok := c.schemas[s]; ok && s != "pg_catalog" {
			name.Schema = s
			return name, true
		}
	}
	return name, false
}

func (c *Catalog) table(name ast.QName) *Table {
	_, rel := c.lookup(name)
	t, _ := rel.(*Table)
	return t
}

func (c *Catalog) sequence(name ast.QName) *Sequence {
	_, rel := c.lookup(name)
	s, _ := rel.(*Sequence)
	return s
}

// schemaKnown reports whether the script defines the schema: it creates
// the schema or tables in it, so a missing sequence there is really missing.
func (c *Catalog) schemaKnown(schema string) bool {
	info := c.schemas[schema]
	return info != nil && (info.created || info.defined)
}

func (c *Catalog) taken(schema string) func(string) bool {
	return func(name string) bool {
		_, ok := c.relations[ast.QName{Schema: schema, Name: name}]
		return ok
	}
}

func (c *Catalog) addTable(t *Table) {
	c.relations[t.Name] = t
	c.tables = append(c.tables, t)
	c.defineSchema(t.Name.Schema)
}

// defineSchema records that the script creates tables in the schema.
func (c *Catalog) defineSchema(schema string) {
	if info := c.schemas[schema]; info != nil {
		info.defined = true
	} else {
		c.schemas[schema] = &schemaInfo{defined: true}
	}
}

func (c *Catalog) addSequence(s *Sequence) {
	c.relations[s.Name] = s
	c.sequences = append(c.sequences, s)
}

// dropTable removes a table, its owned sequences and its partitions.
func (c *Catalog) dropTable(t *Table) {
	if _, ok := c.relations[t.Name]; !ok {
		return
	}
	delete(c.relations, t.Name)
	c.tables = removeItem(c.tables, t)
	for _, p := range t.Parents {
		p.Children = removeItem(p.Children, t)
	}
	for _, ch := range t.Children {
		ch.Parents = removeItem(ch.Parents, t)
	}
	for _, col := range t.Columns {
		c.dropColumn(col)
	}
	// The foreign keys that reference it, and the views that read it, go
	// with it (CASCADE).
	for _, other := range c.tables {
		other.references = removeItem(other.references, t)
	}
	for _, v := range c.dependents([]any{t}) {
		delete(c.relations, v.Name)
	}
}

// referencedFrom returns the tables not among tables whose foreign keys
// reference one of them.
func (c *Catalog) referencedFrom(tables []*Table) []*Table {
	var out []*Table
	for _, other := range c.tables {
		if indexOfTable(tables, other) >= 0 {
			continue
		}
		for _, ref := range other.references {
			if indexOfTable(tables, ref) >= 0 {
				out = append(out, other)
				break
			}
		}
	}
	return out
}

// dropColumn forgets a column: its default stops feeding a sequence, and
// a sequence it owns goes with it.
func (c *Catalog) dropColumn(col *Column) {
	col.setFeed(nil)
	for _, s := range c.sequences {
		if s.OwnedBy == col {
			c.dropSequence(s)
		}
	}
}

func (c *Catalog) dropSequence(s *Sequence) {
	if c.relations[s.Name] != any(s) {
		return
	}
	delete(c.relations, s.Name)
	c.sequences = removeItem(c.sequences, s)
	for _, col := range append([]*Column(nil), s.feeds...) {
		col.setFeed(nil)
		col.HasDefault = false
	}
	s.OwnedBy = nil
}

// rename moves a relation to a new name, keeping what it is.
func (c *Catalog) rename(x *Exec, from, to ast.QName) {
	rel := c.relations[from]
	delete(c.relations, from)
	c.relations[to] = rel
	switch r := rel.(type) {
	case *Table:
		r.Name, r.reshaped = to, x.Site
	case *Sequence:
		r.Name, r.reshaped = to, x.Site
	case *View:
		r.Name = to
	}
}

func removeItem[T comparable](list []T, item T) []T {
	out := list[:0]
	for _, x := range list {
		if x != item {
			out = append(out, x)
		}
	}
	return out
}

// SetSearchPath sets the search path from SET search_path's values or
// set_config's string.
func (c *Catalog) SetSearchPath(values []string) { c.setSearchPath(values, false) }

// setSearchPath sets the search path; local is SET LOCAL, which lasts
// until the end of the transaction block (and does nothing outside one).
func (c *Catalog) setSearchPath(values []string, local bool) {
	path := make([]string, 0, len(values))
	for _, v := range values {
		path = append(path, script.TruncateIdentifier(v))
	}
	if local && !c.InBlock() {
		return
	}
	c.searchPath = path
	if !local {
		c.sessionPath = path
	}
}

// setSearchPathString parses the search_path setting's text form.
func (c *Catalog) setSearchPathString(text string, local bool) {
	if strings.TrimSpace(text) == "" {
		c.setSearchPath(nil, local)
		return
	}
	parts, ok := script.SplitIdentifiers(text, ',')
	if !ok {
		return // the server rejects it: the setting stays
	}
	c.setSearchPath(parts, local)
}
