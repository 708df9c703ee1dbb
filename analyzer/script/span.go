package script

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
)

// Span is a half-open byte range [Start, End) of one input file. Line and
// Col give the position of Start, EndLine and EndCol the position of End;
// both are 1-based and count bytes, as compilers and editors do.
//
// In a pg_dump archive, Entry names the TOC entry ("TOC entry 215 (TABLE
// DATA public.users)"), Line and Col count within the text pg_restore runs
// for it (its definition, or its COPY statement and rows), and Start and
// End count the bytes of all the entries in the order they run.
type Span struct {
	File       string
	Entry      string
	Start, End int64
	Line, Col  int
	EndLine    int
	EndCol     int
	// CharCol and EndCharCol are Col and EndCol counted in characters
	// (Unicode code points), as SARIF counts them.
	CharCol, EndCharCol int
}

// spanOf is the span from start to end.
func spanOf(file string, start, end position) Span {
	return Span{
		File: file, Start: start.offset, End: end.offset,
		Line: start.line, Col: start.col, EndLine: end.line, EndCol: end.col,
		CharCol: start.charCol, EndCharCol: end.charCol,
	}
}

// To is the span from the start of s to the end of e.
func (s Span) To(e Span) Span {
	s.End, s.EndLine, s.EndCol, s.EndCharCol = e.End, e.EndLine, e.EndCol, e.EndCharCol
	return s
}

// String is file:line:col, or the place alone for a span with no line:
// what a live database holds.
func (s Span) String() string {
	if s.Line == 0 {
		return s.Place()
	}
	return fmt.Sprintf("%s:%d:%d", s.Place(), s.Line, s.Col)
}

// Place names the input the span is in: the file, and in an archive the
// entry ("backup.dump: TOC entry 215 (TABLE DATA public.users)").
func (s Span) Place() string {
	if s.Entry == "" {
		return s.File
	}
	return s.File + ": " + s.Entry
}

// PlaceLine names the place and the line the span starts on:
// "dump.sql:42".
func (s Span) PlaceLine() string { return fmt.Sprintf("%s:%d", s.Place(), s.Line) }

// position is a place in the input while it is being read.
type position struct {
	offset    int64
	line, col int
	charCol   int
}

// advance moves p over b.
func (p *position) advance(b []byte) { *p = p.plus(deltaOf(b)) }

// delta is what a stretch of input does to a position.
type delta struct {
	bytes int64
	lines int
	col   int // bytes after the last newline, or all of them without one
	chars int // the characters among those bytes
}

func deltaOf(b []byte) delta {
	d := delta{bytes: int64(len(b))}
	// Forward searches find the newlines: unlike LastIndexByte, IndexByte
	// is vectorized, and a statement's newlines are few (most have none).
	after := 0 // where the last line starts
	for {
		i := bytes.IndexByte(b[after:], '\n')
		if i < 0 {
			break
		}
		after += i + 1
		d.lines++
	}
	d.col = len(b) - after
	d.chars = charCount(b[after:])
	return d
}

// charCount counts the characters of UTF-8 text by their first bytes, so
// that text cut anywhere adds up: every byte counts but continuation bytes
// (10xxxxxx), which are found eight at a time.
func charCount(b []byte) int {
	const high = 0x8080808080808080
	continuations := 0
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		// Bit 7 set and bit 6 (moved up to bit 7) clear.
		continuations += bits.OnesCount64(w & high &^ (w << 1))
	}
	for _, c := range b[i:] {
		if c&0xC0 == 0x80 {
			continuations++
		}
	}
	return len(b) - continuations
}

// add appends the stretch e to d.
func (d delta) add(e delta) delta {
	d.bytes += e.bytes
	if e.lines > 0 {
		d.lines += e.lines
		d.col, d.chars = e.col, e.chars
	} else {
		d.col += e.col
		d.chars += e.chars
	}
	return d
}

func (p position) plus(d delta) position {
	p.offset += d.bytes
	if d.lines > 0 {
		p.line += d.lines
		p.col, p.charCol = d.col+1, d.chars+1
	} else {
		p.col += d.col
		p.charCol += d.chars
	}
	return p
}
