package analyzer

import (
	"unsafe"

	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// The speculator reads the second half of a window of INSERTs on another
// goroutine (see script.InsertRun) into batches of its own. The driver
// hands them to the applier once the splitter has read the first half and
// confirmed the guess, after the statements before them; otherwise they
// are dropped. Only a run of INSERTs the fast path reads lies between the
// guess and its confirmation, and applying those never changes which
// values the fast path keeps: the answers the cache held at the start hold
// for the whole run.
type speculator struct {
	run *script.InsertRun // the run being read; nil when none
	// done brings the run's batches back; buf is the copy of the window
	// the last run read, reused.
	done chan runBatches
	buf  []byte
	// confirmed and dropped count the runs, for tests.
	confirmed, dropped int
}

// runBatches are the batches a run filled, in order, and those it did not
// use.
type runBatches struct{ read, spare []*insertBatch }

func newSpeculator() *speculator {
	return &speculator{done: make(chan runBatches, 1)}
}

// speculate reads ahead of the splitter on another goroutine, if the window
// holds enough of a run of INSERTs.
func (d *driver) speculate(sp *script.Splitter, ignores *ignoreReader) {
	sr := d.speculator
	if sr.run != nil {
		return
	}
	run := sp.SpeculateInserts(sr.buf)
	if run == nil {
		return
	}
	sr.run = run
	keep := d.keep.Snapshot()
	free := d.applier.free
	d.applier.free = nil
	rereadable := sp.Rereadable
	go func() { sr.done <- readRun(run, &keep, free, ignores, rereadable) }()
}

// readRun reads the INSERTs of a run into batches (reusing free ones) until
// the fast path gives up or asks what the snapshot cannot answer.
func readRun(run *script.InsertRun, keep *catalog.KeepSnapshot, free []*insertBatch, ignores *ignoreReader, rereadable bool) runBatches {
	var batches []*insertBatch
	var b *insertBatch
	for {
		if b == nil {
			if len(free) > 0 {
				b, free = free[len(free)-1], free[:len(free)-1]
			} else {
				b = &insertBatch{}
			}
			b.arena.Reset()
			b.stmts = b.stmts[:0]
			batches = append(batches, b)
		}
		st, ok := run.Next(func(text []byte, escapes, eof bool) (int, bool) {
			mark := b.arena.Mark()
			_, n, ok := script.ParseInsertPrefix(unsafe.String(unsafe.SliceData(text), len(text)), escapes, eof, keep, &b.arena)
			if !ok || keep.Missed {
				// The statement is the splitter's to read: the run
				// ends before it.
				b.arena.Rollback(mark)
				return 0, false
			}
			return n, true
		})
		if !ok {
			if len(b.stmts) == 0 {
				batches = batches[:len(batches)-1]
				free = append(free, b)
			}
			return runBatches{read: batches, spare: free}
		}
		if b.queue(st, nil, ignores, rereadable) {
			b = nil
		}
	}
}

// settle waits for the run, if there is one, and hands its batches to the
// applier when the splitter confirms it; else it drops them.
func (d *driver) settle(sp *script.Splitter, confirm bool) bool {
	sr := d.speculator
	if sr.run == nil {
		return false
	}
	got := <-sr.done
	ok := confirm && sp.Confirm(sr.run)
	if ok {
		sr.confirmed++
	} else {
		sr.dropped++
	}
	n := 0
	for _, b := range got.read {
		n += len(b.stmts)
	}
	sr.buf, sr.run = sr.run.Buffer(), nil
	d.applier.free = append(d.applier.free, got.spare...)
	for _, b := range got.read {
		if ok {
			d.applier.enqueue(b)
		} else {
			d.applier.free = append(d.applier.free, b)
		}
	}
	return ok
}

// speculating settles the run once the splitter reaches its start, or
// has passed it; it reports whether it was confirmed.
func (d *driver) speculating(sp *script.Splitter) bool {
	sr := d.speculator
	switch {
	case sr.run == nil:
		return false
	case sp.Reaches(sr.run):
		return d.settle(sp, true)
	case sp.Passed(sr.run):
		d.settle(sp, false)
	}
	return false
}
