package script

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// markBytes is the definition of the marks, a byte at a time.
func markBytes(p []byte, delim byte, afterBackslash0 bool) (ends []int, delims, afterBackslash []uint64) {
	words := (len(p) + 63) / 64
	delims, afterBackslash = make([]uint64, words), make([]uint64, words)
	for i, b := range p {
		bit := uint64(1) << (i % 64)
		switch b {
		case '\n':
			ends = append(ends, i)
		case delim:
			delims[i/64] |= bit
			if i > 0 && p[i-1] == '\\' || i == 0 && afterBackslash0 {
				afterBackslash[i/64] |= bit
			}
		}
	}
	return ends, delims, afterBackslash
}

// TestRowMarks holds the marks to markBytes at every length around the
// chunk and stretch sizes, with rows short enough for a word to end more
// than four.
func TestRowMarks(t *testing.T) {
	if markChunks == nil {
		t.Skip("this machine does not mark rows: they are searched")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("\n\n\t\\,|a1\x00\xff")
	var lengths []int
	for n := 0; n <= 200; n++ {
		lengths = append(lengths, n)
	}
	lengths = append(lengths, markedBytes-65, markedBytes-64, markedBytes-1, markedBytes)
	for _, n := range lengths {
		// Text COPY refuses a backslash, letter or digit as its delimiter.
		for _, delim := range []byte{'\t', ',', '|'} {
			p := make([]byte, n)
			for i := range p {
				p[i] = alphabet[rng.IntN(len(alphabet))]
			}
			afterBackslash := rng.IntN(2) == 0
			var m rowMarks
			m.mark(p, delim, afterBackslash)
			ends, delims, escaped := markBytes(p, delim, afterBackslash)
			if m.words != len(delims) || m.rows != len(ends) {
				t.Fatalf("%d bytes: %d words and %d ends, want %d and %d", n, m.words, m.rows, len(delims), len(ends))
			}
			for k, end := range ends {
				if int(m.ends[k]) != end {
					t.Fatalf("%d bytes: end %d at %d, want %d", n, k, m.ends[k], end)
				}
			}
			for w := range delims {
				if m.delims[w] != delims[w] || m.afterBackslash[w] != escaped[w] {
					t.Fatalf("%d bytes, delimiter %q, word %d: marks %x %x, want %x %x", n, delim, w,
						m.delims[w], m.afterBackslash[w], delims[w], escaped[w])
				}
			}
			checkCounts(t, &m, p, delim, afterBackslash)
		}
	}
}

// checkCounts holds delimsBefore and the stretch's weight to a count of
// the bytes.
func checkCounts(t *testing.T, m *rowMarks, p []byte, delim byte, afterBackslash bool) {
	t.Helper()
	var delims, escaped uint64
	for i := 0; i <= len(p); i++ {
		want := delims + escaped<<32
		if i == len(p) {
			if m.weighted != want {
				t.Fatalf("%d bytes: weighted %#x, want %#x", len(p), m.weighted, want)
			}
			break
		}
		if got := m.delimsBefore(i); got != want {
			t.Fatalf("%d bytes: delimsBefore(%d) = %#x, want %#x", len(p), i, got, want)
		}
		if p[i] == delim {
			delims++
			if i > 0 && p[i-1] == '\\' || i == 0 && afterBackslash {
				escaped++
			}
		}
	}
}

// TestLeadingKey holds leadingKey to plainDigits of the bytes up to the
// first delimiter, for keys of every length at every place in a row, with
// bytes either side of the digits that are digits too or near them, near
// the end of the input and far from it.
func TestLeadingKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	near := []byte("/0123456789:\x00\xff\xb0\xb9 \\N-+.\t")
	for trial := 0; trial < 300000; trial++ {
		p := make([]byte, 8+rng.IntN(40))
		for i := range p {
			p[i] = near[rng.IntN(len(near))]
		}
		n := rng.IntN(min(21, len(p)))
		start := rng.IntN(len(p) - n)
		for i := start; i < start+n; i++ {
			if rng.IntN(15) > 0 { // mostly digits, sometimes not
				p[i] = '0' + byte(rng.IntN(10))
			}
		}
		if rng.IntN(4) > 0 {
			p[start+n] = '\t'
		}
		end := start + rng.IntN(len(p)-start) + 1
		p[end-1] = '\n'
		end--
		v, delim, ok := leadingKey(p, start, end, '\t')
		wantDelim := bytes.IndexByte(p[start:end], '\t')
		var wantV int64
		wantOK := wantDelim >= 0
		if wantOK {
			wantDelim += start
			wantV, wantOK = plainDigits(p[start:wantDelim])
		}
		if ok != wantOK || ok && (v != wantV || delim != wantDelim) {
			t.Fatalf("leadingKey(%q, %d, %d) = %d, %d, %v, want %d, %d, %v", p, start, end, v, delim, ok, wantV, wantDelim, wantOK)
		}
	}
}
