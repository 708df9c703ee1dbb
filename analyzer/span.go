package analyzer

import "fmt"

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
func (p *position) advance(b []byte) {
	p.offset += int64(len(b))
	last := -1
	for i, c := range b {
		if c == '\n' {
			p.line++
			last = i
		}
	}
	if last >= 0 {
		p.col = len(b) - last
	} else {
		p.col += len(b)
	}
}
