package source

import (
	"io"
	"os"
	"sync/atomic"
)

// Progress counts the bytes of input read so far, as stored (before any
// decompression), for a progress bar; it may be read while Check runs.
type Progress struct {
	read atomic.Int64
}

// Read returns the bytes read so far.
func (p *Progress) Read() int64 { return p.read.Load() }

// Add counts n more bytes read.
func (p *Progress) Add(n int64) { p.read.Add(n) }

// countingReader adds what it reads to a Progress.
type countingReader struct {
	r io.Reader
	p *Progress
}

func (c countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.p.Add(int64(n))
	return n, err
}

// fileProgress adds to a Progress how far into a file its reads reach,
// however they read it: in order, and by offset from several cores, again
// over bytes read before. Read is called by one goroutine at a time.
type fileProgress struct {
	f       *os.File
	p       *Progress
	pos     int64 // where Read goes on
	reached atomic.Int64
}

func (c *fileProgress) Read(b []byte) (int, error) {
	n, err := c.f.Read(b)
	c.pos += int64(n)
	c.reach(c.pos)
	return n, err
}

func (c *fileProgress) ReadAt(b []byte, off int64) (int, error) {
	n, err := c.f.ReadAt(b, off)
	if n > 0 {
		// (A read past the end reaches nothing.)
		c.reach(off + int64(n))
	}
	return n, err
}

func (c *fileProgress) reach(end int64) {
	for {
		r := c.reached.Load()
		if end <= r {
			return
		}
		if c.reached.CompareAndSwap(r, end) {
			c.p.Add(end - r)
			return
		}
	}
}
