package script

import "bytes"

// A dump written with pg_dump --inserts is a long run of INSERT statements,
// one or a few lines each. Two cores read such a run: while the splitter
// goes on through the first half of its window, a second goroutine reads
// the statements of the second half from a guessed start, a line that
// begins with INSERT INTO, as the splitter would hand them out if the
// guess holds. The splitter confirms the guess in order, when it gets
// there: a line start inside a string literal is no statement start, and
// then the other half's reading is dropped and the splitter reads it as
// usual. (Parallel CSV readers split their input the same way.)

// InsertRun reads, from a copy of the splitter's window, the INSERT
// statements that follow a guessed statement start.
type InsertRun struct {
	file, entry string
	text        []byte // the window from the guessed start on
	i           int    // how much of text the statements read cover
	pos         position
	start       position // of the guessed start
	escapes     bool
	eof         bool
	maxStmt     int
	stmt        Stmt
}

// RunBytes is how much of the window a run reads, and how much the
// splitter reads meanwhile: what the run builds waits in memory until the
// splitter gets there.
const RunBytes = 512 << 10

// SpeculateInserts guesses a statement start about RunBytes ahead, a line
// beginning with INSERT INTO, and returns a run that reads up to RunBytes
// from there, on a copy of the window (the window moves on while the run
// is read). It returns nil when the splitter is not between statements or
// the window ahead is too short.
func (s *Splitter) SpeculateInserts(buf []byte) *InsertRun {
	if !s.betweenStatements() || s.w-s.r < RunBytes || s.ReadInsert == nil {
		return nil
	}
	ahead := s.buf[s.r:s.w]
	half := min(len(ahead)/2, RunBytes)
	i := bytes.Index(ahead[half:min(len(ahead), 2*RunBytes)], []byte("\nINSERT INTO "))
	if i < 0 {
		return nil
	}
	from := half + i + 1
	to := min(len(ahead), from+RunBytes)
	run := &InsertRun{
		file: s.file, entry: s.entry,
		text: append(buf[:0], ahead[from:to]...),
		// The copy ends with the input only if the window does.
		escapes: !s.standardStrings, eof: s.eof && to == len(ahead), maxStmt: s.MaxStmtBytes,
	}
	run.start = s.pos.plus(deltaOfLines(ahead[:from]))
	run.pos = run.start
	return run
}

// Buffer is the copy of the window the run read, for reuse.
func (r *InsertRun) Buffer() []byte { return r.text }

// betweenStatements reports whether the splitter stands after a statement
// with nothing of the next one read: no COPY rows, no rest of a line, no
// token or comment.
func (s *Splitter) betweenStatements() bool {
	lx := &s.lex
	return !s.copyPending && s.deferred == nil && lx.tokStart < 0 && lx.state == stNormal &&
		lx.scanned == 0 && len(lx.comments) == 0 && !lx.oversized
}

// deltaOfLines is deltaOf for a long stretch of many lines: newlines are
// counted a word at a time.
func deltaOfLines(b []byte) delta {
	after := bytes.LastIndexByte(b, '\n') + 1
	return delta{bytes: int64(len(b)), lines: bytes.Count(b, []byte{'\n'}), col: len(b) - after, chars: charCount(b[after:])}
}

// Next reads the next statement of the run with read (the splitter's
// ReadInsert): only whitespace may come before it, and read must take it.
// It returns false at anything else, where the run ends.
func (r *InsertRun) Next(read func(text []byte, escapes, eof bool) (int, bool)) (*Stmt, bool) {
	j := r.i
	for j < len(r.text) && isSpace(r.text[j]) {
		j++
	}
	if j == len(r.text) || r.text[j] != 'i' && r.text[j] != 'I' {
		return nil, false
	}
	// As the splitter does, at most MaxStmtBytes: a longer statement is
	// the lexer's to cut.
	text, eof := r.text[j:], r.eof
	if r.maxStmt > 0 && len(text) > r.maxStmt {
		text, eof = text[:r.maxStmt], false
	}
	n, ok := read(text, r.escapes, eof)
	if !ok {
		return nil, false
	}
	start := r.pos
	start.advance(r.text[r.i:j])
	end := start
	end.advance(text[:n])
	r.stmt = Stmt{Kind: KindSQL, Text: text[:n], Read: true, Escapes: r.escapes, Size: int64(n)}
	r.stmt.Span = spanOf(r.file, start, end)
	r.stmt.Span.Entry = r.entry
	r.i, r.pos = j+n, end
	return &r.stmt, true
}

// Reaches reports whether the splitter, between statements, has only
// whitespace left before the run's start: the next statement it would
// read is the run's first.
func (s *Splitter) Reaches(r *InsertRun) bool {
	gap := r.start.offset - s.pos.offset
	if gap < 0 || gap > int64(s.w-s.r) || !s.betweenStatements() {
		return false
	}
	for _, c := range s.buf[s.r : s.r+int(gap)] {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

// Passed reports whether the splitter has read past the run's start: the
// guess was no statement start.
func (s *Splitter) Passed(r *InsertRun) bool { return s.pos.offset > r.start.offset }

// Confirm steps over the statements the run read, once the splitter
// Reaches it: they are the statements it would have read, standing where
// it would have read them. It reports false, and reads nothing, when the
// session changed in between (standard_conforming_strings).
func (s *Splitter) Confirm(r *InsertRun) bool {
	if !s.Reaches(r) || s.standardStrings == r.escapes {
		return false
	}
	s.consume(int(r.start.offset - s.pos.offset))
	if s.pos != r.start || r.i > s.w-s.r {
		return false
	}
	s.r += r.i
	s.pos = r.pos
	return true
}
