package script

import (
	"bytes"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// A dump written with --inserts, --column-inserts or --rows-per-insert
// holds a table's rows as one INSERT after another, each starting with the
// same text. After the fast path has read the first of them, an InsertRun
// folds those that follow as the COPY folder folds rows: it reads each
// statement once, keeps the largest and smallest key of each column that
// matters and which statement gave it, and builds nothing per statement.
// It takes only what it can prove to run exactly as the statement alone
// would: every value a literal in the form pg_dump writes it, every key an
// integer its column holds, no NULL where the column forbids one. At the
// first statement that is anything else it stops, before that statement,
// which the splitter then reads as usual.

// RunValue says what the catalog needs of one value of a row.
type RunValue struct {
	// Slot is the key column the value goes into, or -1 when it is no key.
	Slot int
	// NotNull is set when the column forbids NULL: such a row fails its
	// statement, which the run leaves to the splitter.
	NotNull bool
	// Lo and Hi are the range of a key column's type: a key outside fails
	// its statement too.
	Lo, Hi int64
}

// RunKeys is what the statements of a run put into one key column.
type RunKeys struct {
	KeyStats
	// Nulls is set when a row gave the column NULL.
	Nulls bool
	// MaxAt and MinAt are the first statements that gave the largest and
	// the smallest key; LastAt the last one that gave any key.
	MaxAt, MinAt, LastAt RunStatement
}

// RunStatement is one statement of a run: its place in the run and in the
// input.
type RunStatement struct {
	Index int // 0 for the first statement the run folded
	Span  Span
	// FirstLine is its first line, for inputs that cannot be read again.
	FirstLine string
	pending   pendingStatement
}

// InsertRun folds the statements of one run.
type InsertRun struct {
	prefix []byte
	values []RunValue
	// Keys holds what went into each key column, by slot.
	Keys []RunKeys
	// Statements and Rows count what the run folded.
	Statements int
	Rows       int64
	// Last is the last statement folded.
	Last RunStatement

	// Per statement: the keys of its rows, committed when it ends.
	stmtKeys []KeyStats
	stmtNull []bool
	// maxLen is the splitter's MaxStmtBytes: a longer statement is left to
	// the splitter, which says it is too long.
	maxLen int
	// file and entry name the input, for spans.
	file, entry string
	// splitAbove is the least window split between two cores, and
	// linePrefix what a line where the second core starts begins with.
	splitAbove int
	linePrefix []byte
	// stop, for the run that reads a window's second half, is set when
	// the first half ends before it: what it reads is not wanted.
	stop *atomic.Bool
}

// pendingStatement is a statement of the window being read that holds a
// role (the largest, smallest or last key of a column, or the last
// statement): its span is made once the window is read, if it holds the
// role still.
type pendingStatement struct {
	index      int
	start, end int // in the window
	at         position
	set        bool
}

// NewInsertRun folds statements that start with prefix (all of their text
// up to the opening parenthesis of the first row, which it includes) and
// whose rows hold values as described.
func NewInsertRun(prefix []byte, values []RunValue, slots int) *InsertRun {
	return &InsertRun{
		prefix:     bytes.Clone(prefix),
		linePrefix: append([]byte{'\n'}, prefix...),
		values:     values,
		Keys:       make([]RunKeys, slots),
		stmtKeys:   make([]KeyStats, slots),
		stmtNull:   make([]bool, slots),
		splitAbove: parallelMinimum,
	}
}

// fork is a run that reads what follows the statements r reads, on
// another core, to be merged into r.
func (r *InsertRun) fork() *InsertRun {
	f := NewInsertRun(r.prefix, r.values, len(r.Keys))
	f.file, f.entry, f.maxLen = r.file, r.entry, r.maxLen
	return f
}

// merge adds what f read to r: f's statements follow r's, and its spans,
// counted from offset 0 and line 0, start at offset and on line lines of
// the input.
func (r *InsertRun) merge(f *InsertRun, offset int64, lines int) {
	shift := func(st RunStatement) RunStatement {
		st.Index += r.Statements
		st.Span.Start += offset
		st.Span.End += offset
		st.Span.Line += lines
		st.Span.EndLine += lines
		return st
	}
	for slot := range r.Keys {
		k, fk := &r.Keys[slot], &f.Keys[slot]
		k.Nulls = k.Nulls || fk.Nulls
		if fk.Count == 0 {
			continue
		}
		// A tie goes to the earlier statement, as in commit.
		if k.Count == 0 || fk.Max > k.Max {
			k.Max, k.MaxAt = fk.Max, shift(fk.MaxAt)
		}
		if k.Count == 0 || fk.Min < k.Min {
			k.Min, k.MinAt = fk.Min, shift(fk.MinAt)
		}
		k.Count += fk.Count
		k.LastAt = shift(fk.LastAt)
	}
	if f.Statements > 0 {
		r.Last = shift(f.Last)
	}
	r.Statements += f.Statements
	r.Rows += f.Rows
}

// readStatus is what reading a statement came to.
type readStatus uint8

const (
	readDone  readStatus = iota // a whole statement the run takes
	readOther                   // not one the run takes
	readShort                   // the window ends inside it
)

// fold reads whole statements from the start of data, the window at
// position at, and returns how many bytes and newlines they hold, and
// whether it stopped only because the window ended inside a statement. A
// large window is read on two cores: the second half from a line that
// starts as the statements do, a guess that holds when the first half's
// statements end right there. Only a run that has gone on past a window
// splits (one that ends early looks for no cut), and when the first half
// ends short of the cut the second stops too: a window costs no more than
// a constant times what the run read of it.
func (r *InsertRun) fold(data []byte, at position, eof bool) (n, lines int, short bool) {
	if r.Statements == 0 || len(data) < r.splitAbove || runtime.GOMAXPROCS(0) < 2 {
		return r.foldFrom(data, at, eof)
	}
	cut := bytes.Index(data[len(data)/2:], r.linePrefix)
	if cut < 0 {
		return r.foldFrom(data, at, eof)
	}
	cut += len(data)/2 + 1
	second := r.fork()
	var stop atomic.Bool
	second.stop = &stop
	var secondN, secondLines int
	var secondShort bool
	var wg sync.WaitGroup
	wg.Go(func() {
		secondN, secondLines, secondShort = second.foldFrom(data[cut:], position{col: 1, charCol: 1}, eof)
	})
	n, lines, short = r.foldFrom(data[:cut], at, false)
	if n != cut {
		stop.Store(true)
	}
	wg.Wait()
	switch {
	case n == cut:
		r.merge(second, at.offset+int64(cut), at.line+lines)
		return cut + secondN, lines + secondLines, secondShort
	case short:
		// A statement runs over the cut (the line guessed was inside it):
		// one core reads on from that statement.
		pos := position{offset: at.offset + int64(n), line: at.line + lines, col: 1, charCol: 1}
		m, l, s := r.foldFrom(data[n:], pos, eof)
		return n + m, lines + l, s
	}
	return n, lines, false // the run ends in the first half
}

// foldFrom is fold on one core.
func (r *InsertRun) foldFrom(data []byte, at position, eof bool) (n, lines int, short bool) {
	pos := at
	for n < len(data) && (r.stop == nil || !r.stop.Load()) {
		end, status := r.statement(data[n:])
		if status == readShort && !eof {
			short = true
		}
		if status != readDone {
			break
		}
		// The statement's span ends at its semicolon, before the newline.
		nl := bytes.Count(data[n:n+end-1], []byte{'\n'})
		r.commit(n, n+end-1, pos)
		pos.line += nl + 1
		pos.offset += int64(end)
		lines += nl + 1
		n += end
	}
	r.finishWindow(data)
	return n, lines, short
}

// statement reads one statement at the start of data: prefix, rows, and
// ");" with its newline. It returns the statement's length with the
// newline.
func (r *InsertRun) statement(data []byte) (int, readStatus) {
	if len(data) < len(r.prefix) {
		if bytes.HasPrefix(r.prefix, data) {
			return 0, readShort
		}
		return 0, readOther
	}
	if !bytes.Equal(data[:len(r.prefix)], r.prefix) {
		return 0, readOther
	}
	for i := range r.stmtKeys {
		r.stmtKeys[i], r.stmtNull[i] = KeyStats{}, false
	}
	i := len(r.prefix)
	rows := int64(0)
	for {
		end, status := r.row(data, i)
		if status != readDone {
			return 0, status
		}
		rows++
		i = end
		// pg_dump ends a statement with ");\n" and goes on to the next
		// row of --rows-per-insert with "),\n\t(".
		switch {
		case hasAt(data, i, ");\n"):
			i += len(");\n")
			if r.maxLen > 0 && i-1 > r.maxLen {
				return 0, readOther // too long: the splitter says so
			}
			r.Rows += rows
			return i, readDone
		case hasAt(data, i, "),\n\t("):
			i += len("),\n\t(")
		case len(data)-i < len("),\n\t("):
			return 0, readShort
		default:
			return 0, readOther
		}
	}
}

func hasAt(data []byte, i int, s string) bool {
	return len(data)-i >= len(s) && string(data[i:i+len(s)]) == s
}

// row reads the values of a row, from just after its opening parenthesis
// to its closing one, which it returns the offset of.
func (r *InsertRun) row(data []byte, i int) (int, readStatus) {
	for v, want := range r.values {
		if v > 0 {
			if i == len(data) {
				return 0, readShort
			}
			if data[i] != ',' {
				return 0, readOther
			}
			i++
			if i < len(data) && data[i] == ' ' {
				i++
			}
		}
		if i == len(data) {
			return 0, readShort
		}
		var status readStatus
		if want.Slot >= 0 {
			i, status = r.key(data, i, want)
		} else {
			i, status = literalEnd(data, i, want.NotNull)
		}
		if status != readDone {
			return 0, status
		}
	}
	if i == len(data) {
		return 0, readShort
	}
	if data[i] != ')' {
		return 0, readOther
	}
	return i, readDone
}

// key reads a key: an integer of at most 18 digits, or NULL.
func (r *InsertRun) key(data []byte, i int, want RunValue) (int, readStatus) {
	if len(data)-i < len("NULL") && strings.HasPrefix("NULL", string(data[i:])) {
		return 0, readShort
	}
	if hasAt(data, i, "NULL") {
		if want.NotNull {
			return 0, readOther
		}
		r.stmtNull[want.Slot] = true
		return literalFollows(data, i+len("NULL"))
	}
	negative := data[i] == '-'
	if negative {
		i++
	}
	start := i
	var v int64
	for ; i < len(data) && isDigit(data[i]); i++ {
		v = v*10 + int64(data[i]-'0')
	}
	if i == len(data) {
		return 0, readShort
	}
	if digits := i - start; digits == 0 || digits > 18 {
		return 0, readOther
	}
	if negative {
		v = -v
	}
	if v < want.Lo || v > want.Hi {
		return 0, readOther // out of range: the statement fails
	}
	r.stmtKeys[want.Slot].Add(v)
	return literalFollows(data, i)
}

// literalEnd steps over a value that is no key: a string without
// escapes, a decimal number, NULL, true or false.
func literalEnd(data []byte, i int, notNull bool) (int, readStatus) {
	switch c := data[i]; {
	case c == '\'':
		for i++; ; i++ {
			end := bytes.IndexByte(data[i:], '\'')
			if end < 0 {
				return 0, readShort
			}
			i += end + 1
			if i == len(data) {
				return 0, readShort
			}
			if data[i] != '\'' {
				return literalFollows(data, i)
			}
		}
	case c == '-' || isDigit(c):
		return numberEnd(data, i)
	case hasAt(data, i, "NULL"):
		if notNull {
			return 0, readOther
		}
		return literalFollows(data, i+len("NULL"))
	case hasAt(data, i, "true"):
		return literalFollows(data, i+len("true"))
	case hasAt(data, i, "false"):
		return literalFollows(data, i+len("false"))
	}
	if len(data)-i < len("false") {
		return 0, readShort
	}
	return 0, readOther
}

// numberEnd steps over -?digits[.digits][e[+-]digits], as pg_dump writes
// numbers.
func numberEnd(data []byte, i int) (int, readStatus) {
	if data[i] == '-' {
		i++
	}
	digits := func() int {
		start := i
		for i < len(data) && isDigit(data[i]) {
			i++
		}
		return i - start
	}
	if digits() == 0 {
		return 0, shortOr(data, i)
	}
	// The window may end inside the fraction or the exponent.
	if i < len(data) && data[i] == '.' {
		i++
		if digits() == 0 {
			return 0, shortOr(data, i)
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if digits() == 0 {
			return 0, shortOr(data, i)
		}
	}
	return literalFollows(data, i)
}

// shortOr is readShort at the end of the window, readOther before it.
func shortOr(data []byte, i int) readStatus {
	if i == len(data) {
		return readShort
	}
	return readOther
}

// literalFollows checks what ends a value: the comma before the next or
// the parenthesis that ends the row. Anything else (a cast, a string that
// goes on, a word) is left to the parser.
func literalFollows(data []byte, i int) (int, readStatus) {
	switch {
	case i == len(data):
		return 0, readShort
	case data[i] == ',' || data[i] == ')':
		return i, readDone
	}
	return 0, readOther
}

// commit adds the statement just read, data[start:end] of the window, to
// the run.
func (r *InsertRun) commit(start, end int, at position) {
	here := pendingStatement{index: r.Statements, start: start, end: end, at: at, set: true}
	r.Statements++
	for slot := range r.Keys {
		k, s := &r.Keys[slot], r.stmtKeys[slot]
		k.Nulls = k.Nulls || r.stmtNull[slot]
		if s.Count == 0 {
			continue
		}
		if k.Count == 0 || s.Max > k.Max {
			k.Max, k.MaxAt.pending = s.Max, here
		}
		if k.Count == 0 || s.Min < k.Min {
			k.Min, k.MinAt.pending = s.Min, here
		}
		k.Count += s.Count
		k.LastAt.pending = here
	}
	r.Last.pending = here
}

// finishWindow makes the spans of the statements of the window that hold
// a role once it is read: a handful, where every statement may have held
// one for a while.
func (r *InsertRun) finishWindow(data []byte) {
	var made RunStatement
	madeAny := false
	finish := func(role *RunStatement) {
		p := role.pending
		if !p.set {
			return
		}
		if !madeAny || made.Index != p.index {
			text := data[p.start:p.end]
			end := p.at
			end.advance(text)
			made = RunStatement{Index: p.index, Span: r.span(p.at, end), FirstLine: FirstLine(text)}
			madeAny = true
		}
		*role = made
	}
	for i := range r.Keys {
		k := &r.Keys[i]
		finish(&k.MaxAt)
		finish(&k.MinAt)
		finish(&k.LastAt)
	}
	finish(&r.Last)
}

func (r *InsertRun) span(start, end position) Span {
	sp := spanOf(r.file, start, end)
	sp.Entry = r.entry
	return sp
}

// Continues reports whether the next line starts with prefix, as far as
// the window holds it: whether a run may go on from the statement just
// handed out.
func (s *Splitter) Continues(prefix []byte) bool {
	next := s.buf[s.r:s.w]
	if len(next) == 0 || next[0] != '\n' {
		return false
	}
	next = next[1:]
	n := min(len(next), len(prefix))
	return n > 0 && bytes.Equal(next[:n], prefix[:n])
}

// FoldInserts hands the statements that follow the one just handed out
// to run, as long as it takes them: that statement must end its line (see
// Continues), and the run starts on the next. A statement that a window
// ends inside and that is longer than the room kept for it before the
// next window is left to Next.
func (s *Splitter) FoldInserts(run *InsertRun) {
	run.file, run.entry, run.maxLen = s.file, s.entry, s.MaxStmtBytes
	if s.r == s.w || s.buf[s.r] != '\n' {
		return
	}
	s.consume(1)
	for {
		n, lines, short := run.fold(s.buf[s.r:s.w], s.pos, s.eof)
		s.skipLines(n, lines)
		if !short || s.w-s.r > s.pieceSize() || !s.fill() {
			return
		}
	}
}
