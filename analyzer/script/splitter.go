package script

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/pgseqlint/pgseqlint/analyzer/source"
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
	ra    *source.ReadAhead

	// buf[r:w] is the window: read but not yet handed out. buf is the
	// chunk cur, or, while a statement is longer than a chunk's headroom,
	// a buffer of the splitter's own (cur is nil).
	buf  []byte
	cur  *source.Chunk
	r, w int
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
	// stmt is the statement Next hands out, reused: like Text, it is valid
	// until the next call.
	stmt Stmt
	// Rereadable is set when the input is a plain file whose lines can be
	// read again at the end: statements' first lines need not be kept.
	Rereadable bool
	// At, when set, reads the input's bytes by their offsets: a long COPY's
	// rows are read from it on every core (see CopyFolder.FileLines).
	At io.ReaderAt
	// ReadInsert, when set, reads a statement that starts with an i straight
	// from the window: it returns the statement's length, or false to let
	// the lexer read it. (The INSERT fast path: a dump's rows are not lexed
	// twice.)
	ReadInsert func(text []byte, escapes, eof bool) (n int, ok bool)
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
	// Read is set when the splitter's insert function read the statement.
	Read bool
	// Escapes is set when standard_conforming_strings was off for the
	// statement: backslashes in '' strings are escapes.
	Escapes bool
	// EscapedQuotes are the offsets in Text of backslash-quote pairs inside
	// '' strings read with standard_conforming_strings off.
	EscapedQuotes []int
	// Oversized is set when the statement was longer than MaxStmtBytes; Text
	// then holds only its start.
	Oversized bool
	// Size is the statement's length in the input.
	Size int64
}

// Comment is a -- comment that speaks to pgseqlint (its text starts with
// "pgseqlint-").
type Comment struct {
	Span Span
	Text string // without the leading dashes and space
}

const (
	// ChunkSize is how much input the splitter reads at a time.
	ChunkSize = 4 << 20
	// chunkHeadroom is the room before each chunk where the end of a
	// statement the splitter has not finished goes.
	chunkHeadroom = 64 << 10
)

// DefaultMaxStmtBytes is the longest statement whose text is kept.
const DefaultMaxStmtBytes = 64 << 20

// NewSplitter reads src, naming it file in spans. Close it when done: it
// reads ahead on a goroutine of its own.
func NewSplitter(file string, src io.Reader) *Splitter {
	return NewSplitterWindow(file, src, ChunkSize)
}

// NewSplitterWindow is NewSplitter reading window bytes of src at a time:
// less than ChunkSize for a short script.
func NewSplitterWindow(file string, src io.Reader, window int) *Splitter {
	return newSplitter(file, src, window, min(window, chunkHeadroom))
}

func newSplitter(file string, src io.Reader, size, headroom int) *Splitter {
	return &Splitter{
		file:            file,
		ra:              source.NewReadAhead(src, size, headroom),
		pos:             position{line: 1, col: 1, charCol: 1},
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

// StartAt makes the input start at p of the file it is part of. (A part
// starts at the start of a line, where columns in bytes and in characters
// agree.)
func (s *Splitter) StartAt(p source.Position) {
	s.pos = position{offset: p.Offset, line: p.Line, col: p.Col, charCol: p.Col}
}

// StartEntry makes the input an entry of a pg_dump archive, named label in
// spans, which starts at offset of all the entries' text and with
// standard_conforming_strings set as the entries before left it.
func (s *Splitter) StartEntry(label string, offset int64, standardStrings bool) {
	s.entry, s.pos.offset, s.standardStrings = label, offset, standardStrings
}

// Offset is how far into the input the splitter has read.
func (s *Splitter) Offset() int64 { return s.pos.offset }

// StandardConformingStrings says whether standard_conforming_strings is on
// where the splitter is.
func (s *Splitter) StandardConformingStrings() bool { return s.standardStrings }

// Close stops reading ahead.
func (s *Splitter) Close() {
	s.ra.Close()
	if s.deferred != nil {
		s.deferred.Close()
	}
}

// fill brings the next chunk of input into the window, after what is left
// of the current one. It returns false when there is no more input.
func (s *Splitter) fill() bool {
	if s.eof {
		return false
	}
	c := s.ra.Next()
	if c == nil {
		s.eof = true
		return false
	}
	if c.Err != nil {
		s.eof = true
		if !errors.Is(c.Err, io.EOF) {
			s.err = c.Err
		}
	}
	if c.N == 0 {
		s.ra.Release(c)
		return false
	}
	tail := s.buf[s.r:s.w]
	head := s.ra.Headroom()
	if len(tail) <= head {
		// The common case: the tail moves into the new chunk's headroom.
		start := head - len(tail)
		copy(c.Buf[start:head], tail)
		s.ra.Release(s.cur)
		s.cur, s.buf, s.r, s.w = c, c.Buf, start, head+c.N
		return true
	}
	// A statement longer than the headroom gathers in a buffer of the
	// splitter's own, which grows by doubling.
	need := len(tail) + c.N
	own := s.buf
	if s.cur != nil || len(own) < need {
		own = make([]byte, 2*need)
	}
	copy(own, tail)
	copy(own[len(tail):], c.Buf[head:head+c.N])
	s.ra.Release(s.cur)
	s.ra.Release(c)
	s.cur, s.buf, s.r, s.w = nil, own, 0, need
	return true
}

// consume hands out n bytes of the window, moving the position over them.
func (s *Splitter) consume(n int) {
	s.pos.advance(s.buf[s.r : s.r+n])
	s.r += n
}

// Next returns the next statement, or io.EOF after the last one. The
// statement is valid until the next call. Rows of a COPY FROM STDIN that the
// caller did not read with CopyData are skipped.
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
		s.deferred.Close()
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
	lx.stopAtInsert = s.ReadInsert != nil && lx.tokStart < 0
	for {
		end, status := lx.scan(s.buf[s.r:s.w], s.eof, s.standardStrings)
		if status == lexInsert {
			// At most MaxStmtBytes: a longer INSERT is left to the lexer,
			// which cuts it.
			text, eof := s.buf[s.r+lx.tokStart:s.w], s.eof
			if s.MaxStmtBytes > 0 && len(text) > s.MaxStmtBytes {
				text, eof = text[:s.MaxStmtBytes], false
			}
			if n, ok := s.ReadInsert(text, !s.standardStrings, eof); ok {
				s.takeComments()
				st := s.emit(lx.tokStart + n)
				st.Read = true
				return st, nil
			}
			continue // the lexer reads it, from its first word
		}
		if status == lexSkip {
			s.takeComments()
			s.skipDropped(end)
			continue
		}
		if status != lexNeedMore {
			s.takeComments()
			if status == lexEOF {
				s.consume(s.w - s.r)
				if s.err != nil {
					// The last chunk came with the error: the input
					// ends there, cut short, not at its end.
					return nil, &InputError{File: s.file, Offset: s.pos.offset, Err: s.err}
				}
				return nil, io.EOF
			}
			return s.emit(end), nil
		}
		if lx.tokStart < 0 {
			// Nothing kept yet: drop the whitespace and comments read so
			// far. A -- comment is kept while it may be a directive, up to
			// the limit on a statement.
			if lx.state == stLineComment && s.MaxStmtBytes > 0 && lx.scanned-lx.commentStart > s.MaxStmtBytes {
				lx.commentCut = true
			}
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
		s.pos.charCol = 1 // SARIF counts characters as if the mark were not there
	}
}

// dropOversized keeps the first MaxStmtBytes of a runaway statement and lets
// the rest stream past, so that memory stays bounded: the bytes scanned
// since are counted in lx.dropped and leave the window.
func (s *Splitter) dropOversized() {
	lx := &s.lex
	if !lx.oversized {
		lx.oversized = true
		lx.dropFrom = lx.tokStart + s.MaxStmtBytes
		lx.dropEnd = lx.dropFrom
	}
	// The last byte scanned stays: the lexer looks back at it (a $ after a
	// letter or digit is part of a word, not a dollar quote).
	from, to := s.r+lx.dropEnd, s.r+lx.scanned-1
	lx.dropped = lx.dropped.add(deltaOf(s.buf[from:to]))
	copy(s.buf[from:], s.buf[to:s.w])
	s.w -= to - from
	lx.cut(from-s.r, to-s.r)
	lx.escapedQuotes = lx.escapedQuotes[:0]
}

// skipDropped steps over the first n bytes of the window, which an
// oversized comment before any token ends, and forgets what it dropped.
func (s *Splitter) skipDropped(n int) {
	lx := &s.lex
	s.pos = s.posAt(n)
	s.r += n
	lx.shift(n)
	lx.oversized, lx.dropped, lx.dropFrom, lx.dropEnd = false, delta{}, 0, 0
}

// posAt is the position of the window's byte at offset off from s.r,
// counting the bytes an oversized statement dropped before it.
func (s *Splitter) posAt(off int) position {
	lx := &s.lex
	p := s.pos
	if !lx.oversized || off < lx.dropEnd {
		p.advance(s.buf[s.r : s.r+off])
		return p
	}
	return p.plus(deltaOf(s.buf[s.r : s.r+lx.dropFrom]).add(lx.dropped).add(deltaOf(s.buf[s.r+lx.dropEnd : s.r+off])))
}

// takeComments collects the pgseqlint comments the lexer found.
func (s *Splitter) takeComments() {
	lx := &s.lex
	for _, c := range lx.comments {
		start, end := s.posAt(c.start), s.posAt(c.end)
		text := bytes.TrimSpace(s.buf[s.r+c.start+2 : s.r+c.end])
		s.directives = append(s.directives, Comment{Span: s.span(start, end), Text: string(text)})
	}
	lx.comments = lx.comments[:0]
}

// emit hands out the statement that the lexer found ending at end.
func (s *Splitter) emit(end int) *Stmt {
	lx := &s.lex
	n := end - lx.tokStart
	var endPos position
	if lx.oversized {
		endPos = s.posAt(end) // over the bytes dropped
		s.consume(lx.tokStart)
	} else {
		// The blanks before the statement apart: a statement alone is
		// often one plain line, which is quick to measure.
		s.consume(lx.tokStart)
		endPos = s.pos
		endPos.advance(s.buf[s.r : s.r+n])
	}
	start := s.pos
	text := s.buf[s.r : s.r+n]
	// Whether the window held it whole or not, a statement longer than
	// MaxStmtBytes keeps only its start.
	oversized := lx.oversized || s.MaxStmtBytes > 0 && n > s.MaxStmtBytes
	if oversized {
		text = text[:s.MaxStmtBytes]
	}
	st := &s.stmt
	*st = Stmt{Kind: lx.kind, Text: text, Oversized: oversized, Size: endPos.offset - start.offset, Escapes: !s.standardStrings,
		EscapedQuotes: st.EscapedQuotes[:0]}
	st.Span = s.span(start, endPos)
	for _, q := range lx.escapedQuotes {
		if q -= lx.tokStart; q < len(text) {
			st.EscapedQuotes = append(st.EscapedQuotes, q)
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
				d.MaxStmtBytes = s.MaxStmtBytes
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

// NoCopyRows tells the splitter that the COPY FROM STDIN it handed out
// last reads no rows: psql did not send it (it stands in an inactive \if
// branch), so the lines after it are read as statements.
func (s *Splitter) NoCopyRows() { s.copyPending = false }

// CopySink reads the rows of a COPY block.
type CopySink interface {
	// Lines reads whole lines: p ends with a newline, or with the end of
	// the input. It stops before a line `\.`, which psql takes as the end
	// of the data whatever the format, and returns how many bytes it read,
	// the newlines among them, and whether it stopped at that line.
	Lines(p []byte) (n, lines int, marker bool)
	// Part reads a piece of a line too long to wait for its end: its start,
	// and then the rest of it up to its newline, which Lines reads.
	Part(p []byte)
}

// CopyEnd tells how a COPY block ended.
type CopyEnd struct {
	// Span covers the rows and the end marker.
	Span Span
	// Terminated is false when the input ended before a `\.` line.
	Terminated bool
}

// CopyData streams the rows that follow a COPY ... FROM STDIN to sink
// (nil skips them) up to the line `\.` or the end of the input.
func (s *Splitter) CopyData(sink CopySink) (CopyEnd, error) {
	if !s.copyPending {
		return CopyEnd{}, errors.New("no COPY rows to read")
	}
	s.copyPending = false
	// What follows a COPY on its line runs after the rows. A COPY that came
	// from such a rest of a line has its rows right after those of the
	// COPY before it, from the start of a line.
	if s.deferred == nil {
		s.deferRestOfLine()
	}
	if sink == nil {
		sink = skipRows{}
	}
	start := s.pos
	// midLine is set after a piece of a long line: the rest of that line
	// goes to Part as well, so that Lines always starts at a line start,
	// where only it looks for the marker.
	midLine := false
	read := 0         // bytes of rows read through the window
	fileRead := false // whether the rows have been offered to fileRows
	for {
		if s.r == s.w && !s.fill() {
			return s.copyEnd(start, false)
		}
		data := s.buf[s.r:s.w]
		if midLine {
			rest := bytes.IndexByte(data, '\n')
			if rest < 0 {
				rest = len(data)
			}
			sink.Part(data[:rest])
			s.consume(rest)
			read += rest
			midLine = rest == len(data)
			continue
		}
		last := bytes.LastIndexByte(data, '\n')
		switch {
		case last >= 0 || s.eof:
			whole := data
			if last >= 0 {
				whole = data[:last+1]
			}
			n, lines, marker := sink.Lines(whole)
			s.skipLines(n, lines)
			if marker {
				s.consume(markerLength(s.buf[s.r:s.w]))
				return s.copyEnd(start, true)
			}
			if last < 0 {
				return s.copyEnd(start, false)
			}
			// Past a window's worth of rows, the rest are read from the
			// file: the chunks read ahead of the window are read again,
			// which only pays for itself after a long COPY.
			if read += n; !fileRead && read >= s.ra.ChunkSize() {
				fileRead = true
				s.fileRows(sink)
			}
		case len(data) > max(s.pieceSize(), len(`\.\r`)):
			// A line longer than the headroom, and so not the marker,
			// streams through in pieces.
			sink.Part(data)
			s.consume(len(data))
			read += len(data)
			midLine = true
		default:
			s.fill()
		}
	}
}

// fileSink is a CopySink that reads rows from a file itself, on every core
// (see CopyFolder.FileLines).
type fileSink interface {
	CopySink
	FileLines(r io.ReaderAt, at int64) (n int64, lines int)
}

// fileRows reads the rows that follow the window's whole lines from the
// file itself, when the input is a file and sink can, and then goes on
// reading the input after them.
func (s *Splitter) fileRows(sink CopySink) {
	fs, ok := sink.(fileSink)
	if !ok || s.At == nil || s.eof {
		return
	}
	at := s.ra.Offset() - int64(s.w-s.r)
	n, lines := fs.FileLines(s.At, at)
	if n == 0 {
		return
	}
	s.pos = s.pos.plus(delta{bytes: n, lines: lines})
	at += n
	s.ra.Restart(io.NewSectionReader(s.At, at, math.MaxInt64-at), at)
	s.ra.Release(s.cur)
	s.cur, s.buf, s.r, s.w = nil, nil, 0, 0
}

// pieceSize is the longest line CopyData holds whole before streaming it
// through in pieces.
func (s *Splitter) pieceSize() int { return s.ra.Headroom() }

// skipLines moves over n bytes that end with the last of lines newlines.
func (s *Splitter) skipLines(n, lines int) {
	if n == 0 {
		return
	}
	if lines == 0 {
		s.consume(n)
		return
	}
	s.r += n
	s.pos.offset += int64(n)
	s.pos.line += lines
	s.pos.col, s.pos.charCol = 1, 1
}

// isMarkerLine reports whether a line (without its newline) is the end
// marker `\.`.
func isMarkerLine(line []byte) bool {
	n := len(line)
	return (n == 2 || n == 3 && line[2] == '\r') && line[0] == '\\' && line[1] == '.'
}

// markerLength is the length of the marker line at the start of p, with its
// line ending.
func markerLength(p []byte) int {
	if i := bytes.IndexByte(p, '\n'); i >= 0 {
		return i + 1
	}
	return len(p)
}

// skipRows is the sink for rows nobody reads: it only finds the marker.
type skipRows struct{}

func (skipRows) Lines(p []byte) (n, lines int, marker bool) {
	for n < len(p) {
		line := p[n:]
		nl := bytes.IndexByte(line, '\n')
		if nl >= 0 {
			line = line[:nl]
		}
		if isMarkerLine(line) {
			return n, lines, true
		}
		if nl < 0 {
			return len(p), lines, false
		}
		n += nl + 1
		lines++
	}
	return n, lines, false
}

func (skipRows) Part([]byte) {}

func (s *Splitter) copyEnd(start position, terminated bool) (CopyEnd, error) {
	if s.err != nil {
		return CopyEnd{}, &InputError{File: s.file, Offset: s.pos.offset, Err: s.err}
	}
	return CopyEnd{Span: s.span(start, s.pos), Terminated: terminated}, nil
}

// span is the stretch of the input from start to end.
func (s *Splitter) span(start, end position) Span {
	sp := spanOf(s.file, start, end)
	sp.Entry = s.entry
	return sp
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

// ParseText is the statement prepared for the parser as psql sends it,
// byte for byte so that positions hold: a backslash-quote read with
// standard_conforming_strings off becomes a doubled quote, and bytes the
// parser cannot take (NUL, invalid UTF-8 such as Latin-1 text) become '?'.
// A statement that no semicolon ends (the script's last, or one that a
// meta-command on a later line sends) goes without the newline that ends
// its last line and the empty lines after it, which psql skips: an error
// at the end of input is on its last line that holds something. (Inside a
// quote psql keeps empty lines; that changes the words of the error, not
// its place.)
func (st *Stmt) ParseText() string {
	text := strings.TrimRight(string(st.Text), "\n")
	if len(st.EscapedQuotes) == 0 && utf8.ValidString(text) && strings.IndexByte(text, 0) < 0 {
		return text
	}
	b := []byte(text)
	for _, q := range st.EscapedQuotes {
		b[q] = '\''
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 || r == 0 {
			b[i] = '?'
		}
		i += size
	}
	return string(b)
}

// At is the empty span at byte i of the statement's text.
func (st *Stmt) At(i int) Span {
	pos := position{offset: st.Span.Start, line: st.Span.Line, col: st.Span.Col, charCol: st.Span.CharCol}
	pos.advance(st.Text[:i])
	sp := st.Span
	sp.Start, sp.End = pos.offset, pos.offset
	sp.Line, sp.Col, sp.CharCol = pos.line, pos.col, pos.charCol
	sp.EndLine, sp.EndCol, sp.EndCharCol = pos.line, pos.col, pos.charCol
	return sp
}

// LineAt returns the line of the statement's text that holds offset (an
// offset in the input, within the statement), for showing to people.
func (st *Stmt) LineAt(offset int64) string {
	i := int(offset - st.Span.Start)
	if i < 0 || i > len(st.Text) {
		return FirstLine(st.Text)
	}
	start := bytes.LastIndexByte(st.Text[:i], '\n') + 1
	return FirstLine(st.Text[start:])
}

// FirstLine is the first line of a statement, for showing it to people.
func FirstLine(text []byte) string {
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	text = bytes.TrimRight(text, "\r")
	const max = 200
	if len(text) > max {
		n := max
		for n > 0 && !utf8.RuneStart(text[n]) {
			n--
		}
		return string(text[:n]) + "…"
	}
	return string(text)
}
