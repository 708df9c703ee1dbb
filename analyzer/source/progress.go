package source

import (
	"io"
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

// countingReaderAt adds what it reads to a Progress.
type countingReaderAt struct {
	r io.ReaderAt
	p *Progress
}

func (c countingReaderAt) ReadAt(b []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(b, off)
	c.p.Add(int64(n))
	return n, err
}
