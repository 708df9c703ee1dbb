package catalog

import (
	"slices"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// KeepCache answers the fast path's question (which values of an INSERT
// matter) from the catalog of the database the statement runs in,
// remembering the last few answers: a dump's INSERTs come table by table,
// a script's may take turns between a few tables.
type KeepCache struct {
	Catalog *Catalog // the database of the statement being read
	// Drain, when set, is called before the catalog is asked: it returns
	// once the statements read before have been applied.
	Drain func()

	// The answers hold for one catalog as long as its generation lasts.
	answered   *Catalog
	generation int
	answers    [keepAnswers]keepAnswer
	next       int // the answer to replace
}

const keepAnswers = 8

type keepAnswer struct {
	table   ast.QName
	columns []string
	mask    []bool
}

// Keep says which values of an INSERT's rows the catalog follows (see
// Catalog.keyValues).
func (k *KeepCache) Keep(table ast.QName, columns []string) []bool {
	c := k.Catalog
	if k.answered != c || k.generation != c.generation {
		k.answered, k.generation, k.answers = c, c.generation, [keepAnswers]keepAnswer{}
	}
	for i := range k.answers {
		a := &k.answers[i]
		if a.table == table && a.table.Name != "" && slices.Equal(a.columns, columns) {
			return a.mask
		}
	}
	if k.Drain != nil {
		k.Drain()
	}
	a := &k.answers[k.next]
	k.next = (k.next + 1) % keepAnswers
	*a = keepAnswer{
		table:   ast.QName{Schema: strings.Clone(table.Schema), Name: strings.Clone(table.Name)},
		columns: script.CloneStrings(columns),
		mask:    c.keyValues(table, columns),
	}
	return a.mask
}
