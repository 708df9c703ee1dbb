package script

import (
	"math/rand/v2"
	"testing"
)

// TestDeltaOf holds deltaOf's word-at-a-time paths to a byte-by-byte
// count: a newline or a multi-byte character at every offset, with every
// alignment.
func TestDeltaOf(t *testing.T) {
	reference := func(b []byte) delta {
		d := delta{bytes: int64(len(b))}
		for _, c := range b {
			switch {
			case c == '\n':
				d.lines++
				d.col, d.chars = 0, 0
			case c&0xC0 == 0x80: // a continuation byte
				d.col++
			default:
				d.col++
				d.chars++
			}
		}
		return d
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab ;'\n\xc3\xa9\x80\xff")
	for n := 0; n < 40; n++ {
		for range 200 {
			b := make([]byte, n)
			for i := range b {
				b[i] = 'x'
				if rng.IntN(6) == 0 {
					b[i] = alphabet[rng.IntN(len(alphabet))]
				}
			}
			if got, want := deltaOf(b), reference(b); got != want {
				t.Fatalf("deltaOf(%q) = %+v, want %+v", b, got, want)
			}
		}
	}
}
