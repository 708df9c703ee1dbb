package analyzer

import (
	"bytes"
	"fmt"
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
}

func (s Span) String() string { return fmt.Sprintf("%s:%d:%d", s.Place(), s.Line, s.Col) }

// Place names the input the span is in: the file, and in an archive the
// entry ("backup.dump: TOC entry 215 (TABLE DATA public.users)").
func (s Span) Place() string {
	if s.Entry == "" {
		return s.File
	}
	return s.File + ": " + s.Entry
}

// position is a place in the input while it is being read.
type position struct {
	offset    int64
	line, col int
}

// advance moves p over b.
func (p *position) advance(b []byte) { *p = p.plus(deltaOf(b)) }

// delta is what a stretch of input does to a position.
type delta struct {
	bytes int64
	lines int
	col   int // bytes after the last newline, or all of them without one
}

func deltaOf(b []byte) delta {
	d := delta{bytes: int64(len(b)), col: len(b)}
	if n := bytes.Count(b, newline); n > 0 {
		d.lines = n
		d.col = len(b) - 1 - bytes.LastIndexByte(b, '\n')
	}
	return d
}

var newline = []byte{'\n'}

// add appends the stretch e to d.
func (d delta) add(e delta) delta {
	d.bytes += e.bytes
	if e.lines > 0 {
		d.lines += e.lines
		d.col = e.col
	} else {
		d.col += e.col
	}
	return d
}

func (p position) plus(d delta) position {
	p.offset += d.bytes
	if d.lines > 0 {
		p.line += d.lines
		p.col = d.col + 1
	} else {
		p.col += d.col
	}
	return p
}
