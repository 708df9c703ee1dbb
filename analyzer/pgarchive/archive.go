// Package pgarchive reads pg_dump's archive formats natively: custom (-Fc),
// directory (-Fd) and tar (-Ft), versions 1.12 to 1.16 (PostgreSQL 10 to
// 18): the header, the table of contents, and each entry's data,
// decompressed.
//
// The layout follows pg_backup_archiver.c (header and TOC), pg_backup_custom.c,
// pg_backup_directory.c and pg_backup_tar.c (data), and compress_*.c (data
// compression). Nothing in an archive is trusted to size an allocation: a
// string or a data block is read as it arrives, so a damaged length ends in
// an error at the end of the input, not in a huge buffer.
package pgarchive

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer/decompress"
)

// Format is how pg_dump laid the archive out (the format byte of the header).
type Format byte

const (
	Custom    Format = 1
	Tar       Format = 3
	Directory Format = 5
)

func (f Format) String() string {
	switch f {
	case Custom:
		return "custom"
	case Tar:
		return "tar"
	case Directory:
		return "directory"
	}
	return fmt.Sprintf("unknown format %d", byte(f))
}

// Section is the part of a restore an entry belongs to.
type Section int

const (
	SectionNone Section = iota + 1
	SectionPreData
	SectionData
	SectionPostData
)

// Version is the archive format version, such as 1.14 (PostgreSQL 12 to 15).
type Version struct{ Major, Minor, Rev byte }

func (v Version) String() string { return fmt.Sprintf("%d.%d", v.Major, v.Minor) }

func (v Version) atLeast(minor byte) bool { return v.Major > 1 || v.Minor >= minor }

// The versions this package reads: 1.12 is PostgreSQL 10's, 1.16 is
// written by 17 and 18.
const (
	oldestMinor = 12
	newestMinor = 16
)

// Header is the archive's header.
type Header struct {
	Version Version
	// IntSize and OffSize are the byte widths of integers and file offsets.
	IntSize, OffSize int
	Format           Format
	// Compression is how the data blocks (or, in a directory, the data
	// files) are compressed: none, zlib (pg_dump's gzip), lz4 or zstd.
	Compression decompress.Method
	// Database is the name of the dumped database; ServerVersion and
	// DumpVersion are the versions of its server and of pg_dump.
	Database, ServerVersion, DumpVersion string
}

// Entry is one item of the table of contents.
type Entry struct {
	DumpID int
	// HadDumper is set when the entry has data (rows of a table, large
	// objects) besides its definition.
	HadDumper bool
	Tag       string
	Desc      string // TABLE, TABLE DATA, SEQUENCE SET, ACL, ...
	Section   Section
	Defn      string // the SQL that creates the object
	DropStmt  string
	// CopyStmt is the COPY ... FROM stdin that the data rows follow; ""
	// when the data is INSERT statements.
	CopyStmt   string
	Namespace  string
	Tablespace string
	TableAM    string
	RelKind    byte // 1.16 and later
	Owner      string
	Deps       []int // dump IDs of the entries this one depends on

	// Where the data is: a custom archive's data offset, or a directory's
	// or tar archive's file name.
	dataState byte
	dataPos   int64
	filename  string
}

// Data offset states of a custom archive.
const (
	offsetPosNotSet = 1
	offsetPosSet    = 2
	offsetNoData    = 3
)

// Label names the entry as findings do: TOC entry 215 (TABLE DATA public.users).
func (e *Entry) Label() string {
	name := e.Tag
	if e.Namespace != "" {
		name = e.Namespace + "." + e.Tag
	}
	return fmt.Sprintf("TOC entry %d (%s %s)", e.DumpID, e.Desc, name)
}

// Archive is an archive whose header and table of contents have been read.
// Its data is read with Data, entry by entry.
type Archive struct {
	Header
	Entries []*Entry
	// MaxBytes is the most one entry's data may decompress to (0: no
	// limit but the ratio decompress holds every stream to).
	MaxBytes int64
	data     dataSource
}

// dataSource reads the data of entries in one archive format.
type dataSource interface {
	// open returns the entry's data, decompressed, or nil when it has none.
	open(e *Entry) (io.ReadCloser, error)
}

// Data returns the entry's data, decompressed: the rows of a COPY, or the
// INSERT statements of a dump made with --inserts. It returns nil for an
// entry without data. The reader must be closed before the next call. An
// archive read from a pipe is read once, front to back: ask for the data in
// the archive's order, as pg_restore does.
func (a *Archive) Data(e *Entry) (io.ReadCloser, error) {
	if !e.HadDumper || e.Desc == "BLOBS" {
		// Large objects hold no keys: their contents are not read.
		return nil, nil
	}
	return a.data.open(e)
}

// Error is a damaged or unsupported archive.
type Error struct {
	// Member is the file of a directory or tar archive that is damaged; ""
	// for a custom archive.
	Member string
	// Entry is the TOC entry whose data is damaged; nil for the header and
	// the table of contents.
	Entry *Entry
	// Offset is the byte of the file (or member) where the damage was
	// found; -1 when unknown.
	Offset int64
	What   string
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Member != "" {
		b.WriteString(e.Member)
		b.WriteString(": ")
	}
	if e.Entry != nil {
		b.WriteString(e.Entry.Label())
		b.WriteString(": ")
	}
	b.WriteString(e.What)
	if e.Offset >= 0 {
		fmt.Fprintf(&b, " at byte %d", e.Offset)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// errTruncated is the end of the input in the middle of the archive.
var errTruncated = errors.New("archive ends early")

// dataError turns a failure to read an entry's data into an Error that
// names the entry and where its data went wrong.
func dataError(member string, e *Entry, offset int64, err error) error {
	var ae *Error
	if errors.As(err, &ae) {
		return err
	}
	var de *decompress.Error
	if errors.As(err, &de) {
		what := "corrupt " + de.Method.String() + " data"
		cause := de.Err
		if errors.Is(de.Err, io.ErrUnexpectedEOF) {
			what, cause = de.Method.String()+" data ends early", nil
		}
		return &Error{Member: member, Entry: e, Offset: offset, What: what, Err: cause}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &Error{Member: member, Entry: e, Offset: offset, What: errTruncated.Error()}
	}
	return &Error{Member: member, Entry: e, Offset: -1, What: "cannot read data", Err: err}
}
