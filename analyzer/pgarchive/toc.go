package pgarchive

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer/decompress"
)

// Magic starts the header of every archive (and a custom archive's file).
const Magic = "PGDMP"

// maxString caps one string of the table of contents (a definition): a
// larger length field is damage, not a function body.
const maxString = 1 << 30

// binReader reads the archive's integers and strings, counting the bytes
// it has consumed so that errors say where.
type binReader struct {
	r       *bufio.Reader
	off     int64
	intSize int
	offSize int
	// part names what is being read, for errors: "header", "table of
	// contents", or an entry's label through the Error's Entry.
	part   string
	member string
	// size is the length of the archive when it is a file, else 0: no
	// string is longer than what is left of it.
	size int64
}

func newBinReader(r io.Reader, member string) *binReader {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	b := &binReader{r: br, member: member, part: "header"}
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			b.size = info.Size()
		}
	}
	return b
}

// fail reports damage at the current position.
func (b *binReader) fail(what string, err error) error {
	return &Error{Member: b.member, Offset: b.off, What: b.part + ": " + what, Err: err}
}

func (b *binReader) readErr(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return b.fail(errTruncated.Error(), nil)
	}
	return b.fail("cannot read", err)
}

func (b *binReader) byte() (byte, error) {
	c, err := b.r.ReadByte()
	if err != nil {
		return 0, b.readErr(err)
	}
	b.off++
	return c, nil
}

// full reads exactly len(p) bytes.
func (b *binReader) full(p []byte) error {
	n, err := io.ReadFull(b.r, p)
	b.off += int64(n)
	if err != nil {
		return b.readErr(err)
	}
	return nil
}

// discard skips n bytes.
func (b *binReader) discard(n int64) error {
	for n > 0 {
		step := n
		if step > 1<<30 {
			step = 1 << 30
		}
		got, err := b.r.Discard(int(step))
		b.off += int64(got)
		if err != nil {
			return b.readErr(err)
		}
		n -= int64(got)
	}
	return nil
}

// int reads WriteInt's form: a sign byte, then intSize bytes, least
// significant first.
func (b *binReader) int() (int64, error) {
	sign, err := b.byte()
	if err != nil {
		return 0, err
	}
	var v uint64
	for i := 0; i < b.intSize; i++ {
		c, err := b.byte()
		if err != nil {
			return 0, err
		}
		v |= uint64(c) << (8 * i)
	}
	if v > 1<<62 {
		return 0, b.fail("integer out of range", nil)
	}
	if sign != 0 {
		return -int64(v), nil
	}
	return int64(v), nil
}

// str reads WriteStr's form: a length, then the bytes; a negative length is
// NULL. The bytes are read as they come: a damaged length does not size a
// buffer.
func (b *binReader) str() (s string, null bool, err error) {
	start := b.off
	n, err := b.int()
	if err != nil {
		return "", false, err
	}
	if n < 0 {
		return "", true, nil
	}
	if n > maxString || b.size > 0 && n > b.size-b.off {
		b.off = start
		return "", false, b.fail(fmt.Sprintf("string length %d out of range", n), nil)
	}
	// Read into the string it becomes, never copied: a file's size bounds
	// it, so it is sized at once; a stream's grows as the bytes come.
	var sb strings.Builder
	if b.size > 0 {
		sb.Grow(int(n))
	}
	got, err := io.CopyN(&sb, b.r, n)
	b.off += got
	if err != nil {
		return "", false, b.readErr(err)
	}
	return sb.String(), false, nil
}

func (b *binReader) string() (string, error) {
	s, _, err := b.str()
	return s, err
}

// offset reads WriteOffset's form: a state byte, then offSize bytes.
func (b *binReader) offset() (state byte, pos int64, err error) {
	state, err = b.byte()
	if err != nil {
		return 0, 0, err
	}
	if state != offsetPosNotSet && state != offsetPosSet && state != offsetNoData {
		b.off--
		return 0, 0, b.fail(fmt.Sprintf("unexpected data offset flag %d", state), nil)
	}
	var v uint64
	for i := 0; i < b.offSize; i++ {
		c, err := b.byte()
		if err != nil {
			return 0, 0, err
		}
		v |= uint64(c) << (8 * i)
	}
	if v > 1<<62 {
		return 0, 0, b.fail("file offset out of range", nil)
	}
	return state, int64(v), nil
}

// readHeader reads the header (ReadHead) and checks that it belongs to an
// archive of the expected format.
func readHeader(b *binReader, want Format) (Header, error) {
	var h Header
	magic := make([]byte, len(Magic))
	if err := b.full(magic); err != nil {
		return h, err
	}
	if string(magic) != Magic {
		return h, &Error{Member: b.member, Offset: 0, What: "not a pg_dump archive: no PGDMP magic"}
	}
	var v [3]byte
	if err := b.full(v[:]); err != nil {
		return h, err
	}
	h.Version = Version{v[0], v[1], v[2]}
	if h.Version.Major != 1 || h.Version.Minor < oldestMinor || h.Version.Minor > newestMinor {
		return h, &Error{Member: b.member, Offset: -1,
			What: fmt.Sprintf("unsupported archive version %d.%d (pg_dump 10 to 18 write 1.%d to 1.%d)", v[0], v[1], oldestMinor, newestMinor)}
	}
	sizes := make([]byte, 3)
	if err := b.full(sizes); err != nil {
		return h, err
	}
	h.IntSize, h.OffSize, h.Format = int(sizes[0]), int(sizes[1]), Format(sizes[2])
	// pg_dump writes sizeof(int) and sizeof(off_t): 4 and 8. Values read
	// here are at most 62 bits wide.
	if h.IntSize < 1 || h.IntSize > 8 {
		return h, &Error{Member: b.member, Offset: 8, What: fmt.Sprintf("header: unsupported integer size %d", h.IntSize)}
	}
	if h.OffSize < 1 || h.OffSize > 8 {
		return h, &Error{Member: b.member, Offset: 9, What: fmt.Sprintf("header: unsupported offset size %d", h.OffSize)}
	}
	if h.Format != want {
		return h, &Error{Member: b.member, Offset: 10, What: fmt.Sprintf("header: %s archive where a %s archive was expected", h.Format, want)}
	}
	b.intSize, b.offSize = h.IntSize, h.OffSize
	if h.Version.atLeast(15) {
		// 1.15 (PostgreSQL 16) names the algorithm.
		alg, err := b.byte()
		if err != nil {
			return h, err
		}
		switch alg {
		case 0:
			h.Compression = decompress.None
		case 1:
			h.Compression = decompress.Zlib
		case 2:
			h.Compression = decompress.LZ4
		case 3:
			h.Compression = decompress.Zstd
		default:
			b.off--
			return h, b.fail(fmt.Sprintf("unknown compression algorithm %d", alg), nil)
		}
	} else {
		// Before, a zlib level: 0 is none, -1 the default level.
		level, err := b.int()
		if err != nil {
			return h, err
		}
		if level != 0 {
			h.Compression = decompress.Zlib
		}
	}
	for i := 0; i < 7; i++ { // creation time: sec, min, hour, mday, mon, year, isdst
		if _, err := b.int(); err != nil {
			return h, err
		}
	}
	var err error
	if h.Database, err = b.string(); err != nil {
		return h, err
	}
	if h.ServerVersion, err = b.string(); err != nil {
		return h, err
	}
	if h.DumpVersion, err = b.string(); err != nil {
		return h, err
	}
	return h, nil
}

// readTOC reads the table of contents (ReadToc); extra reads what the
// format adds to each entry.
func readTOC(b *binReader, h Header, extra func(*Entry) error) ([]*Entry, error) {
	b.part = "table of contents"
	count, err := b.int()
	if err != nil {
		return nil, err
	}
	if count < 0 {
		return nil, b.fail(fmt.Sprintf("entry count %d out of range", count), nil)
	}
	// The count is not trusted to size the slice: entries are appended as
	// they are read.
	var entries []*Entry
	for i := int64(0); i < count; i++ {
		b.part = fmt.Sprintf("table of contents, entry %d of %d", i+1, count)
		e, err := readEntry(b, h)
		if err != nil {
			return nil, err
		}
		if err := extra(e); err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
	b.part = "data"
	return entries, nil
}

func readEntry(b *binReader, h Header) (*Entry, error) {
	e := &Entry{}
	start := b.off
	id, err := b.int()
	if err != nil {
		return nil, err
	}
	if id <= 0 || id > 1<<31 {
		b.off = start
		return nil, b.fail(fmt.Sprintf("entry ID %d out of range", id), nil)
	}
	e.DumpID = int(id)
	dumper, err := b.int()
	if err != nil {
		return nil, err
	}
	e.HadDumper = dumper != 0
	// The catalog OIDs, as strings: table OID, then object OID.
	for i := 0; i < 2; i++ {
		if _, err := b.string(); err != nil {
			return nil, err
		}
	}
	if e.Tag, err = b.string(); err != nil {
		return nil, err
	}
	if e.Desc, err = b.string(); err != nil {
		return nil, err
	}
	section, err := b.int()
	if err != nil {
		return nil, err
	}
	e.Section = Section(section)
	fields := []*string{&e.Defn, &e.DropStmt, &e.CopyStmt, &e.Namespace, &e.Tablespace}
	if h.Version.atLeast(14) {
		fields = append(fields, &e.TableAM)
	}
	for _, f := range fields {
		if *f, err = b.string(); err != nil {
			return nil, err
		}
	}
	if h.Version.atLeast(16) {
		relkind, err := b.int()
		if err != nil {
			return nil, err
		}
		e.RelKind = byte(relkind)
	}
	if e.Owner, err = b.string(); err != nil {
		return nil, err
	}
	// "true" here was a table WITH OIDS, which PostgreSQL 12 removed.
	if _, err := b.string(); err != nil {
		return nil, err
	}
	for {
		dep, null, err := b.str()
		if err != nil {
			return nil, err
		}
		if null {
			break
		}
		n, err := strconv.Atoi(strings.TrimSpace(dep))
		if err != nil {
			return nil, b.fail(fmt.Sprintf("dependency %q is not a dump ID", dep), nil)
		}
		e.Deps = append(e.Deps, n)
	}
	return e, nil
}

// readArchiveTOC reads the header and the table of contents of a custom
// archive or of a directory's or tar archive's toc.dat.
func readArchiveTOC(b *binReader, want Format, extra func(*binReader, *Entry) error) (*Archive, error) {
	h, err := readHeader(b, want)
	if err != nil {
		return nil, err
	}
	entries, err := readTOC(b, h, func(e *Entry) error { return extra(b, e) })
	if err != nil {
		return nil, err
	}
	return &Archive{Header: h, Entries: entries}, nil
}
