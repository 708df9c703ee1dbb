package analyzer

import (
	"bytes"
	"fmt"
)

// Span is a half-open byte range [Start, End) of one input file. Line and
// Col give the position of Start, EndLine and EndCol the position of End;
// both are 1-based and count bytes, as compilers and editors do.
type Span struct {
	File       string
	Start, End int64
	Line, Col  int
	EndLine    int
	EndCol     int
}

func (s Span) String() string { return fmt.Sprintf("%s:%d:%d", s.File, s.Line, s.Col) }

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
