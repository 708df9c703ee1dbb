package catalog

import "github.com/pgseqlint/pgseqlint/analyzer/ast"

// KeepSnapshot is what a KeepCache knows, frozen, for reading INSERTs on
// another goroutine while the catalog goes on: it answers only what the
// cache had answered for the catalog as it stands, and notes any other
// question (Missed), which it cannot ask the catalog.
type KeepSnapshot struct {
	answers [keepAnswers]keepAnswer
	// Missed is set once a question had no answer: the statement read
	// then kept every value, which is not what the cache would say.
	Missed bool
}

// Snapshot freezes the answers that hold for the catalog as it stands.
// Applying INSERTs never changes them (they change with the catalog's
// generation): the snapshot holds across a run of INSERTs.
func (k *KeepCache) Snapshot() KeepSnapshot {
	if c := k.Catalog; c == nil || k.answered != c || k.generation != c.generation {
		return KeepSnapshot{}
	}
	return KeepSnapshot{answers: k.answers}
}

// Keep answers as the cache did, or notes a miss.
func (s *KeepSnapshot) Keep(table ast.QName, columns []string) []bool {
	mask, ok := answerOf(&s.answers, table, columns)
	s.Missed = s.Missed || !ok
	return mask
}
