// Package decompress recognizes compressed input by its first bytes and
// reads it as a stream: a plain dump piped through gzip, zstd, lz4, bzip2 or
// xz, and the compressed data blocks of pg_dump archives.
package decompress

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"
	"github.com/klauspost/compress/zstd"
	"github.com/pierrec/lz4/v4"
	"github.com/ulikunitz/xz"
)

// Method is a compression format.
type Method int

const (
	None Method = iota
	Gzip
	// Zlib is deflate with zlib's two-byte header: what pg_dump's gzip
	// compression writes inside a custom-format archive.
	Zlib
	Zstd
	LZ4
	Bzip2
	Xz
)

func (m Method) String() string {
	switch m {
	case Gzip:
		return "gzip"
	case Zlib:
		return "zlib"
	case Zstd:
		return "zstd"
	case LZ4:
		return "lz4"
	case Bzip2:
		return "bzip2"
	case Xz:
		return "xz"
	}
	return "none"
}

// MagicLen is how many leading bytes Detect needs to see.
const MagicLen = 6

// Detect names the compression of a stream from its first bytes (at least
// MagicLen of them when the stream is that long): None when they are not
// the magic number of a format this package reads.
func Detect(head []byte) Method {
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return Gzip
	case bytes.HasPrefix(head, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		return Zstd
	case bytes.HasPrefix(head, []byte{0x04, 0x22, 0x4d, 0x18}):
		return LZ4
	case len(head) >= 4 && bytes.HasPrefix(head, []byte("BZh")) && head[3] >= '1' && head[3] <= '9':
		return Bzip2
	case bytes.HasPrefix(head, []byte{0xfd, '7', 'z', 'X', 'Z', 0x00}):
		return Xz
	}
	return None
}

// maxZstdWindow refuses zstd frames that ask for a larger window than
// `zstd --long` writes (128 MiB), so that a damaged header cannot make the
// reader allocate gigabytes.
const maxZstdWindow = 128 << 20

// NewReader decompresses r. Errors from the returned reader are *Error
// values that say where in r the data went wrong.
func NewReader(m Method, r io.Reader) (io.ReadCloser, error) {
	cr := &countingReader{r: bufio.NewReader(r)}
	var (
		dec io.Reader
		end func()
		err error
	)
	switch m {
	case None:
		return io.NopCloser(r), nil
	case Gzip:
		var z *gzip.Reader
		z, err = gzip.NewReader(cr)
		dec, end = z, func() { z.Close() }
	case Zlib:
		var z io.ReadCloser
		z, err = zlib.NewReader(cr)
		dec, end = z, func() { z.Close() }
	case Zstd:
		var z *zstd.Decoder
		z, err = zstd.NewReader(cr, zstd.WithDecoderMaxWindow(maxZstdWindow), zstd.WithDecoderConcurrency(1))
		dec, end = z, func() { z.Close() }
	case LZ4:
		dec = lz4.NewReader(cr)
	case Bzip2:
		dec = bzip2.NewReader(cr)
	case Xz:
		dec, err = xz.NewReader(cr)
	default:
		return nil, fmt.Errorf("unknown compression method %d", m)
	}
	if err != nil {
		if cr.err != nil {
			return nil, cr.err // the input failed, not the data
		}
		return nil, &Error{Method: m, Offset: cr.n, Err: err}
	}
	return &reader{method: m, in: cr, dec: dec, end: end}, nil
}

// Error is compressed data that cannot be read: damaged or cut short.
type Error struct {
	Method Method
	// Offset is how far into the compressed data the decoder had read.
	Offset int64
	Err    error
}

func (e *Error) Error() string {
	if errors.Is(e.Err, io.ErrUnexpectedEOF) {
		return fmt.Sprintf("%s data ends early, at byte %d", e.Method, e.Offset)
	}
	return fmt.Sprintf("corrupt %s data near byte %d: %v", e.Method, e.Offset, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

type reader struct {
	method Method
	in     *countingReader
	dec    io.Reader
	end    func()
	err    error
}

func (r *reader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	n, err := r.dec.Read(p)
	if err != nil && err != io.EOF {
		var already *Error
		if !errors.As(err, &already) {
			if r.in.err != nil {
				// The compressed input itself failed: say so as it is.
				err = r.in.err
			} else {
				err = &Error{Method: r.method, Offset: r.in.n, Err: err}
			}
		}
		r.err = err
	}
	return n, err
}

func (r *reader) Close() error {
	if r.end != nil {
		r.end()
	}
	return nil
}

// countingReader counts the compressed bytes the decoder took, for errors,
// and remembers a failure of the input itself. It reads byte by byte too,
// so that deflate takes only what it uses and the count is exact.
type countingReader struct {
	r   *bufio.Reader
	n   int64
	err error
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.note(err)
	return n, err
}

func (c *countingReader) ReadByte() (byte, error) {
	b, err := c.r.ReadByte()
	if err == nil {
		c.n++
	}
	c.note(err)
	return b, err
}

func (c *countingReader) note(err error) {
	if err != nil && err != io.EOF {
		c.err = err
	}
}
