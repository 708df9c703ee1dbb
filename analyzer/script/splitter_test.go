package script

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// splitMode says how splitAll reads its input: through a read-ahead
// window of the given size and headroom (one byte per read when tiny is
// set); max, when set, is MaxStmtBytes.
type splitMode struct {
	window, headroom int
	tiny             bool
	max              int
}

func (m splitMode) String() string {
	s := fmt.Sprintf("%d/%d/%v", m.window, m.headroom, m.tiny)
	if m.max > 0 {
		s += fmt.Sprintf("/max%d", m.max)
	}
	return s
}

// windowModes are the ways of reading that must all split alike.
var windowModes = []splitMode{{window: ChunkSize, headroom: chunkHeadroom}, {window: 4, headroom: 2, tiny: true}, {window: 1, headroom: 1}, {window: 3, headroom: 8}}

// piece is a statement, or the rows of a COPY, where splitAll found it.
type piece struct {
	start, end int64
	// chars are the columns of start and end in characters, which lineCol
	// checks only in UTF-8 text: other bytes must count alike however the
	// input is cut.
	chars [2]int
	// text is the statement's text ("META " before a meta-command), or
	// ROWS and the rows; OVERSIZED precedes the start of a statement longer
	// than MaxStmtBytes.
	text string
}

// splitAll splits input the way mode says and returns each statement, with
// the rows of a COPY after it. It checks what holds in every mode: a
// statement's text is the input its span covers (its start, when it is
// oversized), lines and columns are right, and statements come in the order
// of the input (a statement after a COPY on its line runs after the rows).
func splitAll(t testing.TB, input string, mode splitMode) []piece {
	t.Helper()
	var src io.Reader = strings.NewReader(input)
	if mode.tiny {
		src = iotest.OneByteReader(src)
	}
	s := newSplitter("f.sql", src, mode.window, mode.headroom)
	defer s.Close()
	if mode.max > 0 {
		s.MaxStmtBytes = mode.max
	}
	var out []piece
	var prevEnd int64
	for {
		st, err := s.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		covered := input[st.Span.Start:st.Span.End]
		if st.Size != st.Span.End-st.Span.Start || st.Span.Start < prevEnd {
			t.Fatalf("%q: span %d-%d, size %d, after a statement that ends at %d", st.Text, st.Span.Start, st.Span.End, st.Size, prevEnd)
		}
		prevEnd = st.Span.End
		want := covered
		if st.Oversized != (mode.max > 0 && len(covered) > mode.max) {
			t.Fatalf("%q: oversized=%v with %d bytes, the limit %d", st.Text, st.Oversized, len(covered), mode.max)
		}
		if st.Oversized {
			want = covered[:mode.max]
		}
		if st.Kind == KindMeta {
			want = strings.TrimRight(want, "\r") // the line's end, CRLF too
		}
		got := string(st.Text)
		if got != want {
			t.Fatalf("text %q does not match its span %d-%d: %q", got, st.Span.Start, st.Span.End, covered)
		}
		if line, col, chars := lineCol(input, st.Span.Start, st.Span.CharCol); line != st.Span.Line || col != st.Span.Col || chars != st.Span.CharCol {
			t.Fatalf("%q: position %d:%d (character %d), want %d:%d (%d)", got, st.Span.Line, st.Span.Col, st.Span.CharCol, line, col, chars)
		}
		if line, col, chars := lineCol(input, st.Span.End, st.Span.EndCharCol); line != st.Span.EndLine || col != st.Span.EndCol || chars != st.Span.EndCharCol {
			t.Fatalf("%q: end %d:%d (character %d), want %d:%d (%d)", got, st.Span.EndLine, st.Span.EndCol, st.Span.EndCharCol, line, col, chars)
		}
		if st.Kind == KindMeta {
			got = "META " + got
		}
		if st.Oversized {
			got = "OVERSIZED " + got
		}
		out = append(out, piece{st.Span.Start, st.Span.End, [2]int{st.Span.CharCol, st.Span.EndCharCol}, got})
		if st.CopyIn {
			var rows bytes.Buffer
			end, err := s.CopyData(&bytesSink{rows: &rows})
			if err != nil {
				t.Fatal(err)
			}
			if line, col, chars := lineCol(input, end.Span.End, end.Span.EndCharCol); line != end.Span.EndLine || col != end.Span.EndCol || chars != end.Span.EndCharCol {
				t.Fatalf("copy end %d:%d (character %d), want %d:%d (%d)", end.Span.EndLine, end.Span.EndCol, end.Span.EndCharCol, line, col, chars)
			}
			if end.Span.Start > end.Span.End || end.Span.Start < st.Span.End || input[end.Span.Start:end.Span.End] != rows.String()+endMarkerText(input[end.Span.Start:end.Span.End], rows.String()) {
				t.Fatalf("copy span %d-%d does not cover the rows %q", end.Span.Start, end.Span.End, rows.String())
			}
			out = append(out, piece{end.Span.Start, end.Span.End, [2]int{end.Span.CharCol, end.Span.EndCharCol}, fmt.Sprintf("ROWS %q terminated=%v", rows.String(), end.Terminated)})
		}
	}
}

// texts are the pieces' texts.
func texts(pieces []piece) []string {
	var out []string
	for _, p := range pieces {
		out = append(out, p.text)
	}
	return out
}

func endMarkerText(covered, rows string) string { return strings.TrimPrefix(covered, rows) }

// bytesSink keeps the rows' bytes.
type bytesSink struct{ rows *bytes.Buffer }

func (s *bytesSink) Lines(p []byte) (int, int, bool) {
	n, lines, marker := skipRows{}.Lines(p)
	s.rows.Write(p[:n])
	return n, lines, marker
}

func (s *bytesSink) Part(p []byte) { s.rows.Write(p) }

// lineCol returns the line and column of an offset of input, the column in
// bytes and in characters (not counting a byte-order mark). Where the line
// before the offset is not UTF-8, chars is the splitter's own count.
func lineCol(input string, off int64, splitterChars int) (line, col, chars int) {
	before := input[:off]
	line = strings.Count(before, "\n") + 1
	start := strings.LastIndexByte(before, '\n') + 1
	if start == 0 {
		start = len(before) - len(strings.TrimPrefix(before, "\ufeff"))
	}
	chars = splitterChars
	if utf8.ValidString(before[start:]) {
		chars = utf8.RuneCountInString(before[start:]) + 1
	}
	return line, int(off) - strings.LastIndexByte(before, '\n'), chars
}

// splitterCases are inputs and the statements (and rows) they split into;
// they seed FuzzSplitter.
var splitterCases = []struct {
	name  string
	input string
	want  []string
}{
	{"two statements", "SELECT 1;\nSELECT 2;\n", []string{"SELECT 1;", "SELECT 2;"}},
	{"no final semicolon", "SELECT 1;\n  SELECT 2\n", []string{"SELECT 1;", "SELECT 2\n"}},
	{"comments between", "-- a; comment\n/* b; /* nested; */ c; */ SELECT 1;", []string{"SELECT 1;"}},
	{"semicolons in quotes", `SELECT 'a;b', "c;d", $$e;f$$, $tag$g;$$;h$tag$;`, []string{`SELECT 'a;b', "c;d", $$e;f$$, $tag$g;$$;h$tag$;`}},
	{"doubled quotes", `SELECT 'it''s;', "a""b;";SELECT 2;`, []string{`SELECT 'it''s;', "a""b;";`, "SELECT 2;"}},
	{"E string backslash quote", `SELECT E'it\'s;';SELECT 2;`, []string{`SELECT E'it\'s;';`, "SELECT 2;"}},
	{"standard string keeps backslash", `SELECT 'a\';SELECT 2;`, []string{`SELECT 'a\';`, "SELECT 2;"}},
	{"standard_conforming_strings off", "SET standard_conforming_strings = off;\nSELECT 'it\\'s;';\nSET standard_conforming_strings = on;\nSELECT 'a\\';",
		[]string{"SET standard_conforming_strings = off;", `SELECT 'it\'s;';`, "SET standard_conforming_strings = on;", `SELECT 'a\';`}},
	{"no escapes in B, X and U& strings", "SET standard_conforming_strings = off;\nSELECT U&' \\' UESCAPE '!', X'\\', b'1';\nSELECT u&'\\';SELECT 2;",
		[]string{"SET standard_conforming_strings = off;", `SELECT U&' \' UESCAPE '!', X'\', b'1';`, `SELECT u&'\';`, "SELECT 2;"}},
	{"semicolon in parentheses", "CREATE RULE r AS ON INSERT TO t DO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));SELECT 1;",
		[]string{"CREATE RULE r AS ON INSERT TO t DO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));", "SELECT 1;"}},
	{"begin atomic", "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 1 END; END;\nSELECT 2;",
		[]string{"CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 1 END; END;", "SELECT 2;"}},
	{"begin transaction", "BEGIN;\nSELECT 1;\nEND;", []string{"BEGIN;", "SELECT 1;", "END;"}},
	{"parameter not a dollar quote", "SELECT $1; SELECT a$b$c;", []string{"SELECT $1;", "SELECT a$b$c;"}},
	{"meta-commands", "\\restrict abc\nSET x = 1;\n\\connect db\n\\unrestrict abc\n", []string{"META \\restrict abc", "SET x = 1;", "META \\connect db", "META \\unrestrict abc"}},
	{"meta ends sql", "SELECT 1\n\\g\n", []string{"SELECT 1\n", "META \\g"}},
	{"copy", "COPY public.t (id, name) FROM stdin;\n1\ta\n2\tb\n\\.\nSELECT 1;",
		[]string{"COPY public.t (id, name) FROM stdin;", `ROWS "1\ta\n2\tb\n" terminated=true`, "SELECT 1;"}},
	{"copy crlf", "COPY t FROM stdin;\r\n1\r\n\\.\r\nSELECT 1;", []string{"COPY t FROM stdin;", `ROWS "1\r\n" terminated=true`, "SELECT 1;"}},
	{"copy empty", "COPY t FROM stdin;\n\\.\n", []string{"COPY t FROM stdin;", `ROWS "" terminated=true`}},
	{"copy marker at eof", "COPY t FROM stdin;\n1\n\\.", []string{"COPY t FROM stdin;", `ROWS "1\n" terminated=true`}},
	{"copy unterminated", "COPY t FROM stdin;\n1\n2", []string{"COPY t FROM stdin;", `ROWS "1\n2" terminated=false`}},
	{"copy backslash rows", "COPY t FROM stdin;\n\\N\t\\\\.\n\\.x\n\\\n\\.\n", []string{"COPY t FROM stdin;", `ROWS "\\N\t\\\\.\n\\.x\n\\\n" terminated=true`}},
	{"copy csv marker inside quotes", "COPY t FROM stdin CSV;\n\"a\n\\.\n", []string{"COPY t FROM stdin CSV;", `ROWS "\"a\n" terminated=true`}},
	{"copy to stdout", "COPY t TO stdout;\nSELECT 1;", []string{"COPY t TO stdout;", "SELECT 1;"}},
	// The grammar takes FROM STDOUT for FROM STDIN, and psql's \copy too.
	{"copy from stdout", "COPY t FROM STDOUT;\n1\n\\.\nSELECT 1;", []string{"COPY t FROM STDOUT;", `ROWS "1\n" terminated=true`, "SELECT 1;"}},
	{"psql copy from stdout", "\\copy t from stdout\n1\n\\.\nSELECT 1;", []string{"META \\copy t from stdout", `ROWS "1\n" terminated=true`, "SELECT 1;"}},
	{"copy from file", "COPY t FROM '/tmp/x';\nSELECT 1;", []string{"COPY t FROM '/tmp/x';", "SELECT 1;"}},
	{"copy query", "COPY (SELECT 1 FROM x) TO stdout;\nSELECT 1;", []string{"COPY (SELECT 1 FROM x) TO stdout;", "SELECT 1;"}},
	{"copy rest of line", "COPY t FROM stdin; SELECT 2;\n1\n\\.\nSELECT 3;", []string{"COPY t FROM stdin;", `ROWS "1\n" terminated=true`, "SELECT 2;", "SELECT 3;"}},
	// COPYs sharing a line read their rows in turn; the rest of the line
	// runs after the last.
	{"copies on one line", "COPY a FROM stdin; COPY b FROM stdin; SELECT 2;\n1\n\\.\n2\n\\.\nSELECT 3;",
		[]string{"COPY a FROM stdin;", `ROWS "1\n" terminated=true`, "COPY b FROM stdin;", `ROWS "2\n" terminated=true`, "SELECT 2;", "SELECT 3;"}},
	// psql's \; puts a semicolon in the query without sending it.
	{"psql semicolon", "SELECT 0\\; COPY a FROM stdin\\; COPY b FROM stdin\\;SELECT 2;\n1\n\\.\n2\n\\.\n\\;SELECT 3;",
		[]string{"SELECT 0", "COPY a FROM stdin", `ROWS "1\n" terminated=true`, "COPY b FROM stdin", `ROWS "2\n" terminated=true`, "SELECT 2;", "SELECT 3;"}},
	{"psql copy", "\\copy t (a) from stdin with csv\n1\n\\.\nSELECT 1;", []string{"META \\copy t (a) from stdin with csv", `ROWS "1\n" terminated=true`, "SELECT 1;"}},
	{"psql copy from file", "\\copy t from 'f.csv'\nSELECT 1;", []string{"META \\copy t from 'f.csv'", "SELECT 1;"}},
	{"unterminated string", "SELECT 'abc;\n", []string{"SELECT 'abc;\n"}},
	{"unterminated dollar", "SELECT $x$abc;", []string{"SELECT $x$abc;"}},
	// psql sends a comment before a statement with it: the server
	// rejects one that never ends ("unterminated /* comment").
	{"unterminated comment", "SELECT 1; /* x", []string{"SELECT 1;", "/* x"}},
	{"unterminated nested comment", "/* a /* b */ c\n", []string{"/* a /* b */ c\n"}},
	{"comment before a statement", "/* a */ SELECT 1; /* b */\n/* c */", []string{"SELECT 1;"}},
	{"comment before a meta-command", "/* a */ \\c db\n", []string{"META \\c db"}},
	{"comment before an empty statement", "/* a */ ; SELECT 1;", []string{"SELECT 1;"}},
	{"meta-command with crlf", "\\c db\r\nSELECT 1;", []string{"META \\c db", "SELECT 1;"}},
	{"byte order mark", "\xef\xbb\xbfSELECT 1;", []string{"SELECT 1;"}},
	{"empty statements", ";;SELECT 1;;", []string{"SELECT 1;"}},
	{"minus and slash", "SELECT 1-2/3;", []string{"SELECT 1-2/3;"}},
	{"characters", "SELECT 'é';SELECT 'ü€😀', 1;\n  SELECT 'x';", []string{"SELECT 'é';", "SELECT 'ü€😀', 1;", "SELECT 'x';"}},
	{"copy characters", "COPY t FROM stdin; SELECT 'é';\nü\t😀\n\\.\nSELECT 'ü';", []string{"COPY t FROM stdin;", `ROWS "ü\t😀\n" terminated=true`, "SELECT 'é';", "SELECT 'ü';"}},
	{"characters after a byte order mark", "\xef\xbb\xbfSELECT 'ü'; SELECT 1;", []string{"SELECT 'ü';", "SELECT 1;"}},
	// Words and dollar-quote tags longer than the lexer holds whole.
	{"long word", "SELECT " + longName + "; SELECT x$" + longName + "$y;", []string{"SELECT " + longName + ";", "SELECT x$" + longName + "$y;"}},
	{"long dollar tag", "SELECT $" + longName + "$ ;$$ $" + longName[1:] + "$ $x" + longName + "$ $" + longName + "x$ $" + longName + "$; SELECT 2;",
		[]string{"SELECT $" + longName + "$ ;$$ $" + longName[1:] + "$ $x" + longName + "$ $" + longName + "x$ $" + longName + "$;", "SELECT 2;"}},
	{"long dollar tag closed at once", "SELECT $" + longName + "$$" + longName + "$;SELECT 2;", []string{"SELECT $" + longName + "$$" + longName + "$;", "SELECT 2;"}},
	{"long parameter-like word after a dollar", "SELECT $" + longName + " ;SELECT 2;", []string{"SELECT $" + longName + " ;", "SELECT 2;"}},
	{"long dollar tag never closed", "SELECT $" + longName + "$ ; $" + longName + " ;", []string{"SELECT $" + longName + "$ ; $" + longName + " ;"}},
}

// longName is longer than the lexer's lookahead.
var longName = "t" + strings.Repeat("ab_9", 40)

func TestSplitter(t *testing.T) {
	for _, tt := range splitterCases {
		for _, mode := range windowModes {
			t.Run(tt.name+"/"+mode.String(), func(t *testing.T) {
				got := texts(splitAll(t, tt.input, mode))
				if strings.Join(got, "\n|") != strings.Join(tt.want, "\n|") {
					t.Errorf("got\n%q\nwant\n%q", got, tt.want)
				}
			})
		}
	}
}

// TestSplitterRowEndingLikeMarker: a row too long to be held whole comes
// in pieces, and a piece that starts with `\.` in the middle of it is
// data, not the end marker, however the window cuts the row.
func TestSplitterRowEndingLikeMarker(t *testing.T) {
	for n := 1; n < 40; n++ {
		row := strings.Repeat("x", n) + `\.` + "\n"
		input := "COPY t FROM stdin;\n" + row + "\\.\nSELECT 1;"
		want := []string{"COPY t FROM stdin;", fmt.Sprintf("ROWS %q terminated=true", row), "SELECT 1;"}
		for _, mode := range windowModes {
			if got := texts(splitAll(t, input, mode)); !slices.Equal(got, want) {
				t.Fatalf("%d bytes before it, %s: got %q", n, mode, got)
			}
		}
	}
}

func TestSplitterDirectives(t *testing.T) {
	input := "-- pgseqlint-ignore missing-setval: seeded by hand\nCOPY t FROM stdin; -- pgseqlint-ignore stale-setval: x\n1\n\\.\n-- plain comment\nSELECT 1; --pgseqlint-ignore-file syntax-error: y"
	s := NewSplitter("f.sql", strings.NewReader(input))
	var got []string
	for {
		st, err := s.Next()
		if err != nil {
			break
		}
		if st.CopyIn {
			s.CopyData(nil)
		}
	}
	for _, d := range s.TakeDirectives() {
		got = append(got, fmt.Sprintf("%d:%d %s", d.Span.Line, d.Span.Col, d.Text))
	}
	want := []string{
		"1:1 pgseqlint-ignore missing-setval: seeded by hand",
		"2:20 pgseqlint-ignore stale-setval: x",
		"6:11 pgseqlint-ignore-file syntax-error: y",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSplitterOversized: a statement longer than MaxStmtBytes keeps only
// its start, whichever way it is read, and the statements after it are
// where they are: memory stays bounded, positions stay right.
func TestSplitterOversized(t *testing.T) {
	input := "SELECT 1;\nINSERT INTO t VALUES ('" + strings.Repeat("x\n", 1000) + strings.Repeat("é", 100) + "');\nSELECT 2;"
	for _, mode := range []splitMode{{window: 16, headroom: 8, max: 100}, {window: ChunkSize, headroom: chunkHeadroom, max: 100}} {
		t.Run(mode.String(), func(t *testing.T) {
			got := splitAll(t, input, mode)
			if len(got) != 3 {
				t.Fatalf("got %d statements, want 3: %q", len(got), texts(got))
			}
			if big := got[1]; big.text != "OVERSIZED "+input[10:110] || input[big.end-3:big.end] != "');" {
				t.Errorf("the long statement: %d-%d %q", big.start, big.end, big.text)
			}
			if got[2].text != "SELECT 2;" {
				t.Errorf("after the long statement: %q", got[2].text)
			}
		})
	}
}

// TestSplitterLongTokens: a word or a dollar-quote tag longer than
// MaxStmtBytes counts against it as any other text does: the statement is
// oversized, the window does not grow with the token, and the statements
// after it are found.
func TestSplitterLongTokens(t *testing.T) {
	const size = 3 * ChunkSize
	tag := strings.Repeat("t", size)
	for _, tt := range []struct {
		name, middle string
		oversized    bool
	}{
		{"word", "SELECT " + strings.Repeat("w", size) + ";", true},
		{"dollar tag", "SELECT $" + tag + "$ body; $" + tag + "$;", true},
		{"dollar sign and a word", "SELECT $" + tag + ";", true},
		// A -- comment before a statement may be a directive: it is held
		// up to the limit, then read past.
		{"comment", "-- " + strings.Repeat("c", size) + "\nSELECT 3;", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			input := "SELECT 1;\n" + tt.middle + "\nSELECT 2;\n"
			s := NewSplitter("f.sql", strings.NewReader(input))
			s.MaxStmtBytes = 1 << 10
			defer s.Close()
			var got []string
			largest := 0
			for {
				st, err := s.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				largest = max(largest, cap(s.buf))
				got = append(got, fmt.Sprintf("%v %.20s", st.Oversized, st.Text))
			}
			middle := strings.TrimPrefix(tt.middle, "-- "+strings.Repeat("c", size)+"\n")
			want := []string{"false SELECT 1;", fmt.Sprintf("%v %.20s", tt.oversized, middle), "false SELECT 2;"}
			if !slices.Equal(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
			if largest > 2*ChunkSize {
				t.Errorf("the window grew to %d bytes", largest)
			}
			if len(s.TakeDirectives()) != 0 {
				t.Errorf("a comment cut short read as a directive")
			}
		})
	}
}

// TestSplitterOversizedAcrossWindows: a statement longer than several read
// windows and than MaxStmtBytes is cut, and the bytes dropped behind it do
// not cost the statements after it.
func TestSplitterOversizedAcrossWindows(t *testing.T) {
	long := "SELECT '" + strings.Repeat("y", 3*ChunkSize) + "';\n"
	input := "SELECT 1;\n" + long + "-- pgseqlint-ignore syntax-error: x\nSELECT 2;\n"
	got := splitAll(t, input, splitMode{window: ChunkSize, headroom: chunkHeadroom, max: 1 << 10})
	if want := []string{"SELECT 1;", "OVERSIZED " + long[:1<<10], "SELECT 2;"}; strings.Join(texts(got), "|") != strings.Join(want, "|") {
		t.Errorf("got %.80q", texts(got))
	}
}

// FuzzSplitter splits any input every way the splitter reads (windows of
// a few bytes, one byte per read) and with a small
// MaxStmtBytes: all must agree, statement by statement, with reading it
// whole; splitAll checks the spans on the way; and whatever lies between
// the statements and rows is whitespace, comments and semicolons, so no
// statement was lost.
func FuzzSplitter(f *testing.F) {
	for _, tt := range splitterCases {
		f.Add([]byte(tt.input), uint8(7))
	}
	f.Fuzz(func(t *testing.T, data []byte, max uint8) {
		input := string(data)
		whole := splitAll(t, input, windowModes[0])
		checkCovered(t, input, whole)
		for _, mode := range windowModes[1:] {
			if got := splitAll(t, input, mode); !slices.Equal(got, whole) {
				t.Fatalf("%s:\n%q\nread whole:\n%q", mode, texts(got), texts(whole))
			}
		}
		limit := int(max%64) + 1
		var cut []piece
		for _, p := range whole {
			if !strings.HasPrefix(p.text, "ROWS ") && p.end-p.start > int64(limit) {
				text := input[p.start : p.start+int64(limit)]
				if strings.HasPrefix(p.text, "META ") {
					text = "META " + strings.TrimRight(text, "\r")
				}
				p.text = "OVERSIZED " + text
				whole := strings.ToLower(input[p.start:p.end])
				first := whole[:len(whole)-len(strings.TrimLeft(whole, "abcdefghijklmnopqrstuvwxyz"))]
				if first == "set" || first == "reset" || strings.HasPrefix(text, "META ") {
					// What a SET does to standard_conforming_strings, and
					// whether a \copy reads rows, is read from the start
					// kept (too short, it is no SET): what follows may
					// split otherwise.
					cut = append(cut, p)
					break
				}
			}
			cut = append(cut, p)
		}
		for _, mode := range []splitMode{{window: 3, headroom: 2, max: limit}, {window: ChunkSize, headroom: chunkHeadroom, max: limit}} {
			if got := splitAll(t, input, mode); !slices.Equal(got[:min(len(got), len(cut))], cut) {
				t.Fatalf("%s:\n%q\nwant:\n%q", mode, texts(got), texts(cut))
			}
		}
	})
}

// checkCovered checks that the pieces do not overlap and that what lies
// between them is what psql skips: whitespace, comments that end, empty
// statements, and a byte-order mark at the start.
func checkCovered(t *testing.T, input string, pieces []piece) {
	t.Helper()
	sorted := slices.Clone(pieces)
	slices.SortStableFunc(sorted, func(a, b piece) int { return cmp.Compare(a.start, b.start) })
	var at int64
	gap := func(end int64) {
		junk := input[at:end]
		if at == 0 {
			junk = strings.TrimPrefix(junk, "\ufeff")
		}
		if rest := skipJunk(junk); rest != "" {
			t.Fatalf("no statement covers %q at byte %d", rest, end-int64(len(rest)))
		}
	}
	for _, p := range sorted {
		if p.start < at {
			t.Fatalf("%q at %d-%d overlaps what comes before it, up to %d", p.text, p.start, p.end, at)
		}
		gap(p.start)
		at = p.end
	}
	gap(int64(len(input)))
}

// skipJunk skips whitespace, semicolons (psql's \; too) and comments
// (block comments nest), and returns what follows them.
func skipJunk(s string) string {
	for s != "" {
		switch {
		case isSpace(s[0]) || s[0] == ';':
			s = s[1:]
		case strings.HasPrefix(s, `\;`):
			s = s[2:]
		case strings.HasPrefix(s, "--"):
			_, rest, found := strings.Cut(s, "\n")
			if !found {
				return ""
			}
			s = rest
		case strings.HasPrefix(s, "/*"):
			depth, i := 0, 0
			for i < len(s) {
				if strings.HasPrefix(s[i:], "/*") {
					depth, i = depth+1, i+2
				} else if strings.HasPrefix(s[i:], "*/") {
					depth, i = depth-1, i+2
					if depth == 0 {
						break
					}
				} else {
					i++
				}
			}
			if depth > 0 {
				return s // a comment that never ends is not skipped
			}
			s = s[i:]
		default:
			return s
		}
	}
	return ""
}
