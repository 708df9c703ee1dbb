package script

import (
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
)

// TestInsertRunFolds: a run takes the statements that follow the first
// as long as they are plain, and the spans it gives the statements that
// hold the largest, smallest and last keys are those the splitter gives
// them when it reads them one by one.
func TestInsertRunFolds(t *testing.T) {
	lines := []string{
		"INSERT INTO public.t VALUES (1, 'first');",
		"INSERT INTO public.t VALUES (5, 'naïve ünïcode');",
		"INSERT INTO public.t VALUES (-3, 'two\nlines, ''quoted''');",
		"INSERT INTO public.t VALUES (9, 'a'),\n\t(2, 'b');",
		"INSERT INTO public.t VALUES (NULL, 'c');",
		"INSERT INTO public.t VALUES (9, 'the first 9 is the largest');",
		"INSERT INTO public.t VALUES (4, 'last');",
		"INSERT INTO public.t VALUES (7, NULL);", // NOT NULL: the run stops here
		"INSERT INTO public.t VALUES (8, 'after');",
	}
	script := strings.Join(lines, "\n") + "\n"
	var spans []Span
	sp := NewSplitter("t.sql", strings.NewReader(script))
	defer sp.Close()
	for {
		st, err := sp.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		spans = append(spans, st.Span)
	}
	if len(spans) != len(lines) {
		t.Fatalf("%d statements, want %d", len(spans), len(lines))
	}

	sp = NewSplitter("t.sql", strings.NewReader(script))
	defer sp.Close()
	if _, err := sp.Next(); err != nil {
		t.Fatal(err)
	}
	run := NewInsertRun([]byte("INSERT INTO public.t VALUES ("), []RunValue{
		{Slot: 0, Lo: math.MinInt32, Hi: math.MaxInt32}, {Slot: -1, NotNull: true},
	}, 1)
	sp.FoldInserts(run)
	// Statements 1 to 6 of the script, 0 to 5 of the run.
	if run.Statements != 6 || run.Rows != 7 {
		t.Fatalf("the run took %d statements and %d rows, want 6 and 7", run.Statements, run.Rows)
	}
	k := run.Keys[0]
	if k.Count != 6 || k.Max != 9 || k.Min != -3 || !k.Nulls {
		t.Errorf("keys %+v, want 6 of them from -3 to 9, and a NULL", k.KeyStats)
	}
	for _, role := range []struct {
		name string
		got  RunStatement
		want int // the statement of the script
	}{
		{"largest", k.MaxAt, 3}, {"smallest", k.MinAt, 2}, {"last key", k.LastAt, 6}, {"last", run.Last, 6},
	} {
		if role.got.Index != role.want-1 || role.got.Span != spans[role.want] {
			t.Errorf("%s: statement %d at %+v, want %d at %+v", role.name, role.got.Index, role.got.Span, role.want-1, spans[role.want])
		}
		if first := FirstLine([]byte(lines[role.want])); role.got.FirstLine != first {
			t.Errorf("%s: first line %q, want %q", role.name, role.got.FirstLine, first)
		}
	}
	// The splitter goes on with the statement the run stopped at.
	st, err := sp.Next()
	if err != nil || st.Span != spans[7] {
		t.Errorf("after the run: %v at %+v, want the statement at %+v", err, st.Span, spans[7])
	}
}

// FuzzInsertRun holds a run to the fast path, which is held to the
// parser: every statement the run takes is one the fast path reads as an
// INSERT into the run's table whose values are all literals, with no NULL
// where the layout forbids one and keys in range; the keys, rows and spans
// the run gives are those of the statements one by one; and it stops at
// the start of a statement, where the splitter goes on.
func FuzzInsertRun(f *testing.F) {
	for _, seed := range []string{
		"INSERT INTO public.t VALUES (2, 'b', NULL);\nINSERT INTO public.t VALUES (-3, 'it''s', 7);\n",
		"INSERT INTO public.t VALUES (4, 'two\nlines', 1.5e3),\n\t(5, 'x', 9);\nINSERT INTO public.t VALUES (6, NULL, 1);\n",
		"INSERT INTO public.t VALUES (3000000000, 'x', 1);\nINSERT INTO public.t VALUES (7, 'y', 2); -- c\n",
		"INSERT INTO public.t VALUES (8, 'z', true);\n\nINSERT INTO public.t VALUES (9, 'z', DEFAULT);\n",
		// Long enough to split: the largest key in the first half, the
		// smallest in the second, and a line inside a string that starts
		// as a statement does.
		"INSERT INTO public.t VALUES (2, 'b', 5);\nINSERT INTO public.t VALUES (90, 'b', 1);\nINSERT INTO public.t VALUES (3, 'b', 2);\n" +
			"INSERT INTO public.t VALUES (4, 'b', 3);\nINSERT INTO public.t VALUES (-5, 'b', NULL);\nINSERT INTO public.t VALUES (6, 'b', 4);\n",
		"INSERT INTO public.t VALUES (2, 'b', 5);\nINSERT INTO public.t VALUES (3, 'a\nINSERT INTO public.t VALUES (4, ''c'', 6);\nd', 1);\n" +
			"INSERT INTO public.t VALUES (5, 'e', 7);\n",
	} {
		f.Add([]byte(seed), false)
		f.Add([]byte(seed), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, split bool) {
		script := "INSERT INTO public.t VALUES (1, 'a', 1);\n" + string(data)
		layout := []RunValue{
			{Slot: 0, NotNull: true, Lo: math.MinInt32, Hi: math.MaxInt32},
			{Slot: -1, NotNull: true},
			{Slot: 1, Lo: math.MinInt64, Hi: math.MaxInt64},
		}
		sp := NewSplitter("f.sql", strings.NewReader(script))
		run := NewInsertRun([]byte("INSERT INTO public.t VALUES ("), layout, 2)
		if split {
			// Small windows, each split at the first line past its middle
			// that starts as a statement once the run has read one.
			sp = NewSplitterWindow("f.sql", strings.NewReader(script), 200)
			run.splitAbove = 1
		}
		defer sp.Close()
		if _, err := sp.Next(); err != nil {
			t.Fatal(err)
		}
		sp.FoldInserts(run)
		after, afterErr := sp.Next()

		// The same statements one by one.
		one := NewSplitter("f.sql", strings.NewReader(script))
		defer one.Close()
		if _, err := one.Next(); err != nil {
			t.Fatal(err)
		}
		want := make([]RunKeys, 2)
		var rows int64
		var last RunStatement
		for i := 0; i < run.Statements; i++ {
			st, err := one.Next()
			if err != nil {
				t.Fatalf("statement %d of the run: %v", i, err)
			}
			ins, ok := ParseInsertFast(st.ParseText(), false, nil, nil)
			if !ok || ins.Table != (ast.QName{Schema: "public", Name: "t"}) || ins.Columns != nil || ins.Override != ast.OverrideNone || ins.OnConflict {
				t.Fatalf("the run took %q, which is no plain INSERT into public.t", st.Text)
			}
			here := RunStatement{Index: i, Span: st.Span, FirstLine: FirstLine(st.Text)}
			stmt := make([]KeyStats, 2)
			for _, row := range ins.Rows {
				if len(row) != len(layout) {
					t.Fatalf("the run took %q, whose rows are not %d values", st.Text, len(layout))
				}
				for p, v := range row {
					c, ok := v.(*ast.Const)
					if !ok {
						t.Fatalf("the run took %q, whose value %d is no literal", st.Text, p)
					}
					slot := layout[p].Slot
					switch {
					case c.Kind == ast.ConstNull && layout[p].NotNull:
						t.Fatalf("the run took %q, with NULL in value %d", st.Text, p)
					case c.Kind == ast.ConstNull && slot >= 0:
						want[slot].Nulls = true
					case slot >= 0:
						k, err := strconv.ParseInt(c.Val, 10, 64)
						if c.Kind != ast.ConstInt || err != nil || k < layout[p].Lo || k > layout[p].Hi {
							t.Fatalf("the run took %q, whose key %d is %v %q", st.Text, p, c.Kind, c.Val)
						}
						stmt[slot].Add(k)
					}
				}
			}
			rows += int64(len(ins.Rows))
			for slot, s := range stmt {
				k := &want[slot]
				if s.Count == 0 {
					continue
				}
				if k.Count == 0 || s.Max > k.Max {
					k.Max, k.MaxAt = s.Max, here
				}
				if k.Count == 0 || s.Min < k.Min {
					k.Min, k.MinAt = s.Min, here
				}
				k.Count += s.Count
				k.LastAt = here
			}
			last = here
		}
		if run.Rows != rows {
			t.Errorf("the run counted %d rows, the statements hold %d", run.Rows, rows)
		}
		for slot := range want {
			got, w := run.Keys[slot], want[slot]
			got.MaxAt.pending, got.MinAt.pending, got.LastAt.pending = pendingStatement{}, pendingStatement{}, pendingStatement{}
			if got != w {
				t.Errorf("slot %d: the run found %+v, the statements one by one %+v", slot, got, w)
			}
		}
		if run.Statements > 0 && (run.Last.Span != last.Span || run.Last.Index != last.Index) {
			t.Errorf("last statement %+v, want %+v", run.Last, last)
		}
		// Where the run stopped, the splitter reads what it would have.
		next, nextErr := one.Next()
		if (afterErr == nil) != (nextErr == nil) || afterErr == nil && (after.Span != next.Span || string(after.Text) != string(next.Text)) {
			t.Errorf("after the run: %v %+v, one by one: %v %+v", afterErr, after, nextErr, next)
		}
	})
}
