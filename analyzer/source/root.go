package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Root is the project root: the directory whose files a run reads. A
// script names the files it includes, and a migration directory or a
// pg_dump directory archive may hold symbolic links: whoever writes them
// could otherwise have pgseqlint read, and quote in its findings, any file
// the machine holds (/proc/self/environ, a CI runner's secrets). Files are
// opened through an os.Root, so that a link cannot lead out of the root
// between the check and the open, and only regular files are read: a
// device (/dev/zero) never ends, and opening a FIFO waits for a writer.
type Root struct {
	// Dir is the root, absolute.
	Dir string
	// anywhere is --allow-outside-root: any regular file is read.
	anywhere bool
	root     *os.Root
	real     string // Dir with its symbolic links resolved
	cwd      string
	// archive is set for the folder of a directory archive.
	archive bool
}

// NewRoot opens dir as the project root. With anywhere set, files outside
// it are read too (but only regular files).
func NewRoot(dir string, anywhere bool) (*Root, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	abs := absolute(cwd, dir)
	r := &Root{Dir: abs, anywhere: anywhere, cwd: cwd}
	if r.root, err = os.OpenRoot(abs); err != nil {
		return nil, fmt.Errorf("project root: %w", PathError(dir, err))
	}
	if r.real, err = filepath.EvalSymlinks(abs); err != nil {
		r.root.Close()
		return nil, fmt.Errorf("project root: %w", PathError(dir, err))
	}
	return r, nil
}

// DefaultRootDir is the root when none is given: the deepest directory
// that holds every path given (a file's directory, a directory itself),
// or the current directory when standard input is all there is.
func DefaultRootDir(paths []string) (string, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	common := ""
	for _, path := range paths {
		if path == "-" {
			continue
		}
		dir := absolute(cwd, path)
		if info, err := os.Stat(path); err != nil || !info.IsDir() {
			dir = filepath.Dir(dir)
		}
		if common == "" {
			common = dir
			continue
		}
		for !Within(common, dir) {
			common = filepath.Dir(common)
		}
	}
	if common == "" {
		return cwd, nil
	}
	return common, nil
}

// AnywhereRoot reads any regular file: for tests and for callers that
// confine nothing.
func AnywhereRoot() *Root {
	cwd, _ := os.Getwd()
	return &Root{Dir: string(filepath.Separator), anywhere: true, cwd: cwd}
}

// Close releases the root.
func (r *Root) Close() {
	if r.root != nil {
		r.root.Close()
	}
}

func absolute(cwd, path string) string {
	if filepath.IsAbs(path) {
		return filepath.Clean(path)
	}
	return filepath.Join(cwd, path)
}

// Within reports whether path is dir or lies below it (both clean and
// absolute).
func Within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// RefusedError is a file that is not read: outside the project root, or
// not a regular file. A run reports it (outside-root) and goes on.
type RefusedError struct {
	// Path is the file as the script or the command line names it.
	Path string
	// Target is where a symbolic link on the way leads, when it leads out.
	Target string
	// Within is the directory it must lie in, for a file outside it: "the
	// project root /src/app", "the archive directory backup.dir".
	Within string
	// Kind says what a file that is not regular is: "a directory", "a
	// FIFO", "a device", "a socket".
	Kind string
}

func (e *RefusedError) Error() string {
	switch {
	case e.Kind != "":
		return fmt.Sprintf("%s is %s, not a regular file: not read", e.Path, e.Kind)
	case e.Target != "":
		return fmt.Sprintf("%s leads to %s, outside %s: not read", e.Path, e.Target, e.Within)
	}
	return fmt.Sprintf("%s is outside %s: not read", e.Path, e.Within)
}

// fileKind names a file that is not regular.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}

// phrase names the root in messages.
func (r *Root) phrase() string {
	if r.archive {
		return "the archive directory " + r.Dir
	}
	return "the project root " + r.Dir
}

// relative is path within the root, or the error that refuses it.
func (r *Root) relative(path string) (string, error) {
	abs := absolute(r.cwd, path)
	for _, dir := range []string{r.Dir, r.real} {
		if Within(dir, abs) {
			rel, _ := filepath.Rel(dir, abs)
			return rel, nil
		}
	}
	return "", &RefusedError{Path: path, Within: r.phrase()}
}

// Open opens a regular file for reading, if it lies inside the root after
// its symbolic links are followed. Anything else is a *RefusedError, and
// is never opened: a FIFO is opened without waiting for a writer, and
// closed at once.
func (r *Root) Open(path string) (*os.File, error) {
	// O_NONBLOCK: opening a FIFO does not wait for a writer; reading a
	// regular file is not changed by it.
	const flags = os.O_RDONLY | syscall.O_NONBLOCK
	var f *os.File
	var err error
	if r.anywhere {
		f, err = os.OpenFile(path, flags, 0)
	} else {
		rel, rerr := r.relative(path)
		if rerr != nil {
			return nil, rerr
		}
		f, err = r.root.OpenFile(rel, flags, 0)
		if err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission) {
			// A link on the way leads out of the root (os.Root says "path
			// escapes from parent").
			if refused := r.escaped(path); refused != nil {
				return nil, refused
			}
		}
	}
	if err != nil {
		return nil, PathError(path, err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, PathError(path, err)
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, &RefusedError{Path: path, Kind: fileKind(info.Mode())}
	}
	return f, nil
}

// escaped says where a path that os.Root refused leads, when that is out
// of the root; nil when it does not.
func (r *Root) escaped(path string) error {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil
	}
	target = absolute(r.cwd, target)
	if Within(r.real, target) || Within(r.Dir, target) {
		return nil
	}
	return &RefusedError{Path: path, Target: target, Within: r.phrase()}
}

// ReadFile reads a regular file of at most limit bytes, wherever it is:
// a device, a FIFO or a larger file is an error that names it.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := AnywhereRoot().Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, PathError(path, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes: not read", path, limit)
	}
	return data, nil
}

// CheckDir refuses a directory outside the root: a migration directory or
// a directory archive given as a path, or reached through a link.
func (r *Root) CheckDir(path string) error {
	if r.anywhere {
		return nil
	}
	if _, err := r.relative(path); err != nil {
		return err
	}
	return r.escaped(path)
}

// Folder is a directory inside the root whose files are opened by plain
// name: a pg_dump directory archive, whose toc.dat names its data files.
type Folder struct {
	dir  string
	root *Root
}

// Folder opens the directory dir for its files.
func (r *Root) Folder(dir string) *Folder { return &Folder{dir: dir, root: r} }

// Open opens a file of the folder, by a plain name: no separator, not
// "." or "..". A link must not lead out of the folder.
func (f *Folder) Open(name string) (*os.File, error) {
	path := filepath.Join(f.dir, name)
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) || filepath.Base(name) != name {
		return nil, &RefusedError{Path: name, Within: "the archive directory " + f.dir}
	}
	if f.root.anywhere {
		return f.root.Open(path)
	}
	sub := &Root{Dir: absolute(f.root.cwd, f.dir), cwd: f.root.cwd, archive: true}
	var err error
	if sub.root, err = os.OpenRoot(sub.Dir); err != nil {
		return nil, PathError(f.dir, err)
	}
	defer sub.root.Close()
	if sub.real, err = filepath.EvalSymlinks(sub.Dir); err != nil {
		return nil, PathError(f.dir, err)
	}
	return sub.Open(path)
}
