package source

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/pgseqlint/pgseqlint/analyzer/pgarchive"
)

// Input is one script the driver reads, in order: a file, standard input,
// a pg_dump directory archive, or the part of a migration file that runs.
type Input struct {
	// Name is how spans and reports name it.
	Name string
	Open func() (io.ReadCloser, error)
	// Dir is set for a directory archive (pg_dump -Fd), which is read from
	// its files instead of through Open.
	Dir *Folder
	// Rewritable is set for a plain SQL file, neither compressed nor an
	// archive: the only input that can be rewritten in place.
	Rewritable bool
	// Start is where in the file the reader begins, for a part of a file;
	// the zero value is the file's beginning.
	Start Position
	// Note tells, in the -v listing, which part of the file is read.
	Note string
	// Refused is set for a file that is not read: outside the project
	// root, or not a regular file. The run reports it and goes on.
	Refused *RefusedError
}

// StdinName is how spans and reports name standard input.
const StdinName = "<stdin>"

// Options say how to read PATHs.
type Options struct {
	// Stdin is what "-" reads.
	Stdin io.Reader
	// StdinName, when set, names standard input instead of StdinName: the
	// file it holds, for reports that locate findings in files.
	StdinName string
	// Layout is how a directory's files run: LayoutAuto ("" too) detects
	// the migration tool.
	Layout Layout
	// Verbose, when set, receives the layout of a migration directory and
	// the files it leaves out.
	Verbose io.Writer
	// Root is the project root, whose files alone are read; nil reads any
	// regular file.
	Root *Root
}

func (o Options) root() *Root {
	if o.Root == nil {
		return AnywhereRoot()
	}
	return o.Root
}

// Inputs turns a path of the command line into the scripts it stands for;
// "-" is standard input.
func Inputs(path string, opts Options) ([]Input, error) {
	if path == "-" {
		if opts.Stdin == nil {
			return nil, errors.New("no standard input to read")
		}
		return []Input{{Name: cmp.Or(opts.StdinName, StdinName), Open: func() (io.ReadCloser, error) { return io.NopCloser(opts.Stdin), nil }}}, nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, PathError(path, err)
	}
	root := opts.root()
	if info.IsDir() {
		if err := root.CheckDir(path); err != nil {
			return refusedInput(path, err)
		}
		// A pg_dump directory archive, or else a migration directory.
		if folder := root.Folder(path); pgarchive.IsDirectory(folder) {
			return []Input{{Name: path, Dir: folder}}, nil
		}
		return migrationInputs(path, opts)
	}
	f, err := root.Open(path)
	if err != nil {
		return refusedInput(path, err)
	}
	plain := isPlain(f)
	f.Close()
	open := func() (io.ReadCloser, error) { return root.Open(path) }
	return []Input{{Name: path, Open: open, Rewritable: plain}}, nil
}

// refusedInput is a path that is not read, or the error that stops the
// run.
func refusedInput(path string, err error) ([]Input, error) {
	if refused := asRefused(err); refused != nil {
		return []Input{{Name: path, Refused: refused}}, nil
	}
	return nil, err
}

// asRefused is err when it refuses a file, else nil.
func asRefused(err error) *RefusedError {
	var refused *RefusedError
	if errors.As(err, &refused) {
		return refused
	}
	return nil
}

// isPlain reports whether a file holds plain SQL, by its first bytes.
func isPlain(f io.Reader) bool {
	head := make([]byte, sniffLen)
	n, _ := io.ReadFull(f, head)
	return sniff(head[:n]) == kindPlain
}

// PathError says what went wrong with a path the user gave, without the
// name of the system call: "dump.sql: permission denied".
func PathError(path string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", path, pe.Err)
	}
	return err
}
