package source

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/pgseqlint/pgseqlint/analyzer/decompress"
	"github.com/pgseqlint/pgseqlint/analyzer/pgarchive"
)

// sniffLen is how much of an input decides its form: a tar header is the
// longest signature.
const sniffLen = 512

// maxLayers bounds how many compressions are taken off one input (a
// dump.tar.gz has one): more is damage or a trap.
const maxLayers = 2

// inputKind is the form of an input, told by its first bytes.
type inputKind int

const (
	kindPlain inputKind = iota
	kindCompressed
	kindCustomArchive
	kindTarArchive
)

func sniff(head []byte) inputKind {
	switch {
	case decompress.Detect(head) != decompress.None:
		return kindCompressed
	case bytes.HasPrefix(head, []byte(pgarchive.Magic)):
		return kindCustomArchive
	case pgarchive.IsTar(head):
		return kindTarArchive
	}
	return kindPlain
}

// Stream is an input opened in whatever form it comes: plain SQL,
// compressed (detected by content, not by name), or a pg_dump archive.
type Stream struct {
	// Archive is set for a pg_dump archive; SQL holds the script otherwise.
	Archive *pgarchive.Archive
	SQL     io.Reader
	// Compressed is set when SQL is decompressed on the way in.
	Compressed bool
	// At is set for a plain file: SQL's bytes by their offsets, which a
	// long COPY's rows can be read from on every core.
	At      io.ReaderAt
	closers []io.Closer
}

// Open opens an input; progress, when set, counts the bytes read from it
// as stored. Decompressing it, or an archive entry's data, produces at
// most maxBytes (0: no limit but decompress's ratio).
func Open(in Input, progress *Progress, maxBytes int64) (*Stream, error) {
	if in.Dir != nil {
		a, err := pgarchive.OpenDirectory(in.Dir)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", in.Name, err)
		}
		a.MaxBytes = maxBytes
		return &Stream{Archive: a}, nil
	}
	rc, err := in.Open()
	if err != nil {
		return nil, err
	}
	s := &Stream{closers: []io.Closer{rc}}
	var r io.Reader = rc
	file, isFile := rc.(*os.File)
	var at io.ReaderAt = file
	switch {
	case progress != nil && isFile:
		fp := &fileProgress{f: file, p: progress}
		r, at = fp, fp
	case progress != nil:
		r = countingReader{rc, progress}
	}
	for layer := 0; ; layer++ {
		br := bufio.NewReaderSize(r, 64<<10)
		head, err := br.Peek(sniffLen)
		if err != nil && !errors.Is(err, io.EOF) {
			s.Close()
			return nil, ReadError(in.Name, err)
		}
		switch sniff(head) {
		case kindCompressed:
			if layer == maxLayers {
				s.Close()
				return nil, fmt.Errorf("%s: compressed more than %d times over", in.Name, maxLayers)
			}
			dec, err := decompress.NewReader(decompress.Detect(head), br, maxBytes)
			if err != nil {
				s.Close()
				return nil, fmt.Errorf("%s: %w", in.Name, err)
			}
			s.closers = append(s.closers, dec)
			r = dec
			continue
		case kindCustomArchive:
			var archive io.Reader = br
			if isFile && layer == 0 {
				// A file can seek: data blocks are found by their offsets.
				if _, err := file.Seek(0, io.SeekStart); err == nil {
					archive = file
				}
			}
			if s.Archive, err = pgarchive.ReadCustom(archive); err != nil {
				s.Close()
				return nil, fmt.Errorf("%s: %w", in.Name, err)
			}
			s.Archive.MaxBytes = maxBytes
			return s, nil
		case kindTarArchive:
			if s.Archive, err = pgarchive.ReadTar(br); err != nil {
				s.Close()
				return nil, fmt.Errorf("%s: %w", in.Name, err)
			}
			s.Archive.MaxBytes = maxBytes
			return s, nil
		}
		s.SQL, s.Compressed = br, layer > 0
		if isFile && layer == 0 && isRegular(file) {
			s.At = at
		}
		return s, nil
	}
}

// isRegular tells a regular file, which reads the same bytes at an offset
// every time (not a pipe or a device).
func isRegular(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode().IsRegular()
}

// Close closes the input and the decompressors on it.
func (s *Stream) Close() {
	for i := len(s.closers) - 1; i >= 0; i-- {
		s.closers[i].Close()
	}
}

// ReadError names the input in a failure to read it. Damaged compressed
// data is reported where it is damaged, not after how much SQL came out.
func ReadError(name string, err error) error {
	var de *decompress.Error
	if errors.As(err, &de) {
		return fmt.Errorf("%s: %w", name, de)
	}
	var ose *os.PathError
	if errors.As(err, &ose) {
		return PathError(name, err)
	}
	return fmt.Errorf("%s: %w", name, err)
}
