package analyzer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// splitAll splits input with a window of the given size, reading one byte
// at a time when tiny is set, and returns each statement as text, with its
// COPY rows after it.
func splitAll(t *testing.T, input string, window, headroom int, tiny bool) []string {
	t.Helper()
	var src io.Reader = strings.NewReader(input)
	if tiny {
		src = iotest.OneByteReader(src)
	}
	s := newSplitter("f.sql", src, window, headroom)
	defer s.Close()
	var out []string
	for {
		st, err := s.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		got := string(st.Text)
		if got != input[st.Span.Start:st.Span.End] {
			t.Fatalf("text %q does not match its span %d-%d: %q", got, st.Span.Start, st.Span.End, input[st.Span.Start:st.Span.End])
		}
		if line, col, chars := lineCol(input, st.Span.Start); line != st.Span.Line || col != st.Span.Col || chars != st.Span.CharCol {
			t.Fatalf("%q: position %d:%d (character %d), want %d:%d (%d)", got, st.Span.Line, st.Span.Col, st.Span.CharCol, line, col, chars)
		}
		if line, col, chars := lineCol(input, st.Span.End); line != st.Span.EndLine || col != st.Span.EndCol || chars != st.Span.EndCharCol {
			t.Fatalf("%q: end %d:%d (character %d), want %d:%d (%d)", got, st.Span.EndLine, st.Span.EndCol, st.Span.EndCharCol, line, col, chars)
		}
		if st.Kind == KindMeta {
			got = "META " + got
		}
		out = append(out, got)
		if st.CopyIn {
			var rows bytes.Buffer
			end, err := s.CopyData(&bytesSink{&rows})
			if err != nil {
				t.Fatal(err)
			}
			if line, col, chars := lineCol(input, end.Span.End); line != end.Span.EndLine || col != end.Span.EndCol || chars != end.Span.EndCharCol {
				t.Fatalf("copy end %d:%d (character %d), want %d:%d (%d)", end.Span.EndLine, end.Span.EndCol, end.Span.EndCharCol, line, col, chars)
			}
			if end.Span.Start > end.Span.End || input[end.Span.Start:end.Span.End] != rows.String()+endMarkerText(input[end.Span.Start:end.Span.End], rows.String()) {
				t.Fatalf("copy span %d-%d does not cover the rows %q", end.Span.Start, end.Span.End, rows.String())
			}
			out = append(out, fmt.Sprintf("ROWS %q terminated=%v", rows.String(), end.Terminated))
		}
	}
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
// bytes and in characters (not counting a byte-order mark).
func lineCol(input string, off int64) (line, col, chars int) {
	before := input[:off]
	line = strings.Count(before, "\n") + 1
	start := strings.LastIndexByte(before, '\n') + 1
	if start == 0 {
		start = len(before) - len(strings.TrimPrefix(before, "\ufeff"))
	}
	return line, int(off) - strings.LastIndexByte(before, '\n'), utf8.RuneCountInString(before[start:]) + 1
}

func TestSplitter(t *testing.T) {
	tests := []struct {
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
		{"copy from file", "COPY t FROM '/tmp/x';\nSELECT 1;", []string{"COPY t FROM '/tmp/x';", "SELECT 1;"}},
		{"copy query", "COPY (SELECT 1 FROM x) TO stdout;\nSELECT 1;", []string{"COPY (SELECT 1 FROM x) TO stdout;", "SELECT 1;"}},
		{"copy rest of line", "COPY t FROM stdin; SELECT 2;\n1\n\\.\nSELECT 3;", []string{"COPY t FROM stdin;", `ROWS "1\n" terminated=true`, "SELECT 2;", "SELECT 3;"}},
		{"psql copy", "\\copy t (a) from stdin with csv\n1\n\\.\nSELECT 1;", []string{"META \\copy t (a) from stdin with csv", `ROWS "1\n" terminated=true`, "SELECT 1;"}},
		{"psql copy from file", "\\copy t from 'f.csv'\nSELECT 1;", []string{"META \\copy t from 'f.csv'", "SELECT 1;"}},
		{"unterminated string", "SELECT 'abc;\n", []string{"SELECT 'abc;\n"}},
		{"unterminated dollar", "SELECT $x$abc;", []string{"SELECT $x$abc;"}},
		{"unterminated comment", "SELECT 1; /* x", []string{"SELECT 1;"}},
		{"byte order mark", "\xef\xbb\xbfSELECT 1;", []string{"SELECT 1;"}},
		{"empty statements", ";;SELECT 1;;", []string{"SELECT 1;"}},
		{"minus and slash", "SELECT 1-2/3;", []string{"SELECT 1-2/3;"}},
		{"characters", "SELECT 'é';SELECT 'ü€😀', 1;\n  SELECT 'x';", []string{"SELECT 'é';", "SELECT 'ü€😀', 1;", "SELECT 'x';"}},
		{"copy characters", "COPY t FROM stdin; SELECT 'é';\nü\t😀\n\\.\nSELECT 'ü';", []string{"COPY t FROM stdin;", `ROWS "ü\t😀\n" terminated=true`, "SELECT 'é';", "SELECT 'ü';"}},
		{"characters after a byte order mark", "\xef\xbb\xbfSELECT 'ü'; SELECT 1;", []string{"SELECT 'ü';", "SELECT 1;"}},
	}
	for _, tt := range tests {
		for _, mode := range []struct {
			window, headroom int
			tiny             bool
		}{{chunkSize, chunkHeadroom, false}, {4, 2, true}, {1, 1, false}, {3, 8, false}} {
			t.Run(fmt.Sprintf("%s/%d/%d/%v", tt.name, mode.window, mode.headroom, mode.tiny), func(t *testing.T) {
				got := splitAll(t, tt.input, mode.window, mode.headroom, mode.tiny)
				if strings.Join(got, "\n|") != strings.Join(tt.want, "\n|") {
					t.Errorf("got\n%q\nwant\n%q", got, tt.want)
				}
			})
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

func TestSplitterOversized(t *testing.T) {
	input := "SELECT 1;\nINSERT INTO t VALUES ('" + strings.Repeat("x\n", 1000) + strings.Repeat("é", 100) + "');\nSELECT 2;"
	s := newSplitter("f.sql", strings.NewReader(input), 16, 8)
	defer s.Close()
	s.MaxStmtBytes = 100
	var got []*Stmt
	for {
		st, err := s.Next()
		if err != nil {
			break
		}
		c := *st
		c.Text = append([]byte(nil), st.Text...)
		got = append(got, &c)
	}
	if len(got) != 3 {
		t.Fatalf("got %d statements, want 3", len(got))
	}
	big := got[1]
	if !big.Oversized || len(big.Text) > 200 {
		t.Errorf("oversized=%v, kept %d bytes", big.Oversized, len(big.Text))
	}
	if big.Size != big.Span.End-big.Span.Start || input[big.Span.End-3:big.Span.End] != "');" {
		t.Errorf("span %d-%d size %d does not end the statement", big.Span.Start, big.Span.End, big.Size)
	}
	if line, col, chars := lineCol(input, big.Span.End); line != big.Span.EndLine || col != big.Span.EndCol || chars != big.Span.EndCharCol {
		t.Errorf("end %d:%d (character %d), want %d:%d (%d)", big.Span.EndLine, big.Span.EndCol, big.Span.EndCharCol, line, col, chars)
	}
	if string(got[2].Text) != "SELECT 2;" || got[2].Span.Line != 1003 {
		t.Errorf("after the oversized statement: %q at line %d", got[2].Text, got[2].Span.Line)
	}
}
