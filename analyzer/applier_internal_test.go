package analyzer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// TestDeclinedReadsLeaveNothing: an INSERT that the fast path starts to read
// and then leaves to the parser (a function call among its values) leaves
// nothing in the arena, so that memory does not grow with the number of
// such INSERTs.
func TestDeclinedReadsLeaveNothing(t *testing.T) {
	var sql strings.Builder
	sql.WriteString("CREATE TABLE t (id serial, n integer, at timestamptz);\n")
	const inserts = 20000
	for i := range inserts {
		fmt.Fprintf(&sql, "INSERT INTO t VALUES (%d, %d, now());\n", i+1, i)
	}
	path := filepath.Join(t.TempDir(), "declined.sql")
	if err := os.WriteFile(path, []byte(sql.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	d := newDriver(Options{Paths: []string{path}})
	defer d.applier.stop()
	if err := d.runPath(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	if d.statements != inserts+1 {
		t.Fatalf("%d statements, want %d", d.statements, inserts+1)
	}
	if b := d.applier.filling; b == nil {
		t.Fatal("the fast path never tried the INSERTs")
	} else if m := b.arena.Mark(); m != (script.ArenaMark{}) {
		t.Errorf("declined reads left rows, values, constants or bytes in the arena: %+v", m)
	}
	// Each INSERT gives t.id a key of its own.
	if tables := d.current.Tables(); len(tables) != 1 {
		t.Errorf("%d tables, want t alone", len(tables))
	} else if got := tables[0].Columns[0].Keys.Count; got != inserts {
		t.Errorf("%d keys in t.id, want %d", got, inserts)
	}
}
