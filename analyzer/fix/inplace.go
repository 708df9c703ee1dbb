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
	"sync"
	"syscall"

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
	// Durable first; then each file is looked at right before it is
	// replaced, so that a line appended meanwhile is not lost.
	for _, pf := range pending {
		if err := pf.sync(); err != nil {
			return err
		}
	}
	for _, f := range files {
		if err := f.unmoved(); err != nil {
			return err
		}
	}
	for len(pending) > 0 {
		pf := pending[0]
		if err := pf.source.unmoved(); err != nil {
			return err
		}
		if err := pf.rename(); err != nil {
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
	pf.source = f
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

// WriteFile writes the patch to path, which must not be one of the files
// the run read (inputs, compared by device and inode: a patch written over
// its input would replace it). A regular file, or one a symbolic link
// leads to, is replaced through a temporary file beside it, renamed over
// it when complete: readers see the old file or the new one, never part of
// one, and it keeps its mode. A device or a FIFO (/dev/null, /dev/stdout,
// a pipe from the shell) is written to as it is, never replaced.
func WriteFile(path string, inputs []string, write func(io.Writer) error) error {
	info, err := os.Stat(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return source.PathError(path, err)
	}
	if err != nil {
		return writeAtomic(path, 0o644, write)
	}
	for _, in := range inputs {
		if read, err := os.Stat(in); err == nil && os.SameFile(read, info) {
			if filepath.Clean(in) == filepath.Clean(path) {
				return fmt.Errorf("%s: is an input of this run, which the patch would replace: write the patch elsewhere, or use -w", path)
			}
			return fmt.Errorf("%s: is %s, an input of this run, which the patch would replace: write the patch elsewhere, or use -w", path, in)
		}
	}
	switch m := info.Mode(); {
	case m.IsDir():
		return fmt.Errorf("%s: is a directory", path)
	case m.IsRegular():
		// A link stays a link: the file it leads to is replaced.
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			return source.PathError(path, err)
		}
		return writeAtomic(target, m.Perm(), write)
	case m&(fs.ModeDevice|fs.ModeCharDevice|fs.ModeNamedPipe) != 0:
		return writeInPlace(path, write)
	}
	return fmt.Errorf("%s: is neither a file, a device nor a FIFO", path)
}

// writeInPlace writes to a device or a FIFO, without waiting for a reader
// that is not there.
func writeInPlace(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0)
	if errors.Is(err, syscall.ENXIO) {
		return fmt.Errorf("%s: a FIFO that no process reads", path)
	}
	if err != nil {
		return source.PathError(path, err)
	}
	// Opened: writes may wait for the reader, as a shell's would.
	if err := syscall.SetNonblock(int(f.Fd()), false); err != nil {
		f.Close()
		return source.PathError(path, err)
	}
	out := bufio.NewWriter(f)
	err = write(out)
	if err == nil {
		err = out.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return source.PathError(path, err)
}

// writeAtomic writes a regular file through a temporary file beside it.
func writeAtomic(path string, perm fs.FileMode, write func(io.Writer) error) error {
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
	if err := pf.sync(); err != nil {
		return err
	}
	return pf.rename()
}

// pendingFile is a temporary file that will replace target.
type pendingFile struct {
	tmp    *os.File
	target string
	// source is the file fix -w rewrites, looked at before the rename.
	source *InPlaceFile
}

// temporary are the temporary files that exist, for a signal to remove
// (AbandonTemporaryFiles); its lock is held while one is made, renamed or
// removed.
var temporary = struct {
	sync.Mutex
	names map[string]bool
}{names: map[string]bool{}}

// AbandonTemporaryFiles removes the temporary files written so far, and
// keeps any more from being made or renamed: for a process about to exit
// on a signal. It never returns the lock.
func AbandonTemporaryFiles() {
	temporary.Lock()
	for name := range temporary.names {
		os.Remove(name)
	}
}

func newPendingFile(target string, perm fs.FileMode) (*pendingFile, error) {
	if info, err := os.Stat(target); err == nil && info.IsDir() {
		// Found before anything is written, not when the rename fails.
		return nil, fmt.Errorf("%s: is a directory", target)
	}
	temporary.Lock()
	defer temporary.Unlock()
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".pgseqlint-*")
	if err != nil {
		return nil, fmt.Errorf("%s: cannot write a temporary file beside it: %w", target, unwrapPathError(err))
	}
	temporary.names[tmp.Name()] = true
	pf := &pendingFile{tmp: tmp, target: target}
	if err := tmp.Chmod(perm); err != nil {
		pf.removeLocked()
		return nil, source.PathError(target, err)
	}
	return pf, nil
}

// sync makes the temporary file durable and closes it.
func (pf *pendingFile) sync() error {
	err := pf.tmp.Sync()
	if cerr := pf.tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		pf.discard()
		return fmt.Errorf("%s: cannot write it: %w", pf.target, unwrapPathError(err))
	}
	return nil
}

// rename puts the temporary file, synced, in the target's place.
func (pf *pendingFile) rename() error {
	temporary.Lock()
	defer temporary.Unlock()
	if err := os.Rename(pf.tmp.Name(), pf.target); err != nil {
		pf.removeLocked()
		return fmt.Errorf("%s: cannot replace it: %w", pf.target, unwrapPathError(err))
	}
	delete(temporary.names, pf.tmp.Name())
	return nil
}

func (pf *pendingFile) discard() {
	temporary.Lock()
	defer temporary.Unlock()
	pf.removeLocked()
}

func (pf *pendingFile) removeLocked() {
	pf.tmp.Close()
	os.Remove(pf.tmp.Name())
	delete(temporary.names, pf.tmp.Name())
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
