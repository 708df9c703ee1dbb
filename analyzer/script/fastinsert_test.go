package script

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/dumpgen"
	"github.com/pgseqlint/pgseqlint/analyzer/pgparse"
)

// project writes what the analyzer uses of an INSERT: the table, the
// columns, the clauses, and each value as a key (exact numbers; other
// strings only as "text").
func project(ins *ast.Insert) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s.%s %q override=%d default=%v conflict=%v\n",
		ins.Table.Schema, ins.Table.Name, ins.Columns, ins.Override, ins.DefaultValues, ins.OnConflict)
	for _, row := range ins.Rows {
		for i, v := range row {
			if i > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(projectValue(v))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func projectValue(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Const:
		switch e.Kind {
		case ast.ConstInt:
			n, ok := new(big.Int).SetString(e.Val, 10)
			if !ok {
				return "bad-int:" + e.Val
			}
			return "int:" + n.String()
		case ast.ConstNumeric:
			return "num:" + e.Val
		case ast.ConstString:
			if looksNumeric(e.Val) {
				return "str:" + e.Val
			}
			return "text"
		case ast.ConstBool:
			return "bool:" + e.Val
		case ast.ConstNull:
			return "null"
		}
	case *ast.Default:
		return "default"
	case *ast.TypeCast:
		return fmt.Sprintf("cast(%s,%v,%s)", strings.Join(e.Type.Names, "."), e.Type.Array, projectValue(e.Arg))
	}
	return fmt.Sprintf("other:%T", e)
}

// compareFast checks one statement: when the fast path takes it, the real
// parser must agree. It reports whether the fast path took it.
func compareFast(t *testing.T, where string, st *Stmt) bool {
	t.Helper()
	text := st.ParseText()
	fast, ok := ParseInsertFast(text, st.Escapes, nil, nil)
	if !ok {
		return false
	}
	stmts, err := pgparse.Parse(text)
	if err != nil {
		t.Errorf("%s: the fast path took a statement the parser rejects (%v):\n%s", where, err, clip(text))
		return true
	}
	if len(stmts) != 1 {
		t.Errorf("%s: the parser sees %d statements:\n%s", where, len(stmts), clip(text))
		return true
	}
	want, isInsert := stmts[0].(*ast.Insert)
	if !isInsert || want.Rows == nil && !want.DefaultValues {
		t.Errorf("%s: the parser sees %T:\n%s", where, stmts[0], clip(text))
		return true
	}
	if got, exp := project(fast), project(want); got != exp {
		t.Errorf("%s: fast path and parser differ on\n%s\nfast:\n%s\nparser:\n%s", where, clip(text), got, exp)
	}
	return true
}

func clip(s string) string {
	if len(s) > 500 {
		return s[:500] + "..."
	}
	return s
}

// forEachInsert runs fn on every INSERT statement of a script.
func forEachInsert(t *testing.T, name string, r io.Reader, fn func(st *Stmt)) {
	sp := NewSplitter(name, r)
	for {
		st, err := sp.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if st.Kind == KindSQL && LooksLikeInsert(st.Text) {
			fn(st)
		}
	}
}

// TestFastInsertMatchesParser holds the INSERT fast path to the real
// parser over every INSERT of the shared corpus and of generated dumps.
func TestFastInsertMatchesParser(t *testing.T) {
	total, taken := 0, 0
	check := func(name string, r io.Reader) {
		forEachInsert(t, name, r, func(st *Stmt) {
			total++
			if compareFast(t, fmt.Sprintf("%s:%d", name, st.Span.Line), st) {
				taken++
			}
		})
	}
	for _, format := range []dumpgen.Format{dumpgen.Inserts, dumpgen.RowsPerInsert} {
		var dump bytes.Buffer
		if err := dumpgen.Write(&dump, dumpgen.Options{Size: 2 << 20, Format: format, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		check(fmt.Sprintf("generated-%d", format), &dump)
	}
	generated := taken
	if generated == 0 || generated != total {
		t.Errorf("the fast path took %d of the %d generated INSERTs", generated, total)
	}
	corpus := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(corpus); err != nil {
		t.Logf("the shared corpus is not here (%v): generated dumps only", err)
	} else {
		filepath.WalkDir(corpus, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".sql") {
				return err
			}
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			check(path, f)
			return nil
		})
	}
	t.Logf("%d INSERT statements, %d through the fast path (%d generated), %d left to the parser", total, taken, generated, total-taken)
}

// TestFastInsertCases covers forms the corpus may lack, both the ones the
// fast path takes and the ones it must leave to the parser.
func TestFastInsertCases(t *testing.T) {
	takes := []string{
		`INSERT INTO public.t VALUES (1, 'a', NULL, true, false, 2.50, -3, 1e5, .5, -0);`,
		`INSERT INTO public.t (id, "Name", "a""b") VALUES (1, 'x'), (2, 'y');`,
		`insert into T values (007, '42', ' 7 ', '-1', 'x''y');`,
		"INSERT INTO public.t VALUES\n\t(1, 'a\nb'),\n\t(2, 'c');",
		`INSERT INTO public.t OVERRIDING SYSTEM VALUE VALUES (5, DEFAULT);`,
		`INSERT INTO public.t OVERRIDING USER VALUE VALUES (5);`,
		`INSERT INTO public.t VALUES (1) ON CONFLICT DO NOTHING;`,
		`INSERT INTO public.t DEFAULT VALUES;`,
		`INSERT INTO t VALUES ('2024-01-01'::date, '5'::integer, '5'::bigint, 7::smallint, 'x'::text, '1'::numeric(10,2));`,
		`INSERT INTO t VALUES ('x'::character varying, 'x'::character varying(10), 'now'::timestamp without time zone, 'now'::timestamp with time zone);`,
		`INSERT INTO t VALUES ('{1,2}'::integer[], 'a'::public.mood, 'b'::"Mood", 't'::boolean, 1::double precision);`,
		`INSERT INTO t VALUES (2147483647, 2147483648, -2147483648, -2147483649, 9223372036854775807, 99999999999999999999);`,
		`INSERT INTO t VALUES (1)`,
	}
	leaves := []string{
		`INSERT INTO t SELECT 1;`,
		`INSERT INTO t VALUES (nextval('s'));`,
		`INSERT INTO t VALUES (1 + 1);`,
		`INSERT INTO t VALUES (+1);`,
		`INSERT INTO t VALUES (-5::int);`,
		`INSERT INTO t VALUES (0x1F);`,
		`INSERT INTO t VALUES (1_000);`,
		`INSERT INTO t VALUES (E'a\nb');`,
		`INSERT INTO t VALUES ('a' -- comment
);`,
		"INSERT INTO t VALUES ('a'\n'b');",
		`INSERT INTO t VALUES ($$x$$);`,
		`INSERT INTO t AS a VALUES (1);`,
		`INSERT INTO public.user VALUES (1);`,
		`INSERT INTO t VALUES (1) RETURNING id;`,
		`INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET v = 1;`,
		`INSERT INTO t (a.b) VALUES (1);`,
		`INSERT INTO t VALUES ('x'::json);`,
		`INSERT INTO t VALUES ('1'::interval);`,
		`INSERT INTO t VALUES ('x'::timestamp(3) with time zone);`,
		`INSERT INTO t VALUES (1); SELECT 1;`,
		`INSERT INTO t VALUES (1,);`,
		`INSERT INTO t VALUES ();`,
		`INSERT INTO t VALUES (1.2.3);`,
		`INSERT INTO t VALUES (1e);`,
		`INSERT INTO t VALUES ('unterminated);`,
	}
	for _, text := range takes {
		st := &Stmt{Text: []byte(text)}
		if !compareFast(t, "case", st) {
			t.Errorf("the fast path should take:\n%s", text)
		}
	}
	for _, text := range leaves {
		if _, ok := ParseInsertFast(text, false, nil, nil); ok {
			t.Errorf("the fast path should leave to the parser:\n%s", text)
		}
	}
	// With standard_conforming_strings off, a backslash is an escape.
	if _, ok := ParseInsertFast(`INSERT INTO t VALUES ('a\'b');`, true, nil, nil); ok {
		t.Error("the fast path took a string with escapes")
	}
}

// FuzzFastInsert: whatever the fast path takes, the parser reads the same.
func FuzzFastInsert(f *testing.F) {
	for _, seed := range []string{
		`INSERT INTO public.t VALUES (1, 'a', NULL, true, 2.5);`,
		`INSERT INTO public.t (id, "N") VALUES (1, 'x'), (2, '3''4') ON CONFLICT DO NOTHING;`,
		`INSERT INTO t OVERRIDING SYSTEM VALUE VALUES (-5, '1'::bigint, 'x'::character varying(3)[]);`,
		"INSERT INTO t VALUES\n\t(1e5, .5, 007, DEFAULT);",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		st := &Stmt{Text: []byte(text)}
		compareFast(t, "fuzz", st)
	})
}
