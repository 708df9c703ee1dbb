package source

import (
	"bytes"
	"io"
	"testing"
)

// TestReadAheadRestart: after a restart the chunks come from the new
// source, none read ahead from the old one, and Offset counts on from
// where the new source starts.
func TestReadAheadRestart(t *testing.T) {
	input := bytes.Repeat([]byte("0123456789"), 10000)
	ra := NewReadAhead(bytes.NewReader(input), 1000, 16)
	defer ra.Close()
	first := ra.Next()
	if got := ra.Offset(); got != int64(first.N) {
		t.Fatalf("offset %d after a chunk of %d bytes", got, first.N)
	}
	const at = 54321
	ra.Restart(io.NewSectionReader(bytes.NewReader(input), at, int64(len(input)-at)), at)
	var rest []byte
	for c := ra.Next(); c != nil; c = ra.Next() {
		rest = append(rest, c.Buf[ra.Headroom():ra.Headroom()+c.N]...)
		ra.Release(c)
	}
	if !bytes.Equal(rest, input[at:]) {
		t.Fatalf("read %d bytes after the restart, want the %d from %d", len(rest), len(input)-at, at)
	}
	if got := ra.Offset(); got != int64(len(input)) {
		t.Fatalf("offset %d at the end, want %d", got, len(input))
	}
}
