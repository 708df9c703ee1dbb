package livedb

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
	"github.com/pgseqlint/pgseqlint/analyzer/fix"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// Change is what Repair did to one sequence.
type Change struct {
	Sequence *catalog.Sequence
	// Collision is what the sequence ran into, read with its tables
	// locked; nil when it was already past the keys by then, and left as
	// it was.
	Collision *catalog.Collision
	// SQL is the statement that moved it, as fix writes it.
	SQL string
	// Before and After are the values it handed out next, before and
	// after; HasAfter is false when it has none left (at its limit without
	// CYCLE, nextval fails rather than collide).
	Before, After int64
	HasAfter      bool
	// Still is set when it still hands out a key that is taken: a CYCLE
	// sequence whose keys reach its limit starts over among them.
	Still bool
}

// Repair moves the sequences named (schema-qualified, quoted as
// quote_ident does) past the keys of every column they feed, with the
// statements fix writes, in one transaction: the tables they feed, as the
// audit found them, are locked against writers (SHARE ROW EXCLUSIVE, which
// lets readers in) before anything is read, so that no row can come in
// between the keys read and the sequence moved. Under the lock the
// sequences and their keys are read again, and a sequence that no longer
// collides is left as it is.
func (c *Conn) Repair(ctx context.Context, audit *catalog.Catalog, sequences []string, opts Options) ([]Change, error) {
	if len(sequences) == 0 {
		return nil, nil
	}
	var tables []string
	for _, s := range audit.Sequences() {
		if !slices.Contains(sequences, s.QualifiedName()) {
			continue
		}
		for _, col := range s.KeyTables() {
			tables = append(tables, script.QualifiedName(col.Table.Name))
		}
	}
	// One order for every run: two repairs at once wait rather than
	// deadlock.
	slices.Sort(tables)
	tables = slices.Compact(tables)
	lock := ""
	if len(tables) > 0 {
		lock = "LOCK TABLE " + strings.Join(tables, ", ") + " IN SHARE ROW EXCLUSIVE MODE"
	}
	changes, err := c.repair(ctx, opts, lock, sequences)
	if err != nil {
		c.exec(ctx, "ROLLBACK")
		return nil, err
	}
	if _, err := c.exec(ctx, "COMMIT"); err != nil {
		return nil, err
	}
	return changes, nil
}

func (c *Conn) repair(ctx context.Context, opts Options, lock string, sequences []string) ([]Change, error) {
	snap, err := c.readLocked(ctx, opts, "BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE", lock, sequences)
	if err != nil {
		return nil, err
	}
	var changes []Change
	var statements []string
	for _, s := range snap.Catalog.Sequences() {
		ch := Change{Sequence: s}
		ch.Before, _ = s.Next()
		if col := s.Collision(); col != nil {
			ch.Collision, ch.SQL = col, fix.For(col).SQL
			statements = append(statements, ch.SQL)
		}
		changes = append(changes, ch)
	}
	if len(statements) == 0 {
		return changes, nil
	}
	// Where each one stands now: pg_sequence_last_value is NULL until
	// nextval is called, which is how setval(..., false) leaves it.
	for _, ch := range changes {
		if ch.Collision != nil {
			statements = append(statements, fmt.Sprintf("SELECT pg_sequence_last_value(%s::regclass)", script.QuoteLiteral(ch.Sequence.QualifiedName())))
		}
	}
	results, err := c.exec(ctx, statements...)
	if err != nil {
		return nil, err
	}
	var moved []*Change
	for i := range changes {
		if changes[i].Collision != nil {
			moved = append(moved, &changes[i])
		}
	}
	for i, ch := range moved {
		set, now := results[i].Rows, results[len(moved)+i].Rows
		if len(set) != 1 || len(now) != 1 {
			return nil, fmt.Errorf("%s: %s: setval returned no value", c.Place, ch.Sequence.QualifiedName())
		}
		if now[0][0] != nil {
			ch.Sequence.Reposition(atoi(now[0][0]), true)
		} else {
			ch.Sequence.Reposition(atoi(set[0][0]), false)
		}
		ch.After, ch.HasAfter = ch.Sequence.Next()
		ch.Still = ch.Sequence.Collision() != nil
	}
	return changes, nil
}
