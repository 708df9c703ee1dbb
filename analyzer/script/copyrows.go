package script

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
)

// copyFormat is how COPY rows are written.
type copyFormat struct {
	csv    bool
	delim  byte
	null   []byte
	quote  byte
	escape byte
	header bool
}

// KeyStats folds the values of one key field: nothing else of a row is kept.
type KeyStats struct {
	Count    int64 // rows with a value (not NULL)
	Max, Min int64
	// Invalid counts values that are not integers in the int64 range;
	// InvalidWhy says what the first is, never what it holds: a finding
	// shows no row data.
	Invalid    int64
	InvalidWhy string
	// Decimals counts values written with a zero fraction (5.00): fine in
	// a numeric column, rejected by an integer one.
	Decimals int64
}

// Add folds one key.
func (k *KeyStats) Add(v int64) {
	if k.Count == 0 || v > k.Max {
		k.Max = v
	}
	if k.Count == 0 || v < k.Min {
		k.Min = v
	}
	k.Count++
}

// merge folds other into k.
func (k *KeyStats) merge(other KeyStats) {
	if other.Count > 0 {
		if k.Count == 0 || other.Max > k.Max {
			k.Max = other.Max
		}
		if k.Count == 0 || other.Min < k.Min {
			k.Min = other.Min
		}
		k.Count += other.Count
	}
	if k.Invalid == 0 {
		k.InvalidWhy = other.InvalidWhy
	}
	k.Invalid += other.Invalid
	k.Decimals += other.Decimals
}

// RowProblem is the first row the server would reject.
type RowProblem struct {
	Line    int64 // 0-based, counted from the first line of the rows
	Message string
}

// maxKeyField bounds the bytes kept of one key field: no integer is longer.
const maxKeyField = 128

// What is wrong with a key field that is no integer.
const (
	valueTooLong    = "a value too long to be a key"
	valueNotInteger = "a value that is not a 64-bit integer"
)

// CopyFolder reads COPY rows as a stream and folds them into row counts and
// key statistics. It is a CopySink.
type CopyFolder struct {
	format copyFormat
	// slotOf[f] is the stats slot field f feeds, or -1; fields past its end
	// feed none.
	slotOf    []int8
	delimiter []byte
	// digitNull is set when the NULL marker is made of digits: then a key
	// of digits may be NULL.
	digitNull bool
	// Serial keeps the folding on one core.
	Serial bool
	Stats  []KeyStats
	// wantFields is the number of fields every row must have.
	wantFields int
	// plainRows is set when rows can be read from their delimiters alone
	// (plainKeyRows): when there are two fields or more.
	plainRows bool
	// markRows is set where the machine can mark rows (see rowMarks).
	markRows bool

	Rows    int64
	lines   int64
	Problem *RowProblem

	// the row being read when a Write ends inside it
	inRow      bool
	field      int
	escaped    bool // text: the last byte was a backslash escaping the next one
	inQuotes   bool // csv
	csvEscape  bool // csv: the last byte in quotes was the escape character
	sawQuote   bool // csv: the field had quotes, so it is not NULL
	rowLine    int64
	key        []byte
	keyTooLong bool
	skipHeader bool
}

// newCopyFolder reads rows of the given format; keyFields[i] is the 0-based
// field whose values fold into stats[i].
func newCopyFolder(format copyFormat, keyFields []int, wantFields int) *CopyFolder {
	_, digitNull := plainDigits(format.null)
	c := &CopyFolder{
		format:     format,
		delimiter:  []byte{format.delim},
		digitNull:  digitNull,
		Stats:      make([]KeyStats, len(keyFields)),
		wantFields: wantFields,
		skipHeader: format.header,
		key:        make([]byte, 0, maxKeyField+1),
	}
	for slot, f := range keyFields {
		for len(c.slotOf) <= f {
			c.slotOf = append(c.slotOf, -1)
		}
		c.slotOf[f] = int8(slot)
	}
	// The marker line `\.` has no delimiter, so it is never a plain row of
	// two fields or more.
	c.plainRows = !digitNull && plainDelimiter(format.delim) && wantFields > 1 && len(c.slotOf) <= wantFields
	c.markRows = markChunks != nil
	return c
}

// NewCopyFolder reads the rows of COPY statement s; keyFields[i] is the
// 0-based field whose values fold into Stats[i], and every row must have
// wantFields fields.
func NewCopyFolder(s *ast.Copy, keyFields []int, wantFields int) *CopyFolder {
	return newCopyFolder(copyFormatOf(s), keyFields, wantFields)
}

// copyFormatOf is how the rows of COPY statement s are written.
func copyFormatOf(s *ast.Copy) copyFormat {
	f := copyFormat{delim: '\t', null: []byte(`\N`), header: s.Header}
	if s.Format == ast.CopyCSV {
		f = copyFormat{csv: true, delim: ',', null: nil, quote: '"', escape: '"', header: s.Header}
	}
	if s.Delimiter != nil && len(*s.Delimiter) == 1 {
		f.delim = (*s.Delimiter)[0]
	}
	if s.Null != nil {
		f.null = []byte(*s.Null)
	}
	if s.Quote != nil && len(*s.Quote) == 1 {
		f.quote = (*s.Quote)[0]
		if s.Escape == nil {
			f.escape = f.quote
		}
	}
	if s.Escape != nil && len(*s.Escape) == 1 {
		f.escape = (*s.Escape)[0]
	}
	if f.null == nil {
		f.null = []byte{}
	}
	return f
}

// Lines folds whole lines of rows (see CopySink).
func (c *CopyFolder) Lines(p []byte) (n, lines int, marker bool) {
	if c.format.csv {
		return c.csvLines(p)
	}
	if c.inRow {
		// The end of a row that Part began: not the marker.
		nl := bytes.IndexByte(p, '\n')
		if nl < 0 {
			c.textPart(p)
			return len(p), 0, false
		}
		c.textPart(p[:nl]) // endRow drops the CR of a CRLF line end
		c.endRow()
		c.lines++
		n, lines = nl+1, 1
	}
	rest := p[n:]
	var m, l int
	if len(rest) >= parallelMinimum && !c.skipHeader && !c.Serial && runtime.GOMAXPROCS(0) > 1 {
		m, l, marker = c.parallelLines(rest)
	} else {
		m, l, marker = c.textLines(rest)
	}
	return n + m, lines + l, marker
}

// Part reads the start of a row too long to wait for its end.
func (c *CopyFolder) Part(p []byte) {
	if c.format.csv {
		c.writeCSV(p)
		return
	}
	c.textPart(p)
}

// textLines folds whole rows in text format. This is the loop a 100 GB
// dump spends its time in: rows go to plainKeyRows when they can, the
// others are read a row at a time by textRow.
func (c *CopyFolder) textLines(p []byte) (n, lines int, marker bool) {
	for n < len(p) {
		if c.plainRows && !c.skipHeader {
			m, l, marker := c.plainKeyRows(p[n:])
			n += m
			lines += l
			if marker || n == len(p) {
				return n, lines, marker
			}
		}
		line := p[n:]
		nl := bytes.IndexByte(line, '\n')
		if nl >= 0 {
			line = line[:nl]
		}
		if c.textRow(line) {
			return n, lines, true
		}
		if nl < 0 {
			return len(p), lines, false
		}
		c.lines++
		lines++
		n += nl + 1
	}
	return n, lines, false
}

// textRow folds one line of rows in text format, without its newline, or
// reports that it is the marker that ends them. Only the fields up to the
// last key field are walked; a row with a backslash before a delimiter
// (which may escape it) goes through textPart, and a header is skipped.
func (c *CopyFolder) textRow(line []byte) (marker bool) {
	if len(line) <= 3 && isMarkerLine(line) {
		return true
	}
	c.rowLine = c.lines
	switch {
	case c.skipHeader:
		c.skipHeader = false
	case escapesDelimiter(line, c.format.delim):
		c.inRow = true
		c.textPart(line) // endRow drops the CR of a CRLF line end
		c.endRow()
	default:
		c.fastRow(dropCR(line))
	}
	return false
}

// fastRow folds a whole row that no backslash-delimiter pair complicates.
func (c *CopyFolder) fastRow(line []byte) {
	delim := c.format.delim
	start := 0
	for _, slot := range c.slotOf {
		end := len(line)
		if k := bytes.IndexByte(line[start:], delim); k >= 0 {
			end = start + k
		}
		if slot >= 0 {
			raw := line[start:end]
			if v, ok := plainDigits(raw); ok && !c.digitNull {
				c.Stats[slot].Add(v)
			} else {
				c.foldKey(int(slot), raw)
			}
		}
		if end == len(line) {
			break
		}
		start = end + 1
	}
	c.Rows++
	if fields := bytes.Count(line, c.delimiter) + 1; fields != c.wantFields && c.wantFields > 0 {
		c.wrongFieldCount(fields)
	}
}

// plainKeyRows folds the whole rows at the start of p. Rows with the right
// number of fields and no delimiter after a backslash are plain: only the
// fields up to the last key are read. The others go to textRow. It stops at
// the marker or at a last line without its newline, which the caller reads.
func (c *CopyFolder) plainKeyRows(p []byte) (n, lines int, marker bool) {
	short := make([]shortKeys, len(c.Stats))
	for i := range short {
		short[i] = shortKeys{min: ^uint64(0)}
	}
	defer c.foldShort(short)
	if !c.markRows {
		return c.searchedKeyRows(p, short)
	}
	marks := rowMarksPool.Get().(*rowMarks)
	defer rowMarksPool.Put(marks)
	seps := uint64(c.wantFields - 1)
	delim := c.format.delim
	// leading is how many keys the loop below reads itself: the first one
	// or two fields, when they are all the keys (slotOf ends at the last
	// key's field) and a delimiter follows them.
	leading := 0
	if k := len(c.slotOf); k <= 2 && k < c.wantFields && !slices.Contains(c.slotOf, -1) {
		leading = k
	}
	// before is delimsBefore the start of row n, counted from the start of
	// the stretch: below zero (wrapping) when the row began in an earlier
	// stretch.
	var before uint64
	for at := 0; at < len(p); at += markedBytes {
		marks.mark(p[at:min(len(p), at+markedBytes)], delim, at > 0 && p[at-1] == '\\')
		for _, e := range marks.ends[:marks.rows] {
			end := at + int(e)
			after := marks.delimsBefore(int(e))
			plain := after-before == seps
			before = after
			folded := false
			// Most rows: the keys are short, read as keyRow reads a short
			// key in any field (written out for each of the two: a loop
			// over them costs this loop 3-6%). The digits end before the
			// row's newline, so that the delimiter after them is the row's.
			if plain && leading > 0 && n+17 <= len(p) {
				x := binary.LittleEndian.Uint64(p[n:])
				if d := shortKeyLength(x); d > 0 && p[n+d] == delim {
					if leading == 1 {
						short[c.slotOf[0]].add(orderedDigits(x, d))
						folded = true
					} else {
						y := binary.LittleEndian.Uint64(p[n+d+1:])
						if e := shortKeyLength(y); e > 0 && p[n+d+1+e] == delim {
							short[c.slotOf[0]].add(orderedDigits(x, d))
							short[c.slotOf[1]].add(orderedDigits(y, e))
							folded = true
						}
					}
				}
			}
			if folded {
				c.Rows++
			} else if c.keyRow(p, n, end, plain, short) {
				return n, lines, true
			}
			c.lines++
			lines++
			n = end + 1
		}
		before -= marks.weighted
	}
	return n, lines, false
}

// searchedKeyRows is plainKeyRows where the machine cannot mark rows: each
// row's newline and delimiters are searched for.
func (c *CopyFolder) searchedKeyRows(p []byte, short []shortKeys) (n, lines int, marker bool) {
	seps := c.wantFields - 1
	for {
		nl := bytes.IndexByte(p[n:], '\n')
		if nl < 0 {
			return n, lines, false
		}
		row := p[n : n+nl]
		plain := bytes.Count(row, c.delimiter) == seps && !escapesDelimiter(row, c.format.delim)
		if c.keyRow(p, n, n+nl, plain, short) {
			return n, lines, true
		}
		c.lines++
		lines++
		n += nl + 1
	}
}

// keyRow folds row p[start:end]. When fields says its delimiters are
// right, each delimiter ends a field: the fields up to the last key are
// found by searching for the next one, and a key of digits is read where
// it starts; other rows go to textRow. A key of one to eight digits
// without a leading zero folds into short, by slot.
func (c *CopyFolder) keyRow(p []byte, start, end int, fields bool, short []shortKeys) (marker bool) {
	if !fields {
		return c.textRow(p[start:end])
	}
	delim := c.format.delim
	at := start
	for f, slot := range c.slotOf {
		if f == c.wantFields-1 {
			// The last field runs to the end of the row.
			c.foldKey(int(slot), dropCR(p[at:end]))
			break
		}
		if slot < 0 {
			at += bytes.IndexByte(p[at:end], delim) + 1
			continue
		}
		if at+8 <= len(p) {
			x := binary.LittleEndian.Uint64(p[at:])
			if n := shortKeyLength(x); n > 0 && at+n < end && p[at+n] == delim {
				short[slot].add(orderedDigits(x, n))
				at += n + 1
				continue
			}
		}
		v, keyEnd, ok := leadingKey(p, at, end, delim)
		if ok {
			c.Stats[slot].Add(v)
		} else {
			// NULL, a value too long or not an integer, an escape.
			keyEnd = at + bytes.IndexByte(p[at:end], delim)
			c.foldKey(int(slot), p[at:keyEnd])
		}
		at = keyEnd + 1
	}
	c.Rows++
	return false
}

// shortKeys folds keys of one to eight digits, none of them with a leading
// zero, by their orderedDigits: a key of more digits is larger, and of as
// many, larger where its digits first differ. Their values are read once,
// for the largest and the smallest.
type shortKeys struct {
	count    int64
	max, min uint64
}

func (k *shortKeys) add(ordered uint64) {
	k.max = max(k.max, ordered)
	k.min = min(k.min, ordered)
	k.count++
}

// shortKeyLength is the length of the key of one to eight digits without a
// leading zero that x starts with, the first byte the lowest; 0 when it
// starts with none. (With eight, the key may go on past x.)
func shortKeyLength(x uint64) int {
	n := leadingDigitCount(x)
	if n == 0 || n > 1 && byte(x) == '0' {
		return 0
	}
	return n
}

// orderedDigits is the key made of the first n (1 to 8) bytes of x,
// decimal digits, the first byte the lowest: the digits with the first one
// highest, and above them n when it is below 8, so that without leading
// zeros the keys order as their values do. (Eight digits fill the word,
// the first of them, '1' to '9', above every n below 8.)
func orderedDigits(x uint64, n int) uint64 {
	return uint64(n&7)<<56 | bits.ReverseBytes64(x)>>(64-8*n)
}

// orderedValue is the value of the key orderedDigits made.
func orderedValue(ordered uint64) int64 {
	n := min(int(ordered>>56), 8)
	return int64(digitsValue(bits.ReverseBytes64(ordered<<(64-8*n)), n))
}

// foldShort folds the short keys into Stats.
func (c *CopyFolder) foldShort(short []shortKeys) {
	for slot, k := range short {
		if k.count > 0 {
			c.Stats[slot].merge(KeyStats{Count: k.count, Max: orderedValue(k.max), Min: orderedValue(k.min)})
		}
	}
}

// plainDelimiter reports whether rows with this delimiter can be read from
// their marks: not newline, carriage return or backslash (the server
// refuses them in text format, "COPY delimiter cannot be ...", as it does
// letters, digits and '.'), nor NUL, which SQL text cannot spell.
func plainDelimiter(delim byte) bool {
	return delim != '\n' && delim != '\r' && delim != '\\' && delim != 0
}

// escapesDelimiter reports whether a row holds a backslash before a
// delimiter, which may make that delimiter data: such a row is read byte by
// byte.
func escapesDelimiter(line []byte, delim byte) bool {
	for i := bytes.IndexByte(line, '\\'); i >= 0 && i+1 < len(line); {
		if line[i+1] == delim {
			return true
		}
		// A backslash escapes the byte after it, a backslash included.
		j := bytes.IndexByte(line[i+2:], '\\')
		if j < 0 {
			return false
		}
		i += 2 + j
	}
	return false
}

// csvLines folds rows in CSV format, line by line: a quoted field may hold
// newlines, but a line `\.` ends the data all the same, as in psql.
func (c *CopyFolder) csvLines(p []byte) (n, lines int, marker bool) {
	for n < len(p) {
		line := p[n:]
		nl := bytes.IndexByte(line, '\n')
		if nl >= 0 {
			line = line[:nl+1]
		}
		// psql looks for the marker at every line start, inside a quoted
		// field too.
		if isMarkerLine(bytes.TrimSuffix(line, []byte{'\n'})) {
			return n, lines, true
		}
		c.writeCSV(line)
		n += len(line)
		if nl >= 0 {
			lines++
		}
	}
	return n, lines, false
}

// parallelMinimum is the least data worth splitting between cores.
const parallelMinimum = 1 << 20

// parallelLines folds rows on every core: the lines are cut into more
// parts than there are cores (see foldParts).
func (c *CopyFolder) parallelLines(p []byte) (n, lines int, marker bool) {
	parts := splitLines(p, partsPerCore*runtime.GOMAXPROCS(0))
	return c.foldParts(len(parts), func(i int, f *CopyFolder) foldedPart {
		n, lines, marker := f.textLines(parts[i])
		return foldedPart{n, lines, marker}
	})
}

// foldedPart is what folding a part of the rows found: its bytes and
// newlines read, and whether the rows end there (the marker) or can be
// read no further that way.
type foldedPart struct {
	n, lines int
	end      bool
}

// foldParts folds count parts of rows that follow one another, each by a
// fork of the folder on the first core free (so that a core slowed by the
// reader's goroutine holds up no other), and merges the forks in order. A
// part after one that ends the rows is not read.
func (c *CopyFolder) foldParts(count int, fold func(i int, f *CopyFolder) foldedPart) (n, lines int, end bool) {
	forks := make([]*CopyFolder, count)
	results := make([]foldedPart, count)
	var next atomic.Int32
	var endAt atomic.Int32 // the first part known to end the rows
	endAt.Store(int32(count))
	work := func() {
		for {
			i := int(next.Add(1)) - 1
			if i >= count || int32(i) > endAt.Load() {
				return
			}
			f := c
			if i > 0 {
				f = c.fork()
				forks[i] = f
			}
			if results[i] = fold(i, f); results[i].end {
				for at := endAt.Load(); int32(i) < at && !endAt.CompareAndSwap(at, int32(i)); at = endAt.Load() {
				}
			}
		}
	}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), count) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	for i, r := range results {
		if i > 0 {
			c.merge(forks[i])
		}
		n += r.n
		lines += r.lines
		if r.end {
			return n, lines, true
		}
	}
	return n, lines, false
}

// partsPerCore is how many parts parallelLines cuts for each core.
const partsPerCore = 4

// splitLines cuts p, which ends with a newline, into about k parts that
// each end with one.
func splitLines(p []byte, k int) [][]byte {
	parts := make([][]byte, 0, k)
	for i := k; i > 1 && len(p) > 0; i-- {
		cut := len(p) / i
		nl := bytes.IndexByte(p[cut:], '\n')
		if nl < 0 {
			break
		}
		cut += nl + 1
		parts = append(parts, p[:cut])
		p = p[cut:]
	}
	if len(p) > 0 {
		parts = append(parts, p)
	}
	return parts
}

// fork makes a folder for a later part of the same rows.
func (c *CopyFolder) fork() *CopyFolder {
	return &CopyFolder{
		format:     c.format,
		delimiter:  c.delimiter,
		digitNull:  c.digitNull,
		slotOf:     c.slotOf,
		Stats:      make([]KeyStats, len(c.Stats)),
		wantFields: c.wantFields,
		plainRows:  c.plainRows,
		markRows:   c.markRows,
		key:        make([]byte, 0, maxKeyField+1),
	}
}

// merge folds a fork's rows, which come after c's, into c.
func (c *CopyFolder) merge(f *CopyFolder) {
	for i := range c.Stats {
		c.Stats[i].merge(f.Stats[i])
	}
	if c.Problem == nil && f.Problem != nil {
		p := *f.Problem
		p.Line += c.lines
		c.Problem = &p
	}
	c.Rows += f.Rows
	c.lines += f.lines
}

func dropCR(line []byte) []byte {
	if n := len(line); n > 0 && line[n-1] == '\r' {
		return line[:n-1]
	}
	return line
}

// Finish ends a last row that had no newline.
func (c *CopyFolder) Finish() {
	if c.csvEscape {
		// A last escape character: a closing quote, or data.
		if c.format.escape == c.format.quote {
			c.inQuotes = false
		} else if slot := c.keySlot(); slot >= 0 {
			c.keepKey([]byte{c.format.escape})
		}
		c.csvEscape = false
	}
	if c.inRow {
		c.endRow()
	}
}

// keySlot returns the stats slot the current field feeds, or -1.
func (c *CopyFolder) keySlot() int {
	if c.field < len(c.slotOf) {
		return int(c.slotOf[c.field])
	}
	return -1
}

func (c *CopyFolder) keepKey(b []byte) {
	// One byte more than a key may have: the CR of a CRLF line end, which
	// endRow drops before foldKey measures the key.
	if len(c.key)+len(b) > maxKeyField+1 {
		c.keyTooLong = true
		return
	}
	c.key = append(c.key, b...)
}

// textPart reads a piece of one row in text format. A backslash escapes
// the byte after it, the delimiter included (copyfromparse.c).
func (c *CopyFolder) textPart(p []byte) {
	if !c.inRow {
		c.inRow, c.rowLine = true, c.lines
	}
	for len(p) > 0 {
		slot := c.keySlot()
		if c.escaped {
			if slot >= 0 {
				c.keepKey(p[:1])
			}
			p, c.escaped = p[1:], false
			continue
		}
		k := bytes.IndexByte(p, c.format.delim)
		seg := p
		if k >= 0 {
			seg = p[:k]
		}
		odd := trailingBackslashes(seg)%2 == 1
		switch {
		case k < 0:
			if slot >= 0 {
				c.keepKey(seg)
			}
			c.escaped = odd
			return
		case odd:
			// An escaped delimiter is data.
			if slot >= 0 {
				c.keepKey(p[:k+1])
			}
			p = p[k+1:]
		default:
			if slot >= 0 {
				c.keepKey(seg)
			}
			c.endField(slot)
			p = p[k+1:]
		}
	}
}

func trailingBackslashes(b []byte) int {
	n := 0
	for i := len(b) - 1; i >= 0 && b[i] == '\\'; i-- {
		n++
	}
	return n
}

// endField ends the current field, folding it when it is a key.
func (c *CopyFolder) endField(slot int) {
	if slot >= 0 {
		if c.keyTooLong {
			c.Stats[slot].noteInvalid(valueTooLong)
		} else {
			c.foldKey(slot, c.key)
		}
	}
	c.field++
	c.key = c.key[:0]
	c.keyTooLong = false
	c.sawQuote = false
}

// foldKey folds one key field's raw text into its stats.
func (c *CopyFolder) foldKey(slot int, raw []byte) {
	st := &c.Stats[slot]
	if len(raw) > maxKeyField {
		st.noteInvalid(valueTooLong) // as a row read in pieces would be
		return
	}
	if !c.digitNull {
		if v, ok := plainDigits(raw); ok {
			st.Add(v)
			return
		}
	}
	if c.format.csv {
		if !c.sawQuote && bytes.Equal(raw, c.format.null) {
			return
		}
	} else {
		// The server compares the raw text with the NULL marker.
		if bytes.Equal(raw, c.format.null) {
			return
		}
		if bytes.IndexByte(raw, '\\') >= 0 {
			raw = unescapeText(raw)
		}
	}
	v, ok := ParseInt8(raw)
	if !ok {
		if v, ok = parseIntegralDecimal(raw); !ok {
			st.noteInvalid(valueNotInteger)
			return
		}
		st.Decimals++
	}
	st.Add(v)
}

func (k *KeyStats) noteInvalid(why string) {
	if k.Invalid == 0 {
		k.InvalidWhy = why
	}
	k.Invalid++
}

// endRow ends a row: it must have exactly the fields of the column list.
func (c *CopyFolder) endRow() {
	if slot := c.keySlot(); slot >= 0 {
		// The carriage return of a CRLF line that came in pieces.
		c.key = dropCR(c.key)
	}
	c.endField(c.keySlot())
	fields := c.field
	c.field, c.inRow, c.escaped, c.inQuotes, c.csvEscape = 0, false, false, false, false
	if c.skipHeader {
		c.skipHeader = false
		c.resetKeysOfHeader()
		return
	}
	c.countRow(fields)
}

// countRow counts a row; its fields must be those of the column list.
func (c *CopyFolder) countRow(fields int) {
	c.Rows++
	if c.wantFields > 0 && fields != c.wantFields {
		c.wrongFieldCount(fields)
	}
}

// wrongFieldCount notes a row the server rejects for its number of fields,
// in the server's words.
func (c *CopyFolder) wrongFieldCount(fields int) {
	if c.Problem != nil {
		return
	}
	msg := fmt.Sprintf("missing data for a column: row has %d fields, the column list %d", fields, c.wantFields)
	if fields > c.wantFields {
		msg = fmt.Sprintf("extra data after last expected column: row has %d fields, the column list %d", fields, c.wantFields)
	}
	c.Problem = &RowProblem{Line: c.rowLine, Message: msg}
}

// resetKeysOfHeader forgets what the header line put into the key stats.
func (c *CopyFolder) resetKeysOfHeader() {
	for i := range c.Stats {
		c.Stats[i] = KeyStats{}
	}
}

// writeCSV reads rows in CSV format, byte by byte: quoted fields may hold
// delimiters and newlines, and in them escape + quote (by default a doubled
// quote) stands for a quote, escape + escape for one escape
// (CopyReadAttributesCSV).
func (c *CopyFolder) writeCSV(p []byte) {
	f := &c.format
	for i := 0; i < len(p); i++ {
		b := p[i]
		if !c.inRow {
			c.inRow, c.rowLine = true, c.lines
		}
		slot := c.keySlot()
		if c.csvEscape {
			c.csvEscape = false
			// The escape character stands for the quote or escape
			// character after it; before anything else it is data.
			if b == f.quote || b == f.escape && f.escape != f.quote {
				if slot >= 0 {
					c.keepKey(p[i : i+1])
				}
				continue
			}
			if f.escape == f.quote {
				c.inQuotes = false // the quote closed the quoted part
			} else if slot >= 0 {
				c.keepKey([]byte{f.escape})
			}
		}
		if c.inQuotes {
			switch {
			case b == f.escape:
				c.csvEscape = true
			case b == f.quote:
				c.inQuotes = false
			default:
				if b == '\n' {
					c.lines++
				}
				if slot >= 0 {
					c.keepKey(p[i : i+1])
				}
			}
			continue
		}
		switch b {
		case '\n':
			c.endRow()
			c.lines++
		case f.delim:
			c.endField(slot)
		case f.quote:
			c.inQuotes, c.sawQuote = true, true
		default:
			if slot >= 0 {
				c.keepKey(p[i : i+1])
			}
		}
	}
}

// unescapeText decodes the backslash escapes of COPY's text format.
func unescapeText(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 == len(b) {
			out = append(out, b[i])
			continue
		}
		i++
		switch c := b[i]; {
		case c >= '0' && c <= '7':
			v := int(c - '0')
			for n := 1; n < 3 && i+1 < len(b) && b[i+1] >= '0' && b[i+1] <= '7'; n++ {
				i++
				v = v*8 + int(b[i]-'0')
			}
			out = append(out, byte(v))
		case c == 'x' && i+1 < len(b) && isHex(b[i+1]):
			v := 0
			for n := 0; n < 2 && i+1 < len(b) && isHex(b[i+1]); n++ {
				i++
				v = v*16 + hexValue(b[i])
			}
			out = append(out, byte(v))
		case c == 'b':
			out = append(out, '\b')
		case c == 'f':
			out = append(out, '\f')
		case c == 'n':
			out = append(out, '\n')
		case c == 'r':
			out = append(out, '\r')
		case c == 't':
			out = append(out, '\t')
		case c == 'v':
			out = append(out, '\v')
		default:
			out = append(out, c)
		}
	}
	return out
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}

// plainDigits reads the common key: up to 18 decimal digits and nothing
// else, which cannot overflow and is never the NULL marker (\N, or an
// empty string in CSV).
func plainDigits(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var v int64
	for _, c := range b {
		d := c - '0'
		if d > 9 {
			return 0, false
		}
		v = v*10 + int64(d)
	}
	return v, true
}

// parseIntegralDecimal reads a decimal with a zero fraction, such as 5.00:
// in a numeric column it equals the integer.
func parseIntegralDecimal(b []byte) (int64, bool) {
	b = bytes.TrimFunc(b, func(r rune) bool { return r < 0x80 && isSpace(byte(r)) }) // ASCII, as numeric_in
	dot := bytes.IndexByte(b, '.')
	if dot < 0 || dot == len(b)-1 && dot == 0 || dot > 0 && isSpace(b[dot-1]) {
		return 0, false
	}
	for _, c := range b[dot+1:] {
		if c != '0' {
			return 0, false
		}
	}
	return ParseInt8(b[:dot])
}

// ParseInt8 reads an integer the way PostgreSQL's int8in does: optional
// surrounding whitespace, an optional sign, decimal digits.
func ParseInt8(b []byte) (int64, bool) {
	i, n := 0, len(b)
	for i < n && isSpace(b[i]) {
		i++
	}
	for n > i && isSpace(b[n-1]) {
		n--
	}
	neg := false
	if i < n && (b[i] == '+' || b[i] == '-') {
		neg = b[i] == '-'
		i++
	}
	if i == n {
		return 0, false
	}
	// Accumulate as a negative number so that the minimum fits.
	var v int64
	for ; i < n; i++ {
		d := b[i]
		if d < '0' || d > '9' {
			return 0, false
		}
		if v < (math.MinInt64+int64(d-'0'))/10 {
			return 0, false
		}
		v = v*10 - int64(d-'0')
	}
	if !neg {
		if v == math.MinInt64 {
			return 0, false
		}
		v = -v
	}
	return v, true
}
