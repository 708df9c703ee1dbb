package source

import (
	"bytes"
	"io"
	"testing"
	"time"
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

// TestReadAheadRestartsMidRead: restarts while a chunk is being read lose
// no chunk, however many there are: the splitter gets chunks to the end.
func TestReadAheadRestartsMidRead(t *testing.T) {
	input := bytes.Repeat([]byte("0123456789"), 1<<16)
	from := func(at int64) io.Reader {
		return slowReader{io.NewSectionReader(bytes.NewReader(input), at, int64(len(input))-at)}
	}
	ra := NewReadAhead(from(0), 4096, 16)
	defer ra.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		// As the splitter does: a chunk is released once the next is in
		// hand, and the one in hand at a restart.
		for i := range 50 {
			held := ra.Next()
			next := ra.Next()
			ra.Release(held)
			at := int64(i) * 1000
			ra.Restart(from(at), at)
			ra.Release(next)
		}
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("no chunk came after restarts that interrupted reads")
	}
}

// slowReader takes a millisecond to read, as a disk may.
type slowReader struct{ r io.Reader }

func (s slowReader) Read(p []byte) (int, error) {
	time.Sleep(time.Millisecond)
	return s.r.Read(p)
}
