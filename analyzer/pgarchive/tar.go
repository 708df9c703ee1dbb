package pgarchive

import (
	"archive/tar"
	"bytes"
	"errors"
	"io"
)

// IsTar reports whether a block of 512 bytes is a tar header, as
// pg_restore's isValidTarHeader decides: the "ustar" magic at byte 257 and
// a checksum that adds up.
func IsTar(block []byte) bool {
	if len(block) < 512 || !bytes.Equal(block[257:262], []byte("ustar")) {
		return false
	}
	var sum int64
	for i, c := range block[:512] {
		if i >= 148 && i < 156 {
			c = ' ' // the checksum field counts as spaces
		}
		sum += int64(c)
	}
	field := bytes.Trim(block[148:156], " \x00")
	var want int64
	for _, c := range field {
		if c < '0' || c > '7' {
			return false
		}
		want = want*8 + int64(c-'0')
	}
	return len(field) > 0 && sum == want
}

// ReadTar reads the table of contents of a tar archive (pg_dump -Ft): the
// member toc.dat, then one member per data entry, in the archive's order.
// The members are read front to back, as from a pipe.
func ReadTar(r io.Reader) (*Archive, error) {
	counted := &offsetReader{r: r}
	tr := tar.NewReader(counted)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, &Error{Offset: -1, What: "not a pg_dump archive: the tar file has no toc.dat"}
		}
		if err != nil {
			return nil, tarError(nil, counted.n, err)
		}
		if h.Name == "toc.dat" {
			break
		}
	}
	b := newBinReader(tr, "toc.dat")
	a, err := readArchiveTOC(b, Tar, func(b *binReader, e *Entry) error {
		var err error
		e.filename, err = b.string()
		return err
	})
	if err != nil {
		return nil, err
	}
	a.data = &tarData{tr: tr, counted: counted}
	return a, nil
}

type tarData struct {
	tr      *tar.Reader
	counted *offsetReader
}

func (t *tarData) open(e *Entry) (io.ReadCloser, error) {
	if e.filename == "" {
		return nil, nil
	}
	for {
		h, err := t.tr.Next()
		if errors.Is(err, io.EOF) {
			// pg_dump writes the members in the table's order, and they
			// are read so: a missing one is a damaged or cut archive.
			return nil, &Error{Member: e.filename, Entry: e, Offset: t.counted.n, What: "no such member before the end of the archive"}
		}
		if err != nil {
			return nil, tarError(e, t.counted.n, err)
		}
		if h.Name == e.filename {
			return &entryData{dec: io.NopCloser(t.tr), member: e.filename, entry: e, where: func() int64 { return t.counted.n }}, nil
		}
	}
}

func tarError(e *Entry, offset int64, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{Entry: e, Offset: offset, What: errTruncated.Error()}
	}
	return &Error{Entry: e, Offset: offset, What: "damaged tar file", Err: err}
}
