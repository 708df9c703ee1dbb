package script

import (
	"errors"
	"io"
	"math"
	"strings"
	"testing"
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
