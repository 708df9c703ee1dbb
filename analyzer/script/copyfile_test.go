package script

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFileLines: rows read from a file on every core fold as one core
// folds them in the window, and stop exactly before what the window's path
// must read: the marker wherever it falls against the blocks, a line longer
// than fileLineMax, a last line without a newline, a failed read.
func TestFileLines(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	var base []byte
	for len(base) < blocksPerRound*fileBlock+5*fileBlock {
		base = append(base, textRows(r, 20000)...)
	}
	lineStartAfter := func(data []byte, at int) int {
		if at == 0 {
			return 0
		}
		return at + bytes.IndexByte(data[at-1:], '\n')
	}
	insert := func(data []byte, at int, s string) []byte {
		return append(append(append([]byte(nil), data[:at]...), s...), data[at:]...)
	}
	type fileCase struct {
		name string
		data []byte
		stop int // where FileLines must stop
		r    io.ReaderAt
	}
	var cases []fileCase
	cases = append(cases, fileCase{name: "whole", data: base, stop: len(base)})
	// The marker at the start, at block edges (a line starting on the
	// block's first byte, its last, just past it), in the second round,
	// at the end.
	for _, at := range []int{0, fileBlock - 1, fileBlock, fileBlock + 1, 3*fileBlock + 7, blocksPerRound * fileBlock, blocksPerRound*fileBlock + fileBlock/2, len(base)} {
		data := insert(base, at, "\\.\n")
		if at > 0 && at < len(base) {
			// A newline before it, so that a line starts right there.
			data = insert(base, at-1, "\n\\.\n")
		}
		cases = append(cases, fileCase{name: fmt.Sprintf("marker at %d", at), data: data, stop: at})
	}
	long := lineStartAfter(base, 5*fileBlock/2)
	several := insert(base, long, "1\t2\t"+strings.Repeat("x", 3*fileBlock/2)+"\n")
	cases = append(cases,
		fileCase{name: "line past fileLineMax", data: insert(base, long, "1\t2\t"+strings.Repeat("x", fileLineMax+fileBlock)+"\n"), stop: long},
		fileCase{name: "line of several blocks", data: several, stop: len(several)},
		fileCase{name: "no last newline", data: append(append([]byte(nil), base...), "5\t6\t7"...), stop: len(base)},
	)
	failAt := lineStartAfter(base, 7*fileBlock+100)
	cases = append(cases, fileCase{name: "read fails", data: base, stop: failAt, r: failingReaderAt{bytes.NewReader(base), int64(failAt)}})
	text := copyFormat{delim: '\t', null: []byte(`\N`)}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			serial := newCopyFolder(text, []int{0, 1}, 3)
			serial.Serial = true
			wantN, wantLines, wantMarker := serial.Lines(tc.data[:bytes.LastIndexByte(tc.data, '\n')+1])
			src := tc.r
			if src == nil {
				src = bytes.NewReader(tc.data)
			}
			folder := newCopyFolder(text, []int{0, 1}, 3)
			n, lines := folder.FileLines(src, 0)
			if int(n) != tc.stop || lines != bytes.Count(tc.data[:n], []byte{'\n'}) {
				t.Fatalf("read %d bytes and %d newlines, want %d and %d", n, lines, tc.stop, bytes.Count(tc.data[:tc.stop], []byte{'\n'}))
			}
			// The window's path reads on from there.
			m, l, marker := folder.Lines(tc.data[n : bytes.LastIndexByte(tc.data, '\n')+1])
			if int(n)+m != wantN || lines+l != wantLines || marker != wantMarker {
				t.Errorf("with the window after: %d bytes, %d lines, marker %v; one core: %d, %d, %v", int(n)+m, lines+l, marker, wantN, wantLines, wantMarker)
			}
			if got, want := describeFolder(folder), describeFolder(serial); got != want {
				t.Errorf("%s\none core: %s", got, want)
			}
		})
	}
}

// failingReaderAt fails to read past an offset.
type failingReaderAt struct {
	r     io.ReaderAt
	after int64
}

func (f failingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off+int64(len(p)) <= f.after {
		return f.r.ReadAt(p, off)
	}
	n, _ := f.r.ReadAt(p[:max(0, f.after-off)], off)
	return n, errors.New("unreadable")
}

// TestSplitterFileRows: a script read with its file at hand, whose long COPY
// blocks are read from the file on every core, gives the statements, spans
// and folds that it gives read through the window alone.
func TestSplitterFileRows(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	var script bytes.Buffer
	for i := range 3 {
		fmt.Fprintf(&script, "SELECT %d;\nCOPY t (a, b, c) FROM stdin;\n", i)
		script.Write(textRows(r, 3000*(i+1)))
		script.WriteString("\\.\n")
	}
	// Rows longer than the window, which stream through in pieces.
	script.WriteString("COPY t (a, b, c) FROM stdin;\n")
	for i := range 30 {
		fmt.Fprintf(&script, "%d\t%s\t%d\n", i, strings.Repeat("x", 70000+i*1000), i)
	}
	path := filepath.Join(t.TempDir(), "dump.sql")
	if err := os.WriteFile(path, script.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	read := func(file bool) string {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		s := newSplitter(path, f, 64<<10, 16<<10)
		defer s.Close()
		if file {
			s.At = f
		}
		var out strings.Builder
		for {
			st, err := s.Next()
			if errors.Is(err, io.EOF) {
				return out.String()
			}
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&out, "%q %#v\n", st.Text, st.Span)
			if st.CopyIn {
				folder := newCopyFolder(copyFormat{delim: '\t', null: []byte(`\N`)}, []int{0, 1}, 3)
				end, err := s.CopyData(folder)
				if err != nil {
					t.Fatal(err)
				}
				folder.Finish()
				fmt.Fprintf(&out, "rows %#v %s\n", end, describeFolder(folder))
			}
		}
	}
	if got, want := read(true), read(false); got != want {
		t.Errorf("read from the file:\n%s\nthrough the window:\n%s", got, want)
	}
}
