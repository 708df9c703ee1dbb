package pgarchive

import (
	"errors"
	"io"
	"io/fs"
	"os"

	"github.com/pgseqlint/pgseqlint/analyzer/decompress"
)

// compressedSuffixes are the suffixes pg_dump gives a directory archive's
// compressed files, and how each is compressed.
var compressedSuffixes = []struct {
	suffix string
	method decompress.Method
}{
	{".gz", decompress.Gzip},
	{".lz4", decompress.LZ4},
	{".zst", decompress.Zstd},
}

// Folder is the directory of a directory archive. It opens the regular
// files in it by their plain names (what toc.dat names is no path), and
// refuses the rest.
type Folder interface {
	Open(name string) (*os.File, error)
}

// IsDirectory reports whether the folder is a directory archive (pg_dump
// -Fd): it holds a toc.dat, possibly compressed.
func IsDirectory(dir Folder) bool {
	f, _, _, err := findFile(dir, "toc.dat")
	if err == nil {
		f.Close()
	}
	return err == nil
}

// findFile opens a file of a directory archive as pg_restore finds it:
// under its own name (then uncompressed), else with a compression suffix.
// A name the folder refuses is that error.
func findFile(dir Folder, name string) (f *os.File, member string, m decompress.Method, err error) {
	if f, err = dir.Open(name); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return f, name, decompress.None, err
	}
	for _, c := range compressedSuffixes {
		if f, err = dir.Open(name + c.suffix); err == nil || !errors.Is(err, fs.ErrNotExist) {
			return f, name + c.suffix, c.method, err
		}
	}
	return nil, "", decompress.None, fs.ErrNotExist
}

// OpenDirectory reads the table of contents of a directory archive: the
// header and TOC in toc.dat, then one file per data entry (<dump id>.dat,
// compressed as its suffix says).
func OpenDirectory(dir Folder) (*Archive, error) {
	f, member, m, err := findFile(dir, "toc.dat")
	if err != nil {
		return nil, &Error{Offset: -1, What: "not a pg_dump directory archive: no toc.dat"}
	}
	defer f.Close()
	toc, err := decompress.NewReader(m, f, 0)
	if err != nil {
		return nil, dataError(member, nil, 0, err)
	}
	defer toc.Close()
	b := newBinReader(toc, member)
	// pg_dump writes "tar" in the format byte of a directory's toc.dat: the
	// two lay their files out alike.
	a, err := readArchiveTOC(b, Tar, func(b *binReader, e *Entry) error {
		var err error
		e.filename, err = b.string()
		return err
	})
	if err != nil {
		var de *decompress.Error
		if errors.As(err, &de) {
			return nil, dataError(member, nil, b.off, err)
		}
		return nil, err
	}
	a.Format = Directory
	a.data = &directoryData{dir: dir, a: a}
	return a, nil
}

type directoryData struct {
	dir Folder
	a   *Archive
}

func (d *directoryData) open(e *Entry) (io.ReadCloser, error) {
	if e.filename == "" {
		return nil, nil
	}
	f, member, m, err := findFile(d.dir, e.filename)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &Error{Member: e.filename, Entry: e, Offset: -1, What: "data file not found"}
	case err != nil:
		// Refused (a path, a link out of the directory, a device): the
		// folder's error says so, and the caller reports it.
		return nil, err
	}
	counted := &offsetReader{r: f}
	dec, err := decompress.NewReader(m, counted, d.a.MaxBytes)
	if err != nil {
		f.Close()
		return nil, dataError(member, e, counted.n, err)
	}
	return &entryData{dec: closeBoth{dec, f}, member: member, entry: e, where: func() int64 { return counted.n }}, nil
}

// closeBoth closes a decompressor and the file under it.
type closeBoth struct {
	io.ReadCloser
	file io.Closer
}

func (c closeBoth) Close() error {
	c.ReadCloser.Close()
	return c.file.Close()
}

// offsetReader counts the bytes read through it.
type offsetReader struct {
	r io.Reader
	n int64
}

func (o *offsetReader) Read(p []byte) (int, error) {
	n, err := o.r.Read(p)
	o.n += int64(n)
	return n, err
}
