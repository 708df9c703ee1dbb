package fix

import (
	"bufio"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/source"
)

// InPlaceFile is a plain file that fix may rewrite, with what it held when
// it was listed: a file that changed since is left alone.
type InPlaceFile struct {
	Path string
	info fs.FileInfo
	sum  uint64
}

// digestSeed makes file digests comparable within this process.
var digestSeed = maphash.MakeSeed()

// InPlaceFiles lists the files the paths stand for, in order, and notes
// their size, time and content, before anything else reads them. It fails
// for any source that is not a plain file: standard input, or an input
// that is decoded on the way in.
func InPlaceFiles(opts analyzer.Options) ([]*InPlaceFile, error) {
	var files []*InPlaceFile
	seen := map[string]bool{}
	for _, path := range opts.Paths {
		inputs, err := opts.Inputs(path)
		if err != nil {
			return nil, err
		}
		for _, in := range inputs {
			if !in.Rewritable {
				return nil, fmt.Errorf("%s: only a plain SQL file can be rewritten in place", in.Name)
			}
			if seen[in.Name] {
				return nil, fmt.Errorf("%s: given more than once", in.Name)
			}
			seen[in.Name] = true
			f := &InPlaceFile{Path: in.Name}
			if f.info, f.sum, err = fileState(in.Name); err != nil {
				return nil, err
			}
			files = append(files, f)
		}
	}
	return files, nil
}

// fileState reads a file's metadata and a digest of its content.
func fileState(path string) (fs.FileInfo, uint64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, source.PathError(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, 0, source.PathError(path, err)
	}
	var h maphash.Hash
	h.SetSeed(digestSeed)
	if _, err := io.Copy(&h, f); err != nil {
		return nil, 0, source.PathError(path, err)
	}
	return info, h.Sum64(), nil
}

// WriteDiff writes what Rewrite would do to the files, as a unified diff.
func (p *Patch) WriteDiff(w io.Writer, files []*InPlaceFile) error {
	for _, f := range files {
		ins := p.insertions(f.Path)
		if len(ins) == 0 {
			continue
		}
		if err := p.diffFile(w, f.Path, ins); err != nil {
			return err
		}
	}
	return nil
}

func (p *Patch) diffFile(w io.Writer, path string, ins []insertion) error {
	in, err := os.Open(path)
	if err != nil {
		return source.PathError(path, err)
	}
	defer in.Close()
	d := newUnifiedDiff(w, path)
	if err := editLines(in, ins, d.line); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return d.close()
}

// Rewrite inserts the patch's statements into the files, each right after
// the statement it follows. Every file is first written whole to a
// temporary file beside it; only when all are written, and every file is
// still as it was listed, are they renamed over the originals, keeping
// their mode. A failure leaves every file as it was.
func (p *Patch) Rewrite(files []*InPlaceFile) error {
	var pending []*pendingFile
	defer func() {
		for _, pf := range pending {
			pf.discard()
		}
	}()
	for _, f := range files {
		ins := p.insertions(f.Path)
		if len(ins) == 0 {
			// The statements inserted elsewhere were written from what
			// this file said.
			if err := f.unchanged(); err != nil {
				return err
			}
			continue
		}
		pf, err := f.rewrite(ins)
		if err != nil {
			return err
		}
		pending = append(pending, pf)
	}
	for _, f := range files {
		if err := f.unmoved(); err != nil {
			return err
		}
	}
	for len(pending) > 0 {
		if err := pending[0].commit(); err != nil {
			return err
		}
		pending = pending[1:]
	}
	return nil
}

// rewrite writes the file with the insertions to a temporary file beside
// it, checking on the way that its content is what was listed.
func (f *InPlaceFile) rewrite(ins []insertion) (*pendingFile, error) {
	// A symbolic link stays one: the file it points to is rewritten.
	target, err := filepath.EvalSymlinks(f.Path)
	if err != nil {
		return nil, source.PathError(f.Path, err)
	}
	in, err := os.Open(target)
	if err != nil {
		return nil, source.PathError(f.Path, err)
	}
	defer in.Close()
	pf, err := newPendingFile(target, f.info.Mode().Perm())
	if err != nil {
		return nil, err
	}
	var h maphash.Hash
	h.SetSeed(digestSeed)
	out := bufio.NewWriterSize(pf.tmp, 64<<10)
	err = editLines(io.TeeReader(in, &h), ins, func(op byte, line []byte) error {
		if op == lineRemoved {
			return nil
		}
		_, err := out.Write(line)
		return err
	})
	if err == nil && h.Sum64() != f.sum {
		err = errFileChanged
	}
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		pf.discard()
		if errors.Is(err, errFileChanged) {
			return nil, fmt.Errorf("%s: %w: not rewritten", f.Path, err)
		}
		return nil, source.PathError(f.Path, err)
	}
	return pf, nil
}

// unchanged reports an error when the file's content differs from when it
// was listed.
func (f *InPlaceFile) unchanged() error {
	_, sum, err := fileState(f.Path)
	if err != nil {
		return err
	}
	if sum != f.sum {
		return fmt.Errorf("%s: %w: not rewritten", f.Path, errFileChanged)
	}
	return nil
}

// unmoved reports an error when the file's size, time or identity differ
// from when it was listed: the last look before the rename.
func (f *InPlaceFile) unmoved() error {
	now, err := os.Stat(f.Path)
	if err != nil {
		return source.PathError(f.Path, err)
	}
	if !os.SameFile(now, f.info) || now.Size() != f.info.Size() || !now.ModTime().Equal(f.info.ModTime()) {
		return fmt.Errorf("%s: %w: not rewritten", f.Path, errFileChanged)
	}
	return nil
}

// WriteFileAtomic writes a file through a temporary file beside it,
// renamed over it when complete: readers see the old file or the new one,
// never part of one. An existing file keeps its mode.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	perm := fs.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		perm = info.Mode().Perm()
	}
	pf, err := newPendingFile(path, perm)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(pf.tmp)
	if err := write(out); err != nil {
		pf.discard()
		return source.PathError(path, err)
	}
	if err := out.Flush(); err != nil {
		pf.discard()
		return source.PathError(path, err)
	}
	return pf.commit()
}

// pendingFile is a temporary file that will replace target.
type pendingFile struct {
	tmp    *os.File
	target string
}

func newPendingFile(target string, perm fs.FileMode) (*pendingFile, error) {
	if info, err := os.Stat(target); err == nil && info.IsDir() {
		// Found before anything is written, not when the rename fails.
		return nil, fmt.Errorf("%s: is a directory", target)
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".pgseqlint-*")
	if err != nil {
		return nil, fmt.Errorf("%s: cannot write a temporary file beside it: %w", target, unwrapPathError(err))
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, source.PathError(target, err)
	}
	return &pendingFile{tmp: tmp, target: target}, nil
}

// commit makes the temporary file durable and renames it over the target.
func (pf *pendingFile) commit() error {
	err := pf.tmp.Sync()
	if cerr := pf.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(pf.tmp.Name(), pf.target)
	}
	if err != nil {
		os.Remove(pf.tmp.Name())
		return fmt.Errorf("%s: cannot replace it: %w", pf.target, unwrapPathError(err))
	}
	return nil
}

func (pf *pendingFile) discard() {
	pf.tmp.Close()
	os.Remove(pf.tmp.Name())
}

// unwrapPathError drops the system call and the temporary file's name from
// an error: the message names the file the user gave.
func unwrapPathError(err error) error {
	var pe *os.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}
