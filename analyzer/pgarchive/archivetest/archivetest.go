// Package archivetest writes pg_dump archives for tests: it re-encodes an
// archive that a real pg_dump made as another archive version (1.12 to
// 1.16) and data compression (none, gzip, lz4, zstd), in the custom or the
// directory format, following pg_dump's own writer (WriteHead, WriteToc,
// pg_backup_custom.c, pg_backup_directory.c, compress_*.c). PostgreSQL 15,
// the server the tests run, writes 1.14 with gzip only; this is how the
// newer versions and compressions are covered.
package archivetest

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"
	"github.com/klauspost/compress/zstd"
	"github.com/pierrec/lz4/v4"

	"github.com/pgseqlint/pgseqlint/analyzer/decompress"
	"github.com/pgseqlint/pgseqlint/analyzer/pgarchive"
)

// Options say what to write.
type Options struct {
	Minor byte // archive version 1.Minor, 12 to 16
	// Compression of the data: decompress.None, Zlib (pg_dump's gzip), LZ4
	// or Zstd. LZ4 and Zstd need version 1.15 or later.
	Compression decompress.Method
	// NoOffsets leaves the data offsets of a custom archive unset, as
	// pg_dump does when it writes to a pipe.
	NoOffsets bool
	// Reverse writes the data blocks of a custom archive in the reverse of
	// the table of contents' order, so that a reader must seek.
	Reverse bool
	// ChunkSize is the size of the chunks a custom archive's compressed
	// data is cut into (pg_dump's is 4 kB to 64 kB); 0 means 4096.
	ChunkSize int
}

type entryData struct {
	entry *pgarchive.Entry
	data  []byte
}

// load reads the data of every entry of src.
func load(src *pgarchive.Archive) ([]entryData, error) {
	var out []entryData
	for _, e := range src.Entries {
		r, err := src.Data(e)
		if err != nil {
			return nil, err
		}
		var data []byte
		if r != nil {
			data, err = io.ReadAll(r)
			r.Close()
			if err != nil {
				return nil, err
			}
		}
		out = append(out, entryData{e, data})
	}
	return out, nil
}

// writer writes pg_dump's integers and strings.
type writer struct{ bytes.Buffer }

func (w *writer) int(i int64) {
	sign := byte(0)
	if i < 0 {
		sign, i = 1, -i
	}
	w.WriteByte(sign)
	for b := 0; b < 4; b++ {
		w.WriteByte(byte(i >> (8 * b)))
	}
}

func (w *writer) str(s string) {
	w.int(int64(len(s)))
	w.WriteString(s)
}

func (w *writer) null() { w.int(-1) }

func (w *writer) header(src *pgarchive.Archive, format pgarchive.Format, o Options) error {
	w.WriteString(pgarchive.Magic)
	w.Write([]byte{1, o.Minor, 0, 4, 8, byte(format)})
	if o.Minor >= 15 {
		alg := map[decompress.Method]byte{decompress.None: 0, decompress.Zlib: 1, decompress.LZ4: 2, decompress.Zstd: 3}
		b, ok := alg[o.Compression]
		if !ok {
			return fmt.Errorf("no archive compression %s", o.Compression)
		}
		w.WriteByte(b)
	} else {
		switch o.Compression {
		case decompress.None:
			w.int(0)
		case decompress.Zlib:
			w.int(-1) // Z_DEFAULT_COMPRESSION
		default:
			return fmt.Errorf("archive version 1.%d cannot hold %s data", o.Minor, o.Compression)
		}
	}
	for _, v := range []int64{0, 0, 12, 1, 0, 125, 0} { // 2025-01-01 12:00:00
		w.int(v)
	}
	w.str(src.Database)
	w.str(src.ServerVersion)
	w.str(src.DumpVersion)
	return nil
}

// entry writes a TOC entry without its format's extra fields.
func (w *writer) entry(e *pgarchive.Entry, o Options) {
	w.int(int64(e.DumpID))
	dumper := int64(0)
	if e.HadDumper {
		dumper = 1
	}
	w.int(dumper)
	w.str("0") // table OID
	w.str("0") // OID
	w.str(e.Tag)
	w.str(e.Desc)
	w.int(int64(e.Section))
	for _, s := range []string{e.Defn, e.DropStmt, e.CopyStmt, e.Namespace, e.Tablespace} {
		w.str(s)
	}
	if o.Minor >= 14 {
		w.str(e.TableAM)
	}
	if o.Minor >= 16 {
		relkind := int64(0)
		if e.Desc == "TABLE" {
			relkind = 'r'
		}
		w.int(relkind)
	}
	w.str(e.Owner)
	w.str("false")
	for _, d := range e.Deps {
		w.str(fmt.Sprint(d))
	}
	w.null()
}

// compress compresses data as pg_dump's compressor of that method does: a
// zlib stream, an LZ4 frame, a zstd frame, or the bytes themselves.
func compress(m decompress.Method, data []byte) ([]byte, error) {
	var buf bytes.Buffer
	var w io.WriteCloser
	switch m {
	case decompress.None:
		return data, nil
	case decompress.Zlib:
		w = zlib.NewWriter(&buf)
	case decompress.Gzip:
		w = gzip.NewWriter(&buf)
	case decompress.LZ4:
		w = lz4.NewWriter(&buf)
	case decompress.Zstd:
		enc, err := zstd.NewWriter(&buf)
		if err != nil {
			return nil, err
		}
		w = enc
	default:
		return nil, fmt.Errorf("cannot compress with %s", m)
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteCustom writes src as a custom archive.
func WriteCustom(path string, src *pgarchive.Archive, o Options) error {
	entries, err := load(src)
	if err != nil {
		return err
	}
	var w writer
	if err := w.header(src, pgarchive.Custom, o); err != nil {
		return err
	}
	w.int(int64(len(entries)))
	offsetAt := map[int]int{} // entry index: where its data offset is written
	for i, ed := range entries {
		w.entry(ed.entry, o)
		offsetAt[i] = w.Len()
		w.WriteByte(3) // no data, for now
		w.Write(make([]byte, 8))
	}
	order := make([]int, len(entries))
	for i := range order {
		order[i] = i
		if o.Reverse {
			order[i] = len(entries) - 1 - i
		}
	}
	chunk := o.ChunkSize
	if chunk == 0 {
		chunk = 4096
	}
	out := w.Bytes()
	var blocks writer
	for _, i := range order {
		ed := entries[i]
		if !ed.entry.HadDumper || ed.entry.Desc == "BLOBS" {
			continue
		}
		pos := int64(len(out) + blocks.Len())
		state := byte(2) // K_OFFSET_POS_SET
		if o.NoOffsets {
			state, pos = 1, 0 // K_OFFSET_POS_NOT_SET
		}
		at := offsetAt[i]
		out[at] = state
		for b := 0; b < 8; b++ {
			out[at+1+b] = byte(pos >> (8 * b))
		}
		blocks.WriteByte(1) // BLK_DATA
		blocks.int(int64(ed.entry.DumpID))
		packed, err := compress(o.Compression, ed.data)
		if err != nil {
			return err
		}
		for len(packed) > 0 {
			n := min(chunk, len(packed))
			blocks.int(int64(n))
			blocks.Write(packed[:n])
			packed = packed[n:]
		}
		blocks.int(0)
	}
	return os.WriteFile(path, append(out, blocks.Bytes()...), 0o644)
}

// WriteDirectory writes src as a directory archive: toc.dat and a
// <dump id>.dat file per entry with data, compressed as pg_dump's file
// compression does (gzip, LZ4 frame, zstd) with the matching suffix.
func WriteDirectory(dir string, src *pgarchive.Archive, o Options) error {
	entries, err := load(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	fileMethod, suffix := o.Compression, ""
	switch o.Compression {
	case decompress.Zlib:
		fileMethod, suffix = decompress.Gzip, ".gz"
	case decompress.LZ4:
		suffix = ".lz4"
	case decompress.Zstd:
		suffix = ".zst"
	}
	var w writer
	// A directory's toc.dat says "tar" in its format byte.
	if err := w.header(src, pgarchive.Tar, o); err != nil {
		return err
	}
	w.int(int64(len(entries)))
	for _, ed := range entries {
		w.entry(ed.entry, o)
		if !ed.entry.HadDumper || ed.entry.Desc == "BLOBS" {
			w.str("")
			continue
		}
		name := fmt.Sprintf("%d.dat", ed.entry.DumpID)
		w.str(name)
		packed, err := compress(fileMethod, ed.data)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name+suffix), packed, 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, "toc.dat"), w.Bytes(), 0o644)
}
