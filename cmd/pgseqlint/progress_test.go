package main

import (
	"bytes"
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	b := &progressBar{total: 1 << 30}
	if got, want := b.line(256<<20, time.Second), "pgseqlint: 256 MB of 1.0 GB (25%), 256 MB/s, 3s left"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	stdin := &progressBar{}
	if got, want := stdin.line(3<<30, 2*time.Second), "pgseqlint: 3.0 GB read, 1.5 GB/s"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestProgressChoice: never on a pipe unless asked for, never when told not to.
func TestProgressChoice(t *testing.T) {
	io := streams{err: &bytes.Buffer{}}
	if b := (&inputOptions{}).progressBar([]string{"-"}, io); b != nil {
		t.Error("a progress bar on a stream that is not a terminal")
	}
	if b := (&inputOptions{progress: true}).progressBar([]string{"-"}, io); b == nil {
		t.Error("--progress shows no bar")
	}
	if b := (&inputOptions{noProgress: true}).progressBar([]string{"-"}, io); b != nil {
		t.Error("--no-progress shows a bar")
	}
}
