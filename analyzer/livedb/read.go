package livedb

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// Options say what to read.
type Options struct {
	// Schemas and Tables, when given, narrow the audit to the sequences
	// that feed a table in one of the schemas, or a table whose name
	// matches one of the patterns (pg_dump's -t: * and ? as wildcards, a
	// dot between schema and table). The keys of every table such a
	// sequence feeds are read, whatever its name.
	Schemas []string
	Tables  []string
	// StatementTimeout cancels any one query that runs longer (0: the
	// server's setting).
	StatementTimeout time.Duration
}

// Snapshot is what was read from the database.
type Snapshot struct {
	Catalog *catalog.Catalog
	// Scanned are key columns without an index, whose keys were read by
	// scanning their whole table.
	Scanned []Scan
}

// Scan is a key column read without an index.
type Scan struct {
	Column *catalog.Column
	// Rows is the planner's estimate of the table's rows (-1: never
	// analyzed).
	Rows int64
}

// keysPerQuery is how many key columns (or sequences) one query reads.
// Each query runs
// in a savepoint that is rolled back: the locks it took on the tables and
// indexes go with it, so that a database of many tables does not fill
// the lock table (max_locks_per_transaction) in one transaction.
const keysPerQuery = 100

// Read reads the database as it stands, in one REPEATABLE READ READ ONLY
// transaction: one snapshot, nothing written. It needs no superuser: where
// the role may not read a table's keys or a sequence's position, the
// catalog says so (Origin.Denied) and the rest is read.
func (c *Conn) Read(ctx context.Context, opts Options) (*Snapshot, error) {
	begin := "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
	snap, err := c.readLocked(ctx, opts, begin, "", nil)
	if err != nil {
		c.exec(ctx, "ROLLBACK")
		return nil, err
	}
	if _, err := c.exec(ctx, "COMMIT"); err != nil {
		return nil, err
	}
	return snap, nil
}

// readLocked reads the catalog and the keys in the transaction that begin
// starts, after the statements in lock. only, when set, keeps the
// sequences it names and no others.
func (c *Conn) readLocked(ctx context.Context, opts Options, begin, lock string, only []string) (*Snapshot, error) {
	// Names in the queries are written in full: a search path set for the
	// role must not change what they mean.
	first := []string{begin, "SET LOCAL search_path = pg_catalog, pg_temp"}
	if opts.StatementTimeout > 0 {
		first = append(first, fmt.Sprintf("SET LOCAL statement_timeout = %d", opts.StatementTimeout.Milliseconds()))
	}
	if lock != "" {
		first = append(first, lock)
	}
	results, err := c.exec(ctx, append(first, catalogQueries...)...)
	if err != nil {
		return nil, err
	}
	statements := len(first)
	r := &reading{c: c, opts: opts, results: results[statements:]}
	r.existing()
	if err := r.selectorsMatch(); err != nil {
		return nil, err
	}
	r.narrow(only)
	cat, err := catalog.FromExisting(&r.ex)
	if err != nil {
		return nil, err
	}
	snap := &Snapshot{Catalog: cat}
	if err := r.keys(ctx, snap); err != nil {
		return nil, err
	}
	return snap, nil
}

// catalogQueries read the catalog in one round trip, whatever the number
// of objects. User schemas never start with pg_ (the name is reserved):
// that leaves out the system's, TOAST's and other sessions' temporary ones.
var catalogQueries = []string{
	`SELECT nspname FROM pg_namespace
WHERE nspname <> 'information_schema' AND nspname !~ '^pg_'`,
	`SELECT c.oid, n.nspname, c.relname, c.relkind, c.relispartition,
       row_security_active(c.oid), c.reltuples::bigint
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"`,
	`SELECT a.attrelid, a.attnum, a.attname,
       (CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END)::regtype::text,
       a.attidentity, a.attgenerated <> '', a.atthasdef,
       has_column_privilege(a.attrelid, a.attnum, 'SELECT')
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
  AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
ORDER BY a.attrelid, a.attnum`,
	`SELECT s.seqrelid, s.seqtypid::regtype::text, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle,
       has_sequence_privilege(s.seqrelid, 'SELECT'),
       CASE WHEN has_sequence_privilege(s.seqrelid, 'SELECT,USAGE') THEN pg_sequence_last_value(s.seqrelid) END
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'`,
	`SELECT ad.adrelid, ad.adnum, d.refobjid, 'n'
FROM pg_depend d JOIN pg_attrdef ad ON ad.oid = d.objid
WHERE d.classid = 'pg_attrdef'::regclass AND d.refclassid = 'pg_class'::regclass
  AND d.refobjid IN (SELECT seqrelid FROM pg_sequence)
  AND pg_get_expr(ad.adbin, ad.adrelid) LIKE '%nextval(%'
UNION ALL
SELECT d.refobjid, d.refobjsubid, d.objid, d.deptype
FROM pg_depend d
WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
  AND d.objid IN (SELECT seqrelid FROM pg_sequence)
  AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
ORDER BY 1, 2, 4 DESC, 3`,
	`SELECT inhrelid, inhparent FROM pg_inherits ORDER BY inhrelid, inhseqno`,
	`SELECT DISTINCT i.indrelid, i.indkey[0]
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
WHERE am.amname = 'btree' AND i.indisvalid AND i.indpred IS NULL AND i.indkey[0] > 0`,
}

// Results of catalogQueries, in order.
const (
	resultSchemas = iota
	resultRelations
	resultColumns
	resultSequences
	resultFeeds
	resultInherits
	resultIndexes
)

// reading is one read of the catalog, turned into catalog.Existing.
type reading struct {
	c       *Conn
	opts    Options
	results []*pgconn.Result
	ex      catalog.Existing
	// By oid: relations, and the index of each table and sequence in ex.
	names     map[string]ast.QName
	tables    map[string]int
	sequences map[string]int
	// What the role may read: the tables with row-level security on for
	// it, the columns it may read, and the sequences it may SELECT.
	secured  map[ast.QName]bool
	readable map[catalog.ColumnRef]bool
	selectOK map[ast.QName]bool
	// unread are the sequences that have not handed out a value:
	// pg_sequence_last_value does not say where they stand. unknown are
	// those the role may not read.
	unread, unknown map[ast.QName]bool
	// indexed are the columns that lead a usable btree index.
	indexed map[catalog.ColumnRef]bool
	rows    map[ast.QName]int64
	// partitioned are the partitioned tables, which hold no rows: their
	// partitions do.
	partitioned map[ast.QName]bool
}

func (r *reading) rowsOf(result int) [][][]byte { return r.results[result].Rows }

// existing turns the catalog's rows into catalog.Existing.
func (r *reading) existing() {
	r.ex = catalog.Existing{Database: r.c.Database, Place: r.c.Place}
	r.names, r.tables, r.sequences = map[string]ast.QName{}, map[string]int{}, map[string]int{}
	r.secured, r.readable, r.selectOK = map[ast.QName]bool{}, map[catalog.ColumnRef]bool{}, map[ast.QName]bool{}
	r.unread, r.unknown = map[ast.QName]bool{}, map[ast.QName]bool{}
	r.indexed, r.rows, r.partitioned = map[catalog.ColumnRef]bool{}, map[ast.QName]int64{}, map[ast.QName]bool{}
	for _, row := range r.rowsOf(resultSchemas) {
		r.ex.Schemas = append(r.ex.Schemas, string(row[0]))
	}
	for _, row := range r.rowsOf(resultRelations) {
		oid, name := string(row[0]), ast.QName{Schema: string(row[1]), Name: string(row[2])}
		r.names[oid] = name
		switch string(row[3]) {
		case "r", "p":
			r.tables[oid] = len(r.ex.Tables)
			r.ex.Tables = append(r.ex.Tables, catalog.ExistingTable{Name: name, Partition: isTrue(row[4])})
			r.secured[name] = isTrue(row[5])
			r.partitioned[name] = row[3][0] == 'p'
			r.rows[name], _ = strconv.ParseInt(string(row[6]), 10, 64)
		case "S":
			r.sequences[oid] = len(r.ex.Sequences)
			r.ex.Sequences = append(r.ex.Sequences, catalog.ExistingSequence{Name: name})
		default:
			r.ex.Others = append(r.ex.Others, name)
		}
	}
	attnames := map[[2]string]string{}
	for _, row := range r.rowsOf(resultColumns) {
		t := &r.ex.Tables[r.tables[string(row[0])]]
		col := catalog.ExistingColumn{
			Name: string(row[2]), Kind: kindOf(string(row[3])),
			Generated: isTrue(row[5]), HasDefault: isTrue(row[6]),
		}
		switch string(row[4]) {
		case "a":
			col.Identity = catalog.IdentityAlways
		case "d":
			col.Identity = catalog.IdentityByDefault
		}
		t.Columns = append(t.Columns, col)
		attnames[[2]string{string(row[0]), string(row[1])}] = col.Name
		r.readable[catalog.ColumnRef{Table: t.Name, Column: col.Name}] = isTrue(row[7])
	}
	for _, row := range r.rowsOf(resultSequences) {
		s := &r.ex.Sequences[r.sequences[string(row[0])]]
		s.Kind = kindOf(string(row[1]))
		s.Start, s.Increment, s.Min, s.Max = atoi(row[2]), atoi(row[3]), atoi(row[4]), atoi(row[5])
		s.Cycle = isTrue(row[6])
		r.selectOK[s.Name] = isTrue(row[7])
		switch {
		case row[8] != nil:
			s.Last, s.Called = atoi(row[8]), true
		case r.selectOK[s.Name]:
			// Not called yet: it hands out last_value, read below.
			r.unread[s.Name] = true
		default:
			s.Unknown, r.unknown[s.Name] = true, true
		}
	}
	for _, row := range r.rowsOf(resultFeeds) {
		ti, isTable := r.tables[string(row[0])]
		si, isSeq := r.sequences[string(row[2])]
		name, isCol := attnames[[2]string{string(row[0]), string(row[1])}]
		if !isTable || !isSeq || !isCol {
			continue
		}
		t, s := &r.ex.Tables[ti], &r.ex.Sequences[si]
		switch string(row[3]) {
		case "n": // the column's default calls nextval
			for i := range t.Columns {
				if t.Columns[i].Name == name && t.Columns[i].Feed.Name == "" {
					t.Columns[i].Feed = s.Name
				}
			}
		case "i", "a": // the sequence belongs to the column: identity, serial or OWNED BY
			s.OwnedBy = &catalog.ColumnRef{Table: t.Name, Column: name}
			if row[3][0] == 'i' {
				s.Identity = true
				for i := range t.Columns {
					if t.Columns[i].Name == name {
						t.Columns[i].Feed = s.Name
					}
				}
			}
		}
	}
	for _, row := range r.rowsOf(resultInherits) {
		ti, ok := r.tables[string(row[0])]
		parent, known := r.names[string(row[1])]
		if ok && known {
			r.ex.Tables[ti].Parents = append(r.ex.Tables[ti].Parents, parent)
		}
	}
	for _, row := range r.rowsOf(resultIndexes) {
		if name, ok := attnames[[2]string{string(row[0]), string(row[1])}]; ok {
			r.indexed[catalog.ColumnRef{Table: r.names[string(row[0])], Column: name}] = true
		}
	}
}

// narrow keeps the sequences the options and only select; the others stay
// out of the model, and the columns they feed take no sequence's values.
func (r *reading) narrow(only []string) {
	if len(r.opts.Schemas) == 0 && len(r.opts.Tables) == 0 && only == nil {
		return
	}
	selected := map[ast.QName]bool{}
	for _, t := range r.ex.Tables {
		if !r.tableSelected(t.Name) {
			continue
		}
		for _, col := range t.Columns {
			selected[col.Feed] = true
		}
	}
	for _, s := range r.ex.Sequences {
		if s.OwnedBy != nil && r.tableSelected(s.OwnedBy.Table) {
			selected[s.Name] = true
		}
	}
	if only != nil {
		for name := range selected {
			if !slices.Contains(only, script.QualifiedName(name)) {
				delete(selected, name)
			}
		}
	}
	kept := r.ex.Sequences[:0]
	for _, s := range r.ex.Sequences {
		if selected[s.Name] {
			kept = append(kept, s)
		}
	}
	r.ex.Sequences = kept
	for i := range r.ex.Tables {
		for j := range r.ex.Tables[i].Columns {
			if col := &r.ex.Tables[i].Columns[j]; !selected[col.Feed] {
				col.Feed = ast.QName{}
			}
		}
	}
}

// selectorsMatch fails on a --schema that names no schema of the database,
// or a --table that matches no table: an audit narrowed to nothing would
// pass, and say nothing of the typo.
func (r *reading) selectorsMatch() error {
	for _, schema := range r.opts.Schemas {
		if !slices.Contains(r.ex.Schemas, schema) {
			return fmt.Errorf("schema %q does not exist in database %q", schema, r.ex.Database)
		}
	}
	for _, p := range r.opts.Tables {
		if !slices.ContainsFunc(r.ex.Tables, func(t catalog.ExistingTable) bool { return matchTable(p, t.Name) }) {
			return fmt.Errorf("no table of database %q matches %q", r.ex.Database, p)
		}
	}
	return nil
}

// tableSelected reports whether --schema and --table select a table.
func (r *reading) tableSelected(name ast.QName) bool {
	if len(r.opts.Schemas) > 0 && !slices.Contains(r.opts.Schemas, name.Schema) {
		return false
	}
	if len(r.opts.Tables) == 0 {
		return true
	}
	for _, p := range r.opts.Tables {
		if matchTable(p, name) {
			return true
		}
	}
	return false
}

// matchTable matches a table against a pattern as pg_dump's -t does: * and
// ? are wildcards, a dot separates the schema, letters outside double
// quotes fold to lower case.
func matchTable(pattern string, name ast.QName) bool {
	parts, ok := script.SplitIdentifiers(pattern, '.')
	if !ok || len(parts) == 0 || len(parts) > 2 {
		return false
	}
	if len(parts) == 2 {
		if m, _ := path.Match(parts[0], name.Schema); !m {
			return false
		}
	}
	m, _ := path.Match(parts[len(parts)-1], name.Name)
	return m
}

// keys reads, in one round trip, the smallest and largest key of every
// column a sequence of the model feeds, and where the sequences that have
// not been called stand. Each key is read with min() and max(), which the
// planner answers from the first and last entry of an index on the column
// when there is one.
func (r *reading) keys(ctx context.Context, snap *Snapshot) error {
	cat := snap.Catalog
	var cols []*catalog.Column
	seen := map[*catalog.Column]bool{}
	for _, s := range cat.Sequences() {
		for _, col := range s.FedColumns() {
			if seen[col] || r.partitioned[col.Table.Name] {
				continue
			}
			seen[col] = true
			ref := catalog.ColumnRef{Table: col.Table.Name, Column: col.Name}
			switch {
			case !r.readable[ref]:
				cat.Deny(catalog.Denied{Table: col.Table, Sequence: s,
					Reason: "permission denied for table " + script.QualifiedName(col.Table.Name),
					Grant:  "GRANT SELECT ON " + script.QualifiedName(col.Table.Name) + " TO " + script.QuoteIdent(r.c.User)})
			case r.secured[col.Table.Name]:
				cat.Deny(catalog.Denied{Table: col.Table, Sequence: s,
					Reason: "row-level security hides rows of " + script.QualifiedName(col.Table.Name) + " from role " + script.QuoteIdent(r.c.User),
					Grant:  "ALTER ROLE " + script.QuoteIdent(r.c.User) + " BYPASSRLS"})
			default:
				cols = append(cols, col)
				if !r.indexed[ref] {
					snap.Scanned = append(snap.Scanned, Scan{Column: col, Rows: r.rows[col.Table.Name]})
				}
			}
		}
	}
	for _, s := range cat.Sequences() {
		if r.unknown[s.Name] {
			grant := "GRANT SELECT ON SEQUENCE " + s.QualifiedName() + " TO " + script.QuoteIdent(r.c.User)
			cat.Deny(catalog.Denied{Sequence: s, Reason: "permission denied for sequence " + s.QualifiedName(), Grant: grant})
		}
	}
	var unread []*catalog.Sequence
	for _, s := range cat.Sequences() {
		if r.unread[s.Name] {
			unread = append(unread, s)
		}
	}
	// Where the sequences not called yet stand, then the keys: a few at a
	// time, each query in a savepoint rolled back. (The planner takes
	// longer than linear time over the arms of one UNION ALL.)
	var statements []string
	queries := func(n int, arm func(i int) string) {
		for start := 0; start < n; start += keysPerQuery {
			arms := make([]string, 0, keysPerQuery)
			for i := start; i < min(start+keysPerQuery, n); i++ {
				arms = append(arms, arm(i))
			}
			statements = append(statements, "SAVEPOINT pgseqlint_read", strings.Join(arms, "\nUNION ALL "),
				"ROLLBACK TO SAVEPOINT pgseqlint_read", "RELEASE SAVEPOINT pgseqlint_read")
		}
	}
	queries(len(unread), func(i int) string {
		return fmt.Sprintf("SELECT %d, last_value FROM %s", i, unread[i].QualifiedName())
	})
	queries(len(cols), func(i int) string {
		col := cols[i]
		key := script.QuoteIdent(col.Name)
		lo, hi := "min("+key+")", "max("+key+")"
		if col.Kind == catalog.KindNumeric {
			// Only a whole number can equal a sequence's value.
			lo, hi = "ceil("+lo+")", "floor("+hi+")"
		}
		return fmt.Sprintf("SELECT %d, (%s)::text, (%s)::text FROM ONLY %s", i, lo, hi, script.QualifiedName(col.Table.Name))
	})
	if len(statements) == 0 {
		return nil
	}
	results, err := r.c.exec(ctx, statements...)
	if err != nil {
		return err
	}
	for _, res := range results {
		for _, row := range res.Rows {
			i := atoi(row[0])
			if len(row) == 2 {
				unread[i].Reposition(atoi(row[1]), false)
				continue
			}
			if row[1] == nil {
				continue // no keys
			}
			lo, okLo := clampKey(string(row[1]))
			hi, okHi := clampKey(string(row[2]))
			if !okLo || !okHi {
				return fmt.Errorf("%s: cannot read the keys of %s: %q, %q", r.c.Place, cols[i].QualifiedName(), row[1], row[2])
			}
			cat.AddKeys(cols[i], lo, hi)
		}
	}
	return nil
}
