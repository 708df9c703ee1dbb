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

// maxWindow refuses zstd frames that ask for a larger window than `zstd
// --long` writes (128 MiB), and xz blocks that ask for a larger dictionary,
// so that a damaged or hostile header cannot make the reader allocate
// gigabytes.
const maxWindow = 128 << 20

// Past ratioFloor bytes of output, data that comes out more than maxRatio
// times the size it went in is a bomb, not a dump: gzip cannot reach that
// ratio, and real dumps stay far below it whatever the format (SQL text
// compresses 5 to 20 times; runs of one byte much more).
const (
	maxRatio   = 1000
	ratioFloor = 64 << 20
)

// WindowError is compressed data whose header asks for a window (a zstd
// frame) or a dictionary (an xz block) larger than maxWindow: it is not
// decompressed.
type WindowError struct {
	Method Method
	Size   int64
}

func (e *WindowError) Error() string {
	return fmt.Sprintf("%s data asks for a window of %d bytes, more than %d (xz -9 and zstd --long use 64 and 128 MiB): not read", e.Method, e.Size, maxWindow)
}

// LimitError is decompressed data that grows past a limit: the run stops
// rather than decompress it.
type LimitError struct {
	Method Method
	// Out and In are the bytes that had come out, and gone in, when it
	// stopped.
	Out, In int64
	// Limit is the most one input may produce (--max-input-bytes); 0 when
	// the ratio was passed.
	Limit int64
}

func (e *LimitError) Error() string {
	if e.Limit > 0 {
		return fmt.Sprintf("%s data expands past %d bytes (--max-input-bytes): stopped", e.Method, e.Limit)
	}
	return fmt.Sprintf("%s data expands more than %d times: %d bytes from %d, stopped", e.Method, maxRatio, e.Out, e.In)
}

// NewReader decompresses r, producing at most limit bytes (0: no limit
// but the ratio). Errors from the returned reader are *Error values that
// say where in r the data went wrong, or a *LimitError.
func NewReader(m Method, r io.Reader, limit int64) (io.ReadCloser, error) {
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
		z, err = zstd.NewReader(cr, zstd.WithDecoderMaxWindow(maxWindow), zstd.WithDecoderConcurrency(1))
		dec, end = z, func() { z.Close() }
	case LZ4:
		dec = lz4.NewReader(cr)
	case Bzip2:
		dec = bzip2.NewReader(cr)
	case Xz:
		dec, err = xz.NewReader(newXzGuard(cr))
	default:
		return nil, fmt.Errorf("unknown compression method %d", m)
	}
	if err != nil {
		if cr.err != nil {
			return nil, cr.err // the input failed, not the data
		}
		var we *WindowError
		if errors.As(err, &we) {
			return nil, we
		}
		return nil, &Error{Method: m, Offset: cr.n, Err: err}
	}
	return &reader{method: m, in: cr, dec: dec, end: end, limit: limit}, nil
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
	// out counts the bytes produced, against limit and the ratio.
	out, limit int64
}

func (r *reader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	n, err := r.dec.Read(p)
	r.out += int64(n)
	switch {
	case r.limit > 0 && r.out > r.limit:
		r.err = &LimitError{Method: r.method, Out: r.out, In: r.in.n, Limit: r.limit}
		return 0, r.err
	case r.out > ratioFloor && r.out > maxRatio*r.in.n:
		r.err = &LimitError{Method: r.method, Out: r.out, In: r.in.n}
		return 0, r.err
	}
	if err != nil && err != io.EOF {
		var already *Error
		var we *WindowError
		if errors.As(err, &we) {
			err = we
		} else if !errors.As(err, &already) {
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
