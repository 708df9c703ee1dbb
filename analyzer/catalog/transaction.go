package catalog

import (
	"maps"
	"slices"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
)

// A transaction block undoes, on ROLLBACK (and on COMMIT after an error),
// what its statements did to tables, rows and definitions, but not to
// where sequences stand: nextval and setval are never undone. The
// exception is a sequence whose storage the block made anew — CREATE
// SEQUENCE, ALTER SEQUENCE with any option but OWNED BY, TRUNCATE ...
// RESTART IDENTITY, ALTER COLUMN ... RESTART — whose changes from then on
// belong to the block and go with it (the new relfilenode is dropped).
//
// The model keeps a snapshot of itself at BEGIN and at each SAVEPOINT:
// it holds the schema and a few numbers per column, never the data, so it
// is cheap to take.

// snapshot is the catalog as it stood when a block or savepoint began.
type snapshot struct {
	// savepoint is the savepoint's name; "" for the block itself.
	savepoint string

	schemas    map[string]schemaInfo
	relations  map[ast.QName]any
	searchPath []string
	session    []string
	sequences  []*Sequence
	tables     []*Table
	unknown    []UnknownTable
	tableState map[*Table]Table
	colState   map[*Column]Column
	seqState   map[*Sequence]Sequence
	viewState  map[*View]View
	functions  map[ast.QName]*function
	triggers   map[any][]*trigger
	// taken orders the snapshot among rewrites (see rewrite).
	taken int
	// rewritten holds where each sequence stood right before its storage
	// was first made anew since the snapshot: a rollback puts it back
	// there.
	rewritten map[*Sequence]rewrite
}

// rewrite is where a sequence stood before a statement made its storage
// anew, and when (in the order of snapshots and rewrites).
type rewrite struct {
	before standing
	at     int
}

// standing is where a sequence stands: what nextval and setval change,
// and what a rollback keeps.
type standing struct {
	last                     int64
	called, inexact, dynamic bool
	lastMove                 *Move
	unverified               *Site
}

func (s *Sequence) standing() standing {
	return standing{s.last, s.called, s.inexact, s.dynamic, s.LastMove, s.Unverified}
}

func (s *Sequence) stand(st standing) {
	s.last, s.called, s.inexact, s.dynamic, s.LastMove, s.Unverified = st.last, st.called, st.inexact, st.dynamic, st.lastMove, st.unverified
}

// transaction is the state of the session's transaction block.
type transaction struct {
	// frames are the snapshots of the open block: the block's own first,
	// then its savepoints in the order they were made. None: no block.
	frames []*snapshot
	// aborted is set after a statement failed in the block: the server
	// ignores everything but the end of the block or ROLLBACK TO.
	aborted bool
	// ticks counts snapshots and rewrites, to order them.
	ticks int
}

func (t *transaction) tick() int {
	t.ticks++
	return t.ticks
}

// InBlock reports whether a transaction block is open.
func (c *Catalog) InBlock() bool { return len(c.txn.frames) > 0 }

// take snapshots the catalog.
func (c *Catalog) take(savepoint string) *snapshot {
	s := &snapshot{
		savepoint:  savepoint,
		schemas:    make(map[string]schemaInfo, len(c.schemas)),
		relations:  maps.Clone(c.relations),
		searchPath: c.searchPath,
		session:    c.sessionPath,
		sequences:  slices.Clone(c.sequences),
		tables:     slices.Clone(c.tables),
		tableState: make(map[*Table]Table, len(c.tables)),
		colState:   map[*Column]Column{},
		seqState:   make(map[*Sequence]Sequence, len(c.sequences)),
		viewState:  map[*View]View{},
		functions:  maps.Clone(c.functions),
		triggers:   cloneTriggers(c.triggers),
		taken:      c.txn.tick(),
		rewritten:  map[*Sequence]rewrite{},
	}
	for name, info := range c.schemas {
		s.schemas[name] = *info
	}
	for _, u := range c.unknown {
		s.unknown = append(s.unknown, *u)
	}
	for _, t := range c.tables {
		s.tableState[t] = t.clone()
		for _, col := range t.Columns {
			s.colState[col] = *col
		}
	}
	for _, seq := range c.sequences {
		s.seqState[seq] = seq.clone()
	}
	for _, rel := range c.relations {
		if v, ok := rel.(*View); ok {
			s.viewState[v] = *v
		}
	}
	return s
}

// restore puts the catalog back as the snapshot holds it, sequence
// positions apart. The snapshot stays usable: ROLLBACK TO a savepoint
// keeps the savepoint.
func (c *Catalog) restore(s *snapshot) {
	c.schemas = make(map[string]*schemaInfo, len(s.schemas))
	for name, info := range s.schemas {
		c.schemas[name] = &info
	}
	c.relations = maps.Clone(s.relations)
	c.functions, c.triggers = maps.Clone(s.functions), cloneTriggers(s.triggers)
	c.searchPath, c.sessionPath = s.searchPath, s.session
	c.sequences, c.tables = slices.Clone(s.sequences), slices.Clone(s.tables)
	c.unknown, c.unknownByName = nil, nil
	for _, u := range s.unknown {
		c.addUnknown(&u)
	}
	for t, saved := range s.tableState {
		*t = saved.clone()
	}
	for col, saved := range s.colState {
		*col = saved
	}
	for v, saved := range s.viewState {
		*v = saved
	}
	for seq, saved := range s.seqState {
		at := seq.standing()
		if r, ok := s.rewritten[seq]; ok {
			at = r.before
		}
		*seq = saved.clone()
		seq.stand(at)
	}
	c.generation++
}

func (t *Table) clone() Table {
	u := *t
	u.Columns, u.Parents, u.Children = slices.Clone(t.Columns), slices.Clone(t.Parents), slices.Clone(t.Children)
	u.references = slices.Clone(t.references)
	u.tracked, u.trackedGen = nil, 0
	return u
}

func (s *Sequence) clone() Sequence {
	u := *s
	u.feeds = slices.Clone(s.feeds)
	return u
}

// rewriteSequence records that a statement makes a sequence's storage
// anew: from here on, its changes belong to the open block.
func (c *Catalog) rewriteSequence(seq *Sequence, before standing) {
	r := rewrite{before: before, at: c.txn.tick()}
	for _, f := range c.txn.frames {
		if _, done := f.rewritten[seq]; !done {
			f.rewritten[seq] = r
		}
	}
}

// transaction runs BEGIN, COMMIT, ROLLBACK and the savepoint statements.
func (c *Catalog) transaction(x *Exec, s *ast.Transaction) {
	t := &c.txn
	switch s.Kind {
	case ast.TxBegin:
		// In a block: "there is already a transaction in progress", a
		// warning.
		if !c.InBlock() {
			t.frames = []*snapshot{c.take("")}
		}
		return
	case ast.TxCommit, ast.TxRollback:
		open := c.InBlock()
		c.endBlock(s.Kind == ast.TxRollback || t.aborted)
		if s.Chain && open {
			t.frames = []*snapshot{c.take("")}
		}
	case ast.TxPrepare:
		// PREPARE TRANSACTION fails on a server that allows none
		// (max_prepared_transactions is 0 by default), which rolls the
		// block back.
		c.endBlock(true)
		return
	case ast.TxPrepared:
		return
	case ast.TxSavepoint:
		switch {
		case !c.InBlock():
			x.fail("SAVEPOINT can only be used in transaction blocks")
		case t.aborted:
			x.fail("current transaction is aborted, commands ignored until end of transaction block")
		default:
			t.frames = append(t.frames, c.take(s.Savepoint))
		}
		return
	case ast.TxRelease, ast.TxRollbackTo:
		c.toSavepoint(x, s)
		return
	}
}

// toSavepoint runs RELEASE and ROLLBACK TO: the newest savepoint of that
// name, and those made after it, are released or rolled back (ROLLBACK TO
// keeps the savepoint itself).
func (c *Catalog) toSavepoint(x *Exec, s *ast.Transaction) {
	t := &c.txn
	verb := "RELEASE SAVEPOINT"
	if s.Kind == ast.TxRollbackTo {
		verb = "ROLLBACK TO SAVEPOINT"
	}
	if !c.InBlock() {
		x.fail("%s can only be used in transaction blocks", verb)
		return
	}
	if t.aborted && s.Kind == ast.TxRelease {
		x.fail("current transaction is aborted, commands ignored until end of transaction block")
		return
	}
	i := len(t.frames) - 1
	for i > 0 && t.frames[i].savepoint != s.Savepoint {
		i--
	}
	if i == 0 {
		x.fail("savepoint %q does not exist", s.Savepoint)
		return
	}
	if s.Kind == ast.TxRelease {
		// What the savepoints made belongs to the frame below now: a
		// sequence made anew since one of them was already so since the
		// one below, or is new to it.
		t.frames = t.frames[:i]
		return
	}
	// The rewrites since the savepoint are undone: the sequences are back
	// on the storage they had then, in the frames below it too.
	sp := t.frames[i]
	c.restore(sp)
	for _, f := range t.frames[:i] {
		maps.DeleteFunc(f.rewritten, func(_ *Sequence, r rewrite) bool { return r.at > sp.taken })
	}
	sp.rewritten = map[*Sequence]rewrite{}
	t.frames = t.frames[:i+1]
	t.aborted = false
}

// endBlock ends the transaction block, undoing it when rollback is set.
// Settings made with SET LOCAL end with it.
func (c *Catalog) endBlock(rollback bool) {
	t := &c.txn
	if !c.InBlock() {
		return // "there is no transaction in progress", a warning
	}
	if rollback {
		c.restore(t.frames[0])
	}
	t.frames, t.aborted = nil, false
	c.searchPath = c.sessionPath
}

// ignored reports whether the server ignores the statement: in an aborted
// block, everything but the end of the block and ROLLBACK TO fails.
func (c *Catalog) ignored(x *Exec, s ast.Stmt) bool {
	if !c.txn.aborted {
		if _, ok := s.(*ast.NoBlock); ok && c.InBlock() {
			x.fail("the statement cannot run inside a transaction block")
			return true
		}
		return false
	}
	if tx, ok := s.(*ast.Transaction); ok && tx.Kind != ast.TxSavepoint && tx.Kind != ast.TxRelease {
		return false
	}
	x.fail("current transaction is aborted, commands ignored until end of transaction block")
	return true
}

// Finished ends a statement: one that failed in a transaction block aborts
// the block, unless psql rolls the statement back alone (ON_ERROR_ROLLBACK,
// which wraps each statement in a savepoint).
func (c *Catalog) Finished(x *Exec, rollbackStatement bool) {
	if x.failed && c.InBlock() && !rollbackStatement {
		c.txn.aborted = true
	}
}

// EndSession ends the session, as \connect and the end of the script do:
// an open transaction block rolls back, and temporary tables and
// sequences are dropped.
func (c *Catalog) EndSession() {
	c.endBlock(true)
	c.dropTemporary()
	c.NewSession()
}

// dropTemporary drops the session's temporary relations (DISCARD TEMP,
// the end of the session).
func (c *Catalog) dropTemporary() {
	for _, t := range slices.Clone(c.tables) {
		if t.Name.Schema == "pg_temp" {
			c.dropTable(t)
		}
	}
	for _, s := range slices.Clone(c.sequences) {
		if s.Name.Schema == "pg_temp" {
			c.dropSequence(s)
		}
	}
	for name := range c.relations {
		if name.Schema == "pg_temp" {
			delete(c.relations, name)
		}
	}
	c.generation++
}
