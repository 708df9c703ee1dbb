// Package ast holds pgseqlint's own model of the SQL statements it
// understands: the part of each statement that can create, feed, load or
// move a sequence. The parser seam (package pgparse) builds it from
// PostgreSQL's grammar; the INSERT fast path builds it directly. Nothing else
// sees the parser's tree.
//
// Identifiers are as the server sees them: unquoted names folded to lower
// case, every name truncated to 63 bytes.
package ast

// QName is a possibly schema-qualified name; Schema is "" when unqualified.
type QName struct {
	Schema, Name string
}

// Stmt is one SQL statement.
type Stmt interface{ stmt() }

// Unmodeled is a statement that cannot touch a sequence's keys or position
// (GRANT, COMMENT, CREATE INDEX on existing data, ...).
type Unmodeled struct{}

// TypeName is a column or sequence type as written: Names holds the
// (lower-case) qualified name, e.g. ["pg_catalog", "int4"] or ["serial"].
type TypeName struct {
	Names []string
	Array bool
}

// SeqOptions are the options of CREATE/ALTER SEQUENCE and of an identity
// column. A nil pointer means the option was not given.
type SeqOptions struct {
	SequenceName *QName // identity columns only: SEQUENCE NAME
	As           *TypeName
	Start        *int64
	Increment    *int64
	MinValue     *int64
	MaxValue     *int64
	NoMinValue   bool
	NoMaxValue   bool
	Cycle        *bool
	Cache        *int64
	Restart      *Restart
	OwnedBy      *OwnedBy
}

// Restart is RESTART [WITH n]; With is nil for a plain RESTART, which goes
// back to the sequence's start value.
type Restart struct{ With *int64 }

// OwnedBy is OWNED BY table.column, or OWNED BY NONE when None is set.
type OwnedBy struct {
	None   bool
	Table  QName
	Column string
}

// Identity is GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)].
type Identity struct {
	Always  bool
	Options SeqOptions
}

// ColumnDef is one column of CREATE TABLE or ALTER TABLE ... ADD COLUMN.
type ColumnDef struct {
	Name      string
	Type      TypeName
	Default   Expr // nil when none
	Identity  *Identity
	Generated bool // GENERATED ALWAYS AS (expr) STORED: never given in COPY or INSERT
	Inherited bool // a column of a partition or typed table that only adds options
	// NotNull is NOT NULL or PRIMARY KEY; Null is an explicit NULL.
	NotNull, Null bool
	// References is the table of REFERENCES, nil without one.
	References *QName
}

// CreateTable is CREATE TABLE, including PARTITION OF, INHERITS, LIKE and
// CREATE TABLE ... AS.
type CreateTable struct {
	Name        QName
	Temp        bool
	IfNotExists bool
	// Elements are the columns and LIKE clauses in the order written:
	// each is a *ColumnDef or a *LikeClause.
	Elements    []any
	Inherits    []QName
	PartitionOf *QName
	AsQuery     bool // CREATE TABLE ... AS / SELECT ... INTO: rows of unknown keys
	AsColumns   []string
	// IndexNames are the relations that constraints create with the table
	// (explicitly named PRIMARY KEY and UNIQUE constraints).
	IndexNames []string
	// NotNull are the columns a table constraint makes NOT NULL (PRIMARY
	// KEY (...), NOT NULL col).
	NotNull []string
	// References are the tables the table's FOREIGN KEY constraints
	// reference.
	References []QName
}

// LikeClause is LIKE source [INCLUDING ...] inside CREATE TABLE.
type LikeClause struct {
	Source            QName
	IncludingDefaults bool
	IncludingIdentity bool
}

// AlterKind is what one ALTER TABLE subcommand does.
type AlterKind int

const (
	AlterOther AlterKind = iota
	AlterSetDefault
	AlterDropDefault
	AlterAddColumn
	AlterDropColumn
	AlterAddIdentity
	AlterSetIdentity // SET GENERATED / SET sequence options / RESTART
	AlterDropIdentity
	AlterAttachPartition
	AlterDetachPartition
	AlterInherit
	AlterNoInherit
	AlterColumnType
	// AlterAddConstraint is ADD CONSTRAINT: a PRIMARY KEY or UNIQUE makes
	// an index (a new relation name), a PRIMARY KEY or NOT NULL makes
	// columns NOT NULL, a FOREIGN KEY references a table.
	AlterAddConstraint
	AlterSetNotNull
	AlterDropNotNull
	// AlterEnableTrigger and AlterDisableTrigger are ENABLE and DISABLE
	// TRIGGER: Column holds the trigger's name, "" for ALL and USER.
	AlterEnableTrigger
	AlterDisableTrigger
)

// AlterCmd is one subcommand of ALTER TABLE.
type AlterCmd struct {
	Kind     AlterKind
	Column   string
	Default  Expr       // AlterSetDefault
	Def      *ColumnDef // AlterAddColumn
	Identity *Identity  // AlterAddIdentity; AlterSetIdentity (options, and Always when SetAlways)
	// SetAlways is set when AlterSetIdentity changes ALWAYS/BY DEFAULT.
	SetAlways bool
	Type      *TypeName // AlterColumnType
	Other     QName     // the partition or parent of ATTACH/DETACH/INHERIT/NO INHERIT
	IndexName string    // AlterAddConstraint: the index it makes, "" for none
	NotNull   []string  // AlterAddConstraint
	// References is the table a FOREIGN KEY references (AlterAddConstraint).
	References *QName
	IfExists   bool
}

// AlterTable is ALTER TABLE (and ALTER SEQUENCE/VIEW/INDEX spelled as ALTER
// TABLE, which pg_dump writes for owners).
type AlterTable struct {
	Name     QName
	Only     bool
	IfExists bool
	Cmds     []AlterCmd
}

// ObjectKind names the kind of object of DROP, RENAME and SET SCHEMA.
type ObjectKind int

const (
	ObjOther ObjectKind = iota
	ObjTable
	ObjSequence
	ObjView
	ObjIndex
	ObjSchema
	ObjColumn
)

// Rename is ALTER ... RENAME [COLUMN] ... TO ....
type Rename struct {
	Kind     ObjectKind
	Name     QName  // the relation (for a column rename, its table); Name.Name for a schema
	Column   string // ObjColumn: the old column name
	NewName  string
	IfExists bool
}

// SetSchema is ALTER {TABLE | SEQUENCE | VIEW} ... SET SCHEMA s.
type SetSchema struct {
	Kind      ObjectKind
	Name      QName
	NewSchema string
	IfExists  bool
}

// CreateSequence is CREATE SEQUENCE.
type CreateSequence struct {
	Name        QName
	Temp        bool
	IfNotExists bool
	Options     SeqOptions
}

// AlterSequence is ALTER SEQUENCE.
type AlterSequence struct {
	Name     QName
	IfExists bool
	Options  SeqOptions
}

// Drop is DROP TABLE/SEQUENCE/VIEW/INDEX/SCHEMA.
type Drop struct {
	Kind     ObjectKind
	Names    []QName // Name only, for schemas
	IfExists bool
	Cascade  bool
}

// CreateSchema is CREATE SCHEMA, with the statements it holds.
type CreateSchema struct {
	Name        string
	IfNotExists bool
	Elements    []Stmt
}

// CreateRelation creates a relation that takes a name in its schema but
// holds no sequence-fed keys: an index, a view, a materialized view.
type CreateRelation struct {
	Name QName // Schema "" means the schema of Table, for an index
	// Table is the indexed table, for an index.
	Table QName
}

// CreateView is CREATE [OR REPLACE] VIEW, or CREATE MATERIALIZED VIEW.
type CreateView struct {
	Name         QName
	Temp         bool
	Replace      bool
	Materialized bool
	// Aliases rename the view's columns, in order.
	Aliases []string
	// Base is the one relation of a view PostgreSQL can insert through
	// (an automatically updatable view: one table or view in FROM, no
	// DISTINCT, GROUP BY, HAVING, LIMIT, set operation, WITH, aggregate,
	// window or set-returning function); nil for any other view.
	Base *QName
	// Columns are the view's columns in order.
	Columns []ViewColumn
	// Reads are the relations the query's FROM names: the view depends on
	// them.
	Reads []QName
}

// ViewColumn is a column of a view: Source is the base column it shows,
// "" for an expression; Star is a * that stands for every base column.
type ViewColumn struct {
	Name, Source string
	Star         bool
}

// Override is the OVERRIDING clause of INSERT.
type Override int

const (
	OverrideNone Override = iota
	OverrideSystem
	OverrideUser
)

// Insert is INSERT INTO table [(columns)] [OVERRIDING ...] {VALUES ... |
// query | DEFAULT VALUES}.
type Insert struct {
	Table   QName
	Columns []string // nil: every column, in order
	// Partial[i] says Columns[i] assigns a subscript or field of the
	// column (a[1], c.f), which may be named again; nil when none does.
	Partial []bool
	// Override is OVERRIDING SYSTEM VALUE or OVERRIDING USER VALUE.
	Override      Override
	DefaultValues bool
	// Rows holds VALUES lists (and a SELECT of constants without FROM, which
	// yields one row). When nil and !DefaultValues, the rows come from a query
	// whose keys cannot be seen.
	Rows [][]Expr
	// Query is the query of INSERT ... SELECT when its rows can be
	// followed; nil with Rows or DefaultValues, and for any other query.
	Query      *RowQuery
	OnConflict bool
	// OnConflictUpdate is ON CONFLICT DO UPDATE: the rows that conflict
	// are updated, and fire the table's UPDATE triggers.
	OnConflictUpdate bool
}

// RowQuery is a SELECT that yields one row per row of its one source: a
// table, or generate_series with constant arguments. Targets are in terms
// of the source's columns (a ColumnRef named by the source's alias or not).
type RowQuery struct {
	Targets []Expr
	// Star is SELECT *: every column of the source table, in order.
	Star bool
	// From is the source table; Only is FROM ONLY.
	From *QName
	Only bool
	// Series is the source when it is generate_series(start, stop[, step]).
	Series *Series
	// Alias is the name the source goes by in the query.
	Alias string
	// Filtered is set when WHERE, LIMIT, OFFSET or DISTINCT keeps only
	// some of the source's rows: the keys are among the source's, which
	// ones is not known.
	Filtered bool
}

// Series is generate_series(Start, Stop[, Step]) in FROM; Column is the
// name its values go by.
type Series struct {
	Start, Stop, Step Expr // Step is nil when not given
	Column            string
}

// CopySource is where COPY FROM reads its rows.
type CopySource int

const (
	CopyFromStdin CopySource = iota
	CopyFromFile
	CopyFromProgram
)

// CopyFormat is COPY's data format.
type CopyFormat int

const (
	CopyText CopyFormat = iota
	CopyCSV
	CopyBinary
)

// Copy is COPY table [(columns)] FROM {STDIN | 'file' | PROGRAM 'cmd'}
// [options]. COPY ... TO and COPY (query) TO are Unmodeled.
type Copy struct {
	Table   QName
	Columns []string // nil: every column but generated ones, in order
	Source  CopySource
	Format  CopyFormat
	// Delimiter, Null, Quote and Escape are the options as given; nil when
	// not given (the format's default applies).
	Delimiter, Null, Quote, Escape *string
	Header                         bool
}

// Select is a SELECT whose targets may call setval, nextval or set_config.
type Select struct {
	Targets []Expr
	// From is the single plain table of the FROM clause; nil when there is
	// no FROM clause. Aggregates such as max(id) read it.
	From *QName
	// Complex is set when FROM holds more than one plain table, or the query
	// has WHERE, GROUP BY, HAVING, set operations, or LIMIT: aggregates and
	// row counts over From are then unknown.
	Complex bool
	// Into is SELECT ... INTO: it creates a table.
	Into *QName
	// FromCalls are the functions FROM calls, SELECT * FROM f(): each runs
	// once.
	FromCalls []Expr
}

// TruncateTarget is one table of TRUNCATE.
type TruncateTarget struct {
	Name QName
	Only bool
}

// Truncate is TRUNCATE.
type Truncate struct {
	Tables          []TruncateTarget
	RestartIdentity bool
	Cascade         bool
}

// Delete is DELETE FROM table [WHERE ...].
type Delete struct {
	Table    QName
	Only     bool
	HasWhere bool
}

// Update is UPDATE table SET ...; Columns are the columns it assigns and
// Values the values, in the same order (Opaque for a multi-column
// assignment).
type Update struct {
	Table   QName
	Only    bool
	Columns []string
	Values  []Expr
	// Filtered is set for WHERE or FROM: only some rows may change.
	Filtered bool
}

// Merge is MERGE INTO table USING source ON ... WHEN ...: Actions in the
// order written.
type Merge struct {
	Table   QName
	Only    bool
	Actions []MergeAction
}

// MergeAction is one WHEN clause. A NOT MATCHED action acts on the source
// rows no target row matches: its Insert reads them, as INSERT ... SELECT
// over the source would (Query or Rows nil when they cannot be followed;
// Columns empty, not nil, for DEFAULT VALUES). A MATCHED or NOT MATCHED
// BY SOURCE action changes or deletes target rows: Update holds its SET,
// with values that read no column.
type MergeAction struct {
	Matched     bool // WHEN MATCHED or WHEN NOT MATCHED BY SOURCE
	Conditional bool // AND condition
	Insert      *Insert
	Update      *Update
	Delete      bool
}

// With is a statement whose WITH clause holds INSERT, UPDATE or DELETE:
// each of them runs to completion, whatever the outer statement reads,
// and all see the database as it was before the statement. Parts are the
// WITH's data-modifying statements in order, then the outer statement.
type With struct {
	Parts []Stmt
}

// SetVar is SET, SET LOCAL and RESET of a setting; Values holds the
// value's words and strings, empty for DEFAULT or RESET.
type SetVar struct {
	Name     string // lower case; "" with ResetAll
	Values   []string
	Reset    bool
	ResetAll bool
	Local    bool
}

// Do is a DO block: its code runs at once.
type Do struct {
	Language string
	Code     Routine
}

// CreateFunction is CREATE [OR REPLACE] FUNCTION or PROCEDURE: its code
// runs when it is called.
type CreateFunction struct {
	Name QName
	// Params are the names of the parameters, in order ("" for one
	// without a name).
	Params []string
	Code   Routine
}

// Call is CALL of a procedure.
type Call struct {
	Name QName
	Args []Expr
}

// Unfollowed is a statement that may load keys in ways pgseqlint does not
// follow: What names it ("a MERGE"), Text is its SQL.
type Unfollowed struct {
	What string
	Text string
}

// TransactionKind is what a transaction statement does.
type TransactionKind uint8

const (
	TxBegin    TransactionKind = iota // BEGIN, START TRANSACTION
	TxCommit                          // COMMIT, END
	TxRollback                        // ROLLBACK, ABORT
	TxSavepoint
	TxRelease    // RELEASE [SAVEPOINT]
	TxRollbackTo // ROLLBACK TO [SAVEPOINT]
	TxPrepare    // PREPARE TRANSACTION
	TxPrepared   // COMMIT PREPARED, ROLLBACK PREPARED
)

// Transaction is BEGIN, COMMIT, ROLLBACK, savepoints, and their spellings.
type Transaction struct {
	Kind      TransactionKind
	Savepoint string // TxSavepoint, TxRelease, TxRollbackTo
	// Chain is AND CHAIN: COMMIT or ROLLBACK starts a new transaction
	// block at once.
	Chain bool
}

// Discard is DISCARD TEMP or DISCARD ALL (which also resets every
// setting); other forms leave nothing pgseqlint follows.
type Discard struct {
	All bool
}

// NoBlock is a statement that cannot run inside a transaction block
// (VACUUM, CREATE DATABASE, ...): there, it fails.
type NoBlock struct{}

func (*Unmodeled) stmt()      {}
func (*CreateTable) stmt()    {}
func (*AlterTable) stmt()     {}
func (*Rename) stmt()         {}
func (*SetSchema) stmt()      {}
func (*CreateSequence) stmt() {}
func (*AlterSequence) stmt()  {}
func (*Drop) stmt()           {}
func (*CreateSchema) stmt()   {}
func (*CreateRelation) stmt() {}
func (*CreateView) stmt()     {}
func (*Insert) stmt()         {}
func (*Copy) stmt()           {}
func (*Select) stmt()         {}
func (*Truncate) stmt()       {}
func (*Delete) stmt()         {}
func (*Update) stmt()         {}
func (*With) stmt()           {}
func (*Merge) stmt()          {}
func (*SetVar) stmt()         {}
func (*Do) stmt()             {}
func (*CreateFunction) stmt() {}
func (*Call) stmt()           {}
func (*Unfollowed) stmt()     {}
func (*Transaction) stmt()    {}
func (*Discard) stmt()        {}
func (*NoBlock) stmt()        {}
