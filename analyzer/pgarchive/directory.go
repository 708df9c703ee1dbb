package pgarchive

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

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

// IsDirectory reports whether dir is a directory archive (pg_dump -Fd): it
// holds a toc.dat, possibly compressed.
func IsDirectory(dir string) bool {
	_, _, err := findFile(dir, "toc.dat")
	return err == nil
}

// findFile finds a file of a directory archive as pg_restore does: under
// its own name (then uncompressed), else with a compression suffix.
func findFile(dir, name string) (path string, m decompress.Method, err error) {
	path = filepath.Join(dir, name)
	if isRegular(path) {
		return path, decompress.None, nil
	}
	for _, c := range compressedSuffixes {
		if isRegular(path + c.suffix) {
			return path + c.suffix, c.method, nil
		}
	}
	return "", decompress.None, fs.ErrNotExist
}

func isRegular(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}

// OpenDirectory reads the table of contents of a directory archive: the
// header and TOC in toc.dat, then one file per data entry (<dump id>.dat,
// compressed as its suffix says).
func OpenDirectory(dir string) (*Archive, error) {
	path, m, err := findFile(dir, "toc.dat")
	if err != nil {
		return nil, &Error{Offset: -1, What: "not a pg_dump directory archive: no toc.dat"}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	member := filepath.Base(path)
	toc, err := decompress.NewReader(m, f)
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
	a.data = &directoryData{dir: dir}
	return a, nil
}

type directoryData struct{ dir string }

func (d *directoryData) open(e *Entry) (io.ReadCloser, error) {
	if e.filename == "" {
		return nil, nil
	}
	path, m, err := findFile(d.dir, e.filename)
	if err != nil {
		return nil, &Error{Member: e.filename, Entry: e, Offset: -1, What: "data file not found"}
	}
	member := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Member: member, Entry: e, Offset: -1, What: "cannot open the data file", Err: err}
	}
	counted := &offsetReader{r: f}
	dec, err := decompress.NewReader(m, counted)
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
