package analyzer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// StmtKind tells SQL statements from psql meta-commands.
type StmtKind uint8

const (
	// KindSQL is a SQL statement, ended by a semicolon outside quotes and
	// parentheses, by a meta-command, or by the end of the input.
	KindSQL StmtKind = iota
	// KindMeta is a psql meta-command: a backslash and the rest of its line.
	KindMeta
)

// Splitter reads a script the way psql does and hands out one statement at
// a time. It holds only the statement being read: the input is streamed
// through a window that grows only as far as the longest statement (capped
// by MaxStmtBytes), and COPY rows pass through CopyData without being kept.
type Splitter struct {
	file string
	// entry names the part of an archive the input is, for spans.
	entry string
	src   io.Reader

	buf  []byte
	r, w int // buf[r:w] is read but not yet handed out
	eof  bool
	err  error
	pos  position // of buf[r]

	// MaxStmtBytes caps the text kept for one statement; a longer one is
	// returned with Oversized set and its text cut.
	MaxStmtBytes int

	lex lexer
	// copyPending is set after a statement that reads COPY rows from the
	// script; they start at the next line.
	copyPending bool
	// deferred holds what followed a COPY's semicolon on its line: psql runs
	// it after the rows.
	deferred *Splitter
	// standardStrings mirrors standard_conforming_strings: when off,
	// backslashes escape in '' strings. It is on by default since 9.1.
	standardStrings bool

	directives []Comment
}

// Stmt is one unit of the script: a SQL statement or a psql meta-command.
type Stmt struct {
	Kind StmtKind
	Span Span
	// Text is the statement from its first token through its semicolon (for
	// a meta-command, through the end of its line, without the newline). It
	// is valid until the next call to Next.
	Text []byte
	// CopyIn is set when COPY ... FROM STDIN (or \copy ... from stdin) reads
	// rows that follow in the script; CopyData reads them.
	CopyIn bool
	// EscapedQuotes are the offsets in Text of backslash-quote pairs inside
	// '' strings read with standard_conforming_strings off.
	EscapedQuotes []int
	// Oversized is set when the statement was longer than MaxStmtBytes; Text
	// then holds only its start.
	Oversized bool
	// Size is the statement's length in the input.
	Size int64
	// Events are what the statement did that rules may report; the driver
	// fills them in before the rules run.
	Events []Event
}

// Comment is a -- comment that speaks to pgseqlint (its text starts with
// "pgseqlint-").
type Comment struct {
	Span Span
	Text string // without the leading dashes and space
}

const (
	initialWindow       = 64 << 10
	DefaultMaxStmtBytes = 64 << 20
)

// NewSplitter reads src, naming it file in spans.
func NewSplitter(file string, src io.Reader) *Splitter {
	return newSplitter(file, src, initialWindow)
}

func newSplitter(file string, src io.Reader, window int) *Splitter {
	return &Splitter{
		file:            file,
		src:             src,
		buf:             make([]byte, window),
		pos:             position{line: 1, col: 1},
		MaxStmtBytes:    DefaultMaxStmtBytes,
		standardStrings: true,
		lex:             lexer{tokStart: -1},
	}
}

// TakeDirectives returns the pgseqlint comments read since the last call.
func (s *Splitter) TakeDirectives() []Comment {
	d := s.directives
	s.directives = nil
	return d
}

// fill reads more input into the window, compacting or growing it. It
// returns false at the end of the input.
func (s *Splitter) fill() bool {
	if s.eof {
		return false
	}
	if s.r > 0 {
		n := copy(s.buf, s.buf[s.r:s.w])
		s.w = n
		s.r = 0
	}
	if s.w == len(s.buf) {
		bigger := make([]byte, 2*len(s.buf))
		copy(bigger, s.buf[:s.w])
		s.buf = bigger
	}
	for {
		n, err := s.src.Read(s.buf[s.w:])
		s.w += n
		if err != nil {
			s.eof = true
			if !errors.Is(err, io.EOF) {
				s.err = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
}

// consume hands out n bytes of the window, moving the position over them.
func (s *Splitter) consume(n int) {
	s.pos.advance(s.buf[s.r : s.r+n])
	s.r += n
}

// Next returns the next statement, or io.EOF after the last one. Rows of a
// COPY FROM STDIN that the caller did not read with CopyData are skipped.
func (s *Splitter) Next() (*Stmt, error) {
	if s.copyPending {
		if _, err := s.CopyData(nil); err != nil {
			return nil, err
		}
	}
	if s.deferred != nil {
		st, err := s.deferred.Next()
		s.directives = append(s.directives, s.deferred.TakeDirectives()...)
		if err == nil {
			if st.CopyIn {
				// Rows for a COPY that shared its line with another COPY
				// come from the main input.
				s.copyPending = true
				st.CopyIn = true
			}
			return st, nil
		}
		s.deferred = nil
		if !errors.Is(err, io.EOF) {
			return nil, err
		}
	}
	return s.next()
}

func (s *Splitter) next() (*Stmt, error) {
	if s.pos.offset == 0 && s.r == 0 {
		s.skipByteOrderMark()
	}
	lx := &s.lex
	for {
		end, status := lx.scan(s.buf[s.r:s.w], s.eof, s.standardStrings)
		if status != lexNeedMore {
			s.takeComments()
			if status == lexEOF {
				s.consume(s.w - s.r)
				return nil, io.EOF
			}
			return s.emit(end), nil
		}
		if lx.tokStart < 0 {
			// Nothing kept yet: drop the whitespace and comments read so far.
			s.takeComments()
			n := lx.junkEnd()
			s.consume(n)
			lx.shift(n)
		} else if s.MaxStmtBytes > 0 && lx.scanned-lx.tokStart > s.MaxStmtBytes {
			s.takeComments()
			s.dropOversized()
		}
		if !s.fill() && s.err != nil {
			return nil, &InputError{File: s.file, Offset: s.pos.offset + int64(s.w-s.r), Err: s.err}
		}
	}
}

// skipByteOrderMark steps over a UTF-8 byte-order mark that some editors
// put at the start of a file.
func (s *Splitter) skipByteOrderMark() {
	for s.w-s.r < 3 && s.fill() {
	}
	if bytes.HasPrefix(s.buf[s.r:s.w], []byte("\xef\xbb\xbf")) {
		s.consume(3)
	}
}

// dropOversized keeps the first MaxStmtBytes of a runaway statement and lets
// the rest stream past, so that memory stays bounded.
func (s *Splitter) dropOversized() {
	lx := &s.lex
	keep := lx.tokStart + s.MaxStmtBytes
	drop := lx.scanned - keep
	lx.oversized = true
	lx.dropped = lx.dropped.add(deltaOf(s.buf[s.r+keep : s.r+lx.scanned]))
	copy(s.buf[s.r+keep:], s.buf[s.r+lx.scanned:s.w])
	s.w -= drop
	lx.scanned = keep
	lx.escapedQuotes = lx.escapedQuotes[:0]
}

// takeComments collects the pgseqlint comments the lexer found.
func (s *Splitter) takeComments() {
	lx := &s.lex
	for _, c := range lx.comments {
		start := s.pos
		start.advance(s.buf[s.r : s.r+c.start])
		end := start
		end.advance(s.buf[s.r+c.start : s.r+c.end])
		text := bytes.TrimSpace(s.buf[s.r+c.start+2 : s.r+c.end])
		s.directives = append(s.directives, Comment{Span: s.span(start, end), Text: string(text)})
	}
	lx.comments = lx.comments[:0]
}

// emit hands out the statement that the lexer found ending at end.
func (s *Splitter) emit(end int) *Stmt {
	lx := &s.lex
	s.consume(lx.tokStart)
	start := s.pos
	n := end - lx.tokStart
	text := s.buf[s.r : s.r+n]
	st := &Stmt{Kind: lx.kind, Text: text, Oversized: lx.oversized, Size: int64(n) + lx.dropped.bytes}
	var endPos position
	if lx.oversized {
		head := s.MaxStmtBytes
		endPos = start.plus(deltaOf(text[:head]).add(lx.dropped).add(deltaOf(text[head:])))
	} else {
		endPos = start.plus(deltaOf(text))
	}
	st.Span = s.span(start, endPos)
	if len(lx.escapedQuotes) > 0 {
		st.EscapedQuotes = make([]int, len(lx.escapedQuotes))
		for i, q := range lx.escapedQuotes {
			st.EscapedQuotes[i] = q - lx.tokStart
		}
	}
	s.r += n
	s.pos = endPos
	if st.Kind == KindMeta {
		st.Text = bytes.TrimRight(st.Text, "\r")
		st.CopyIn = metaCopyFromStdin(st.Text)
		if metaResetsSession(st.Text) {
			s.standardStrings = true
		}
	} else {
		st.CopyIn = lx.copyFromStdin
		if v, ok := standardStringsSetting(lx, text); ok {
			s.standardStrings = v
		}
	}
	if st.CopyIn {
		s.copyPending = true
	}
	lx.reset()
	return st
}

// deferRestOfLine sets aside what follows a COPY's semicolon on its line:
// psql reads the rows from the next line on and runs the rest of the line
// after them.
func (s *Splitter) deferRestOfLine() {
	for {
		if i := bytes.IndexByte(s.buf[s.r:s.w], '\n'); i >= 0 || s.eof {
			if i < 0 {
				i = s.w - s.r
			}
			rest := s.buf[s.r : s.r+i]
			if len(bytes.TrimSpace(rest)) > 0 {
				d := NewSplitter(s.file, bytes.NewReader(append([]byte(nil), rest...)))
				d.entry = s.entry
				d.pos = s.pos
				d.standardStrings = s.standardStrings
				s.deferred = d
			}
			if i < s.w-s.r {
				i++ // the newline
			}
			s.consume(i)
			return
		}
		if !s.fill() {
			continue
		}
	}
}

// CopySink receives the rows of a COPY block as a stream of bytes: whole
// lines, each with its newline, in pieces of any size.
type CopySink interface {
	Write(p []byte)
}

// CopyEnd tells how a COPY block ended.
type CopyEnd struct {
	// Span covers the rows and the end marker.
	Span Span
	// Terminated is false when the input ended before a `\.` line.
	Terminated bool
}

// CopyData streams the rows that follow a COPY ... FROM STDIN to sink (which
// may be nil) up to the line `\.`, which psql takes as the end of the data
// whatever the format, or to the end of the input.
func (s *Splitter) CopyData(sink CopySink) (CopyEnd, error) {
	if !s.copyPending {
		return CopyEnd{}, errors.New("no COPY rows to read")
	}
	s.copyPending = false
	s.deferRestOfLine()
	start := s.pos
	write := func(n int) {
		if n > 0 && sink != nil {
			sink.Write(s.buf[s.r : s.r+n])
		}
		s.consume(n)
	}
	atLineStart, more := true, false
	for {
		if more || s.r == s.w {
			if !s.fill() && s.r == s.w {
				return s.copyEnd(start, false)
			}
			more = false
		}
		data := s.buf[s.r:s.w]
		i := 0
		if !atLineStart {
			nl := bytes.IndexByte(data, '\n')
			if nl < 0 {
				write(len(data))
				continue
			}
			i, atLineStart = nl+1, true
		}
		// data[i:] starts a line: look for the marker at each line start.
		for {
			n, status := endMarker(data[i:], s.eof)
			if status == markerFound {
				write(i)
				s.consume(n)
				return s.copyEnd(start, true)
			}
			if status == markerMaybe {
				write(i)
				more = true
				break
			}
			if k := bytes.Index(data[i:], copyEndPattern); k >= 0 {
				i += k + 1
				continue
			}
			// No marker here; a backslash at the end may still begin one.
			j := len(data)
			if j >= 2 && data[j-1] == '\\' && data[j-2] == '\n' {
				write(j - 1)
				more = true
				break
			}
			write(j)
			atLineStart = data[j-1] == '\n'
			break
		}
	}
}

var copyEndPattern = []byte("\n\\.")

func (s *Splitter) copyEnd(start position, terminated bool) (CopyEnd, error) {
	if s.err != nil {
		return CopyEnd{}, &InputError{File: s.file, Offset: s.pos.offset, Err: s.err}
	}
	return CopyEnd{Span: s.span(start, s.pos), Terminated: terminated}, nil
}

// span is the stretch of the input from start to end.
func (s *Splitter) span(start, end position) Span {
	return Span{
		File: s.file, Entry: s.entry, Start: start.offset, End: end.offset,
		Line: start.line, Col: start.col, EndLine: end.line, EndCol: end.col,
	}
}

type markerStatus int

const (
	markerNo markerStatus = iota
	markerFound
	markerMaybe // a prefix of the marker: more input decides
)

// endMarker checks whether p starts with the line `\.` and returns its
// length with its line ending.
func endMarker(p []byte, eof bool) (int, markerStatus) {
	const marker = "\\.\r\n"
	for i := 0; i < len(marker); i++ {
		if i == len(p) {
			if i == 2 && eof {
				return 2, markerFound // `\.` at the very end of the input
			}
			if eof {
				return 0, markerNo
			}
			return 0, markerMaybe
		}
		if p[i] != marker[i] {
			if i == 2 && p[i] == '\n' {
				return 3, markerFound
			}
			return 0, markerNo
		}
	}
	return 4, markerFound
}

// InputError is a failure to read the input itself.
type InputError struct {
	File   string
	Offset int64
	Err    error
}

func (e *InputError) Error() string {
	return fmt.Sprintf("%s: read error at byte %d: %v", e.File, e.Offset, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// LineAt returns the line of the statement's text that holds offset (an
// offset in the input, within the statement), for showing to people.
func (st *Stmt) LineAt(offset int64) string {
	i := int(offset - st.Span.Start)
	if i < 0 || i > len(st.Text) {
		return firstLine(st.Text)
	}
	start := bytes.LastIndexByte(st.Text[:i], '\n') + 1
	return firstLine(st.Text[start:])
}
