package source

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestFileProgressCountsHowFar: the progress of a plain file is how far
// into it the reads have reached, in order or by offset, however often
// the same bytes are read.
func TestFileProgressCountsHowFar(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.sql")
	content := bytes.Repeat([]byte("SELECT 1;\n"), 100000)
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	var progress Progress
	st, err := Open(Input{Name: path, Open: func() (io.ReadCloser, error) { return os.Open(path) }}, &progress, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.At == nil {
		t.Fatal("a plain file is not read by offset")
	}
	if _, err := io.ReadFull(st.SQL, make([]byte, 300000)); err != nil {
		t.Fatal(err)
	}
	// The buffered reader reads up to 64 KiB ahead.
	if got := progress.Read(); got < 300000 || got > 300000+64<<10 {
		t.Fatalf("%d bytes counted after reading 300000 in order", got)
	}
	buf := make([]byte, 200000)
	for _, off := range []int64{0, 800000, 100000, 500000} {
		if _, err := st.At.ReadAt(buf, off); err != nil {
			t.Fatal(err)
		}
	}
	// Past the end: nothing read, nothing reached.
	if n, _ := st.At.ReadAt(buf, int64(len(content))+1000); n != 0 {
		t.Fatalf("read %d bytes past the end", n)
	}
	if got := progress.Read(); got != int64(len(content)) {
		t.Fatalf("%d bytes counted once reads reached the end of %d", got, len(content))
	}
}
