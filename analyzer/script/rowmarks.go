package script

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"sync"
)

// markedBytes is the longest stretch of COPY rows marked at once: its marks
// stay in the first-level cache with the rows.
const markedBytes = 16 << 10

const markWords = markedBytes / 64

// rowMarks say where, in a stretch of COPY text rows, the bytes are that
// give the rows their shape. markChunks makes them, a word for each 64
// bytes: bit i%64 of word i/64 stands for byte i.
type rowMarks struct {
	// ends lists where the newlines are, one a row, in order. Four are
	// written for every word, whether or not it has them, so that rows of
	// any length take the same path: the entries past the last are written
	// to and never read. (A word starts at 64*w, after at most 64*w ends,
	// so the four fit.)
	ends [markedBytes]uint16
	rows int
	// delims marks the delimiters; afterBackslash, those right after a
	// backslash, which may escape them (copyfromparse.c): a row with one
	// goes to textRow. A doubled backslash before a delimiter is marked
	// too.
	delims         [markWords]uint64
	afterBackslash [markWords]uint64
	words          int // words in use
	// weightedBefore[w] is delimsBefore(64*w); weighted is that of the
	// stretch so far.
	weightedBefore [markWords]uint64
	weighted       uint64
}

// rowMarksPool keeps the marks between windows of rows, one a core.
var rowMarksPool = sync.Pool{New: func() any { return new(rowMarks) }}

// mark marks a stretch of at most markedBytes bytes; afterBackslash says
// the byte before it is a backslash.
func (m *rowMarks) mark(p []byte, delim byte, afterBackslash bool) {
	if len(p) > markedBytes {
		panic("rowMarks.mark: a stretch longer than markedBytes")
	}
	m.rows, m.words, m.weighted = 0, 0, 0
	full := len(p) &^ 63
	markChunks(m, p[:full], delim, afterBackslash)
	if full < len(p) {
		// The bytes past the end read as NUL, which is not a delimiter
		// (see plainDelimiter).
		var last [64]byte
		copy(last[:], p[full:])
		if full > 0 {
			afterBackslash = p[full-1] == '\\'
		}
		markChunks(m, last[:], delim, afterBackslash)
	}
}

// markChunks marks whole 64-byte chunks of p, a word of marks each, after
// the words m has; afterBackslash says the byte before p is a backslash. It
// is set where the machine has vector compares to do it with; elsewhere
// rows are searched instead.
var markChunks func(m *rowMarks, p []byte, delim byte, afterBackslash bool)

// weigh counts the delimiters of a word, and those after a backslash again,
// 1<<32 times each.
func weigh(delims, afterBackslash uint64) uint64 {
	return uint64(bits.OnesCount64(delims)) + uint64(bits.OnesCount64(afterBackslash))<<32
}

// delimsBefore counts the delimiters before byte i of the stretch, and
// those of them that follow a backslash again, 1<<32 times each: for a row,
// the difference at its two ends equals its number of delimiters only when
// it has no delimiter after a backslash. (A row read from its marks is
// shorter than the splitter's window, a longer line reaching the folder in
// parts: it has far fewer than 1<<32 delimiters.)
func (m *rowMarks) delimsBefore(i int) uint64 {
	w := i >> 6
	below := uint64(1)<<(i&63) - 1
	return m.weightedBefore[w] + weigh(m.delims[w]&below, m.afterBackslash[w]&below)
}

// leadingKey reads the key at the start of the field at p[start:], up to
// 18 digits (so that they fit an int64) and then a delimiter before the
// row's end, and returns its value and where the delimiter is. p[end] is
// the row's newline, which no read of digits goes past.
func leadingKey(p []byte, start, end int, delim byte) (v int64, at int, ok bool) {
	if start+8 <= len(p) {
		x := binary.LittleEndian.Uint64(p[start:])
		if n := leadingDigitCount(x); n < 8 {
			at = start + n
			return int64(digitsValue(x, n)), at, n > 0 && at < end && p[at] == delim
		}
	}
	return longKey(p, start, end, delim)
}

// longKey is leadingKey for a key of eight digits or more, or near the end
// of the input.
func longKey(p []byte, start, end int, delim byte) (v int64, at int, ok bool) {
	if start+16 <= len(p) {
		x := binary.LittleEndian.Uint64(p[start:])
		y := binary.LittleEndian.Uint64(p[start+8:])
		if n := leadingDigitCount(y); n < 8 {
			at = start + 8 + n
			return int64(digitsValue(x, 8)*powersOf10[n] + digitsValue(y, n)), at, at < end && p[at] == delim
		}
	}
	k := bytes.IndexByte(p[start:end], delim)
	if k < 0 {
		return 0, 0, false
	}
	v, ok = plainDigits(p[start : start+k])
	return v, start + k, ok
}

var powersOf10 = [9]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8}

// leadingDigitCount counts the decimal digits that the eight bytes of x
// start with, the first byte the lowest.
func leadingDigitCount(x uint64) int {
	const low7, high = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	// Top bit of each byte: the byte is at least '0', at least ':', ASCII.
	atLeast0 := x&low7 + 0x5050505050505050
	pastDigits := x&low7 + 0x4646464646464646
	digits := atLeast0 &^ pastDigits &^ x & high
	return bits.TrailingZeros64(^digits&high) / 8
}

// digitsValue reads the first n (0 to 8) bytes of x, decimal digits, the
// first byte the lowest.
func digitsValue(x uint64, n int) uint64 {
	// The digits to the top, zeros before them: leading zeros.
	x = x << (64 - 8*n) & 0x0F0F0F0F0F0F0F0F
	// Pairs of digits, then fours, then all eight.
	x = x * (10<<8 + 1) >> 8 & 0x00FF00FF00FF00FF
	x = x * (100<<16 + 1) >> 16 & 0x0000FFFF0000FFFF
	return x * (10000<<32 + 1) >> 32
}
