package pgarchive

import (
	"errors"
	"fmt"
	"io"

	"github.com/pgseqlint/pgseqlint/analyzer/decompress"
)

// Data block types of a custom archive.
const (
	blockData  = 1
	blockBlobs = 3
)

// ReadCustom reads the header and table of contents of a custom archive
// (pg_dump -Fc) from r, which starts at the archive's first byte. When r
// is an io.ReadSeeker positioned at its start, data blocks are found by the
// offsets of the table of contents; otherwise the data is read front to
// back, skipping the blocks not asked for, as pg_restore reads a pipe.
func ReadCustom(r io.Reader) (*Archive, error) {
	seeker, _ := r.(io.ReadSeeker)
	b := newBinReader(r, "")
	a, err := readArchiveTOC(b, Custom, func(b *binReader, e *Entry) error {
		var err error
		e.dataState, e.dataPos, err = b.offset()
		return err
	})
	if err != nil {
		return nil, err
	}
	a.data = &customData{b: b, seeker: seeker, compression: a.Compression, a: a}
	return a, nil
}

// customData reads the data blocks that follow a custom archive's table of
// contents. Each block is a type byte and a dump ID, then chunks (a length
// and that many bytes of the compressed stream), then a zero length.
type customData struct {
	b           *binReader
	seeker      io.ReadSeeker
	compression decompress.Method
	a           *Archive
}

func (c *customData) open(e *Entry) (io.ReadCloser, error) {
	if e.dataState == offsetNoData {
		return nil, nil
	}
	b := c.b
	b.part = e.Label()
	if c.seeker != nil && e.dataState == offsetPosSet && e.dataPos != b.off {
		if _, err := c.seeker.Seek(e.dataPos, io.SeekStart); err != nil {
			return nil, &Error{Entry: e, Offset: e.dataPos, What: "cannot seek to the data", Err: err}
		}
		b.r.Reset(c.seeker)
		b.off = e.dataPos
	}
	for {
		start := b.off
		kind, err := b.r.ReadByte()
		if errors.Is(err, io.EOF) {
			return nil, &Error{Entry: e, Offset: -1,
				What: fmt.Sprintf("data block not found after byte %d (an archive that cannot seek is read in order)", start)}
		}
		if err != nil {
			return nil, dataError("", e, start, err)
		}
		b.off++
		id, err := b.int()
		if err != nil {
			return nil, err
		}
		if kind != blockData && kind != blockBlobs {
			return nil, &Error{Entry: e, Offset: start, What: fmt.Sprintf("unknown data block type %d", kind)}
		}
		if int(id) == e.DumpID {
			if kind == blockBlobs {
				// Large objects hold no keys; their contents are not read.
				return nil, skipBlobs(b)
			}
			return c.decompress(e, start)
		}
		if kind == blockBlobs {
			err = skipBlobs(b)
		} else {
			err = (&chunkReader{b: b}).skip()
		}
		if err != nil {
			return nil, err
		}
	}
}

func (c *customData) decompress(e *Entry, start int64) (io.ReadCloser, error) {
	chunks := &chunkReader{b: c.b}
	dec, err := decompress.NewReader(c.compression, chunks, c.a.MaxBytes)
	if err != nil {
		return nil, dataError("", e, c.b.off, err)
	}
	return &entryData{dec: dec, where: func() int64 { return c.b.off }, entry: e, rest: chunks.skip}, nil
}

// skipBlobs steps over a BLOBS block: for each large object its OID and its
// chunks, then a zero OID.
func skipBlobs(b *binReader) error {
	for {
		oid, err := b.int()
		if err != nil || oid == 0 {
			return err
		}
		if err := (&chunkReader{b: b}).skip(); err != nil {
			return err
		}
	}
}

// chunkReader reads the chunks of a data block as one stream.
type chunkReader struct {
	b    *binReader
	left int64 // bytes left in the current chunk
	done bool
}

func (c *chunkReader) Read(p []byte) (int, error) {
	for c.left == 0 {
		if c.done {
			return 0, io.EOF
		}
		n, err := c.b.int()
		if err != nil {
			return 0, err
		}
		if n < 0 {
			return 0, c.b.fail(fmt.Sprintf("chunk length %d out of range", n), nil)
		}
		c.left, c.done = n, n == 0
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.b.r.Read(p)
	c.b.off += int64(n)
	c.left -= int64(n)
	if errors.Is(err, io.EOF) && c.left > 0 {
		return n, c.b.readErr(io.ErrUnexpectedEOF)
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return n, c.b.readErr(err)
	}
	return n, nil
}

// skip steps over the rest of the block without reading it into memory.
func (c *chunkReader) skip() error {
	for !c.done {
		if c.left > 0 {
			if err := c.b.discard(c.left); err != nil {
				return err
			}
			c.left = 0
		}
		n, err := c.b.int()
		if err != nil {
			return err
		}
		if n < 0 {
			return c.b.fail(fmt.Sprintf("chunk length %d out of range", n), nil)
		}
		c.left, c.done = n, n == 0
	}
	return nil
}

// entryData is an entry's data as the caller reads it: decompressed, with
// errors that name the entry and the place.
type entryData struct {
	dec    io.ReadCloser
	member string
	entry  *Entry
	where  func() int64
	// rest steps over what the decompressor left unread, so that the next
	// block starts where it should.
	rest func() error
	err  error
}

func (d *entryData) Read(p []byte) (int, error) {
	if d.err != nil {
		return 0, d.err
	}
	n, err := d.dec.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		d.err = dataError(d.member, d.entry, d.where(), err)
		return n, d.err
	}
	return n, err
}

func (d *entryData) Close() error {
	d.dec.Close()
	if d.rest != nil && d.err == nil {
		if err := d.rest(); err != nil {
			return dataError(d.member, d.entry, d.where(), err)
		}
	}
	return nil
}
