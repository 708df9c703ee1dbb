package analyzer

import (
	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// The applier is the second half of the INSERT pipeline. While the
// splitter and the fast path read a dump's INSERTs on the driver's
// goroutine, the applier applies those already read to the catalog and
// runs the rules over them on a goroutine of its own. Every other statement
// waits until the applier has caught up (drain) and runs on the driver's
// goroutine as before. So each statement sees the catalog that the
// statements before it made, and the findings are those of a run on one
// goroutine. While the applier runs, the driver's goroutine only reads
// what applying an INSERT never changes: the current database and its
// generation.

// insertBatch is a run of INSERTs read ahead; its arena holds their values
// and texts.
type insertBatch struct {
	arena script.InsertArena
	stmts []queuedInsert
}

// queuedInsert is an INSERT read by the fast path, waiting to be applied.
type queuedInsert struct {
	stmt       script.Stmt // its Text is in the batch's arena
	ins        ast.Insert
	directives []script.Comment
	ignores    *ignoreReader
	rereadable bool
}

const (
	// A batch is sent when it holds this many statements or bytes of text.
	batchStatements = 512
	batchBytes      = 256 << 10
	// batchesInUse bounds memory: one batch being read, one waiting, one
	// being applied.
	batchesInUse = 3
)

type applier struct {
	d       *driver
	filling *insertBatch // the batch being read into; nil between batches
	free    []*insertBatch
	// todo and done carry batches to the applier's goroutine and back;
	// inFlight counts those sent and not yet back.
	todo, done chan *insertBatch
	inFlight   int
	// started is set once the goroutine runs: a script without INSERTs
	// never starts it.
	started bool
}

func newApplier(d *driver) *applier {
	return &applier{d: d, todo: make(chan *insertBatch, batchesInUse), done: make(chan *insertBatch, batchesInUse)}
}

// arena is where the fast path builds the next INSERT.
func (ap *applier) arena() *script.InsertArena {
	if ap.filling == nil {
		var b *insertBatch
		switch {
		case len(ap.free) > 0:
			b = ap.free[len(ap.free)-1]
			ap.free = ap.free[:len(ap.free)-1]
		case ap.inFlight < batchesInUse-1:
			b = &insertBatch{}
		default:
			b = <-ap.done
			ap.inFlight--
		}
		b.arena.Reset()
		b.stmts = b.stmts[:0]
		ap.filling = b
	}
	return &ap.filling.arena
}

// add queues the INSERT the fast path just read into the arena, with the
// comments read with it; its text is copied, since the splitter's window
// moves on.
func (ap *applier) add(st *script.Stmt, directives []script.Comment, ignores *ignoreReader, rereadable bool) {
	b := ap.filling
	r := queuedInsert{stmt: *st, ins: *b.arena.Insert(), directives: directives, ignores: ignores, rereadable: rereadable}
	r.stmt.Text = b.arena.KeepText(st.Text)
	// The splitter reuses this slice; a statement read fast has none.
	r.stmt.EscapedQuotes = nil
	b.stmts = append(b.stmts, r)
	if len(b.stmts) >= batchStatements || b.arena.Size() >= batchBytes {
		ap.send()
	}
}

func (ap *applier) send() {
	if !ap.started {
		ap.started = true
		go ap.run()
	}
	ap.todo <- ap.filling
	ap.inFlight++
	ap.filling = nil
}

func (ap *applier) run() {
	for b := range ap.todo {
		for i := range b.stmts {
			ap.d.applyReadAhead(&b.stmts[i])
		}
		ap.done <- b
	}
	close(ap.done)
}

// drain returns once every INSERT read so far has been applied.
func (ap *applier) drain() {
	filling := ap.filling
	if filling != nil && len(filling.stmts) > 0 {
		ap.send()
	}
	for ap.inFlight > 0 {
		b := <-ap.done
		ap.inFlight--
		if b == filling {
			// The fast path may be halfway through a statement in its
			// arena (drain is called when it asks the catalog): it goes
			// on filling it.
			b.stmts = b.stmts[:0]
			ap.filling = b
			continue
		}
		ap.free = append(ap.free, b)
	}
}

// stop applies what is left and ends the goroutine.
func (ap *applier) stop() {
	ap.drain()
	if ap.started {
		close(ap.todo)
		for range ap.done {
		}
	}
}
