package decompress

import (
	"encoding/binary"
	"io"
)

// xzGuard passes an xz stream to the decoder and reads its structure on
// the way (the .xz file format 1.2: stream header, blocks, index, footer,
// streams one after another). The decoder allocates the dictionary that a
// block's header asks for, up to 4 GiB, before any data says whether it is
// needed; the guard refuses a block that asks for more than maxWindow
// first. It looks only at headers: the compressed data of each LZMA2 chunk
// passes by its size, and damage is left to the decoder to find.
type xzGuard struct {
	r io.Reader
	// off counts the bytes passed; blockStart and indexStart are where the
	// block or the index being read began, for their padding.
	off, blockStart, indexStart int64
	state                       xzState
	// buf gathers the want bytes the state reads whole; skip counts bytes
	// to pass without looking.
	buf        []byte
	want       int
	skip       int64
	checkSize  int64
	varints    int64 // index: varints left to read
	acc        uint64
	shift      uint
	chunkProps bool
	err        error
}

type xzState uint8

const (
	xzStreamHeader xzState = iota
	xzBlockStart           // a block header's size byte, or the index indicator
	xzBlockHeader
	xzChunk     // an LZMA2 control byte
	xzChunkSize // the sizes that follow it
	xzIndexCount
	xzIndexRecord
	xzStreamFooter
	xzStreamPadding
	xzDone // something the guard does not know: left to the decoder
)

func newXzGuard(r io.Reader) *xzGuard {
	return &xzGuard{r: r, state: xzStreamHeader, want: 12}
}

func (g *xzGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	if ierr := g.inspect(p[:n]); ierr != nil {
		g.err = ierr
		return 0, ierr
	}
	return n, err
}

// inspect follows the structure over the bytes p, which come next.
func (g *xzGuard) inspect(p []byte) error {
	for len(p) > 0 && g.state != xzDone {
		if g.skip > 0 {
			k := int(min(g.skip, int64(len(p))))
			g.skip -= int64(k)
			g.off += int64(k)
			p = p[k:]
			continue
		}
		k := min(g.want-len(g.buf), len(p))
		g.buf = append(g.buf, p[:k]...)
		g.off += int64(k)
		p = p[k:]
		if len(g.buf) < g.want {
			return nil
		}
		if err := g.step(); err != nil {
			return err
		}
	}
	return nil
}

// gather makes the next state read n bytes whole.
func (g *xzGuard) gather(s xzState, n int) {
	g.state, g.want, g.buf = s, n, g.buf[:0]
}

// step reads what the state gathered and moves to the next.
func (g *xzGuard) step() error {
	b := g.buf
	switch g.state {
	case xzStreamHeader:
		// Magic (6 bytes), flags (2), CRC32 (4): the second flag byte
		// names the check, whose size follows from it.
		t := b[7] & 0x0f
		g.checkSize = 0
		if t > 0 {
			g.checkSize = 4 << ((t - 1) / 3)
		}
		g.gather(xzBlockStart, 1)
	case xzBlockStart:
		if b[0] == 0 {
			g.indexStart = g.off - 1
			g.gather(xzIndexCount, 1)
			return nil
		}
		g.blockStart = g.off - 1
		g.gather(xzBlockHeader, int(b[0])*4+3) // (size+1)*4, less the size byte
	case xzBlockHeader:
		if err := g.blockHeader(b); err != nil {
			return err
		}
		g.gather(xzChunk, 1)
	case xzChunk:
		c := b[0]
		switch {
		case c == 0:
			// The end of the block: padding to a multiple of four, then
			// the check.
			pad := (4 - (g.off-g.blockStart)%4) % 4
			g.skip = pad + g.checkSize
			g.gather(xzBlockStart, 1)
		case c == 1 || c == 2:
			g.chunkProps = false
			g.gather(xzChunkSize, 2)
		case c >= 0x80:
			g.chunkProps = c >= 0xc0
			g.gather(xzChunkSize, 4)
		default:
			g.state = xzDone // invalid: the decoder says so
		}
	case xzChunkSize:
		if len(b) == 2 { // uncompressed: its size
			g.skip = int64(binary.BigEndian.Uint16(b)) + 1
		} else { // LZMA: unpacked size, then packed size, then maybe properties
			g.skip = int64(binary.BigEndian.Uint16(b[2:])) + 1
			if g.chunkProps {
				g.skip++
			}
		}
		g.gather(xzChunk, 1)
	case xzIndexCount, xzIndexRecord:
		// Varints, a byte at a time: the record count, then two per record.
		if g.shift < 63 {
			g.acc |= uint64(b[0]&0x7f) << g.shift
		}
		g.shift += 7
		if b[0]&0x80 != 0 {
			g.gather(g.state, 1)
			return nil
		}
		if g.state == xzIndexCount {
			g.varints = 2 * int64(min(g.acc, 1<<40))
		} else {
			g.varints--
		}
		g.acc, g.shift = 0, 0
		if g.varints > 0 {
			g.gather(xzIndexRecord, 1)
			return nil
		}
		pad := (4 - (g.off-g.indexStart)%4) % 4
		g.skip = pad + 4 // padding, CRC32
		g.gather(xzStreamFooter, 12)
	case xzStreamFooter:
		g.gather(xzStreamPadding, 1)
	case xzStreamPadding:
		if b[0] == 0 {
			g.skip = 3 // padding comes in fours
			g.gather(xzStreamPadding, 1)
			return nil
		}
		// The first byte of the next stream's header.
		g.gather(xzStreamHeader, 12)
		g.buf = append(g.buf, b[0])
	}
	return nil
}

// blockHeader reads a block header (less its size byte): the flags, the
// optional sizes, and each filter's ID and properties. The LZMA2 filter's
// one property byte encodes the dictionary size.
func (g *xzGuard) blockHeader(b []byte) error {
	flags := b[0]
	i := 1
	varint := func() uint64 {
		var v uint64
		for shift := 0; i < len(b) && shift < 63; shift += 7 {
			c := b[i]
			i++
			v |= uint64(c&0x7f) << shift
			if c&0x80 == 0 {
				break
			}
		}
		return v
	}
	if flags&0x40 != 0 {
		varint() // compressed size
	}
	if flags&0x80 != 0 {
		varint() // uncompressed size
	}
	for range int(flags&0x03) + 1 {
		id, size := varint(), varint()
		if id == 0x21 && size == 1 && i < len(b) {
			if dict := xzDictSize(b[i]); dict > maxWindow {
				return &WindowError{Method: Xz, Size: dict}
			}
		}
		i += int(min(size, uint64(len(b))))
	}
	return nil
}

// xzDictSize decodes LZMA2's dictionary size byte: 2 or 3 times a power of
// two, from 4 KiB to 4 GiB - 1.
func xzDictSize(c byte) int64 {
	if c >= 40 {
		return 1<<32 - 1
	}
	return int64(2|c&1) << (c/2 + 11)
}
