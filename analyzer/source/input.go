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
	Dir string
	// Rewritable is set for a plain SQL file, neither compressed nor an
	// archive: the only input that can be rewritten in place.
	Rewritable bool
	// Start is where in the file the reader begins, for a part of a file;
	// the zero value is the file's beginning.
	Start Position
	// Note tells, in the -v listing, which part of the file is read.
	Note string
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
	if info.IsDir() {
		// A pg_dump directory archive, or else a migration directory.
		if pgarchive.IsDirectory(path) {
			return []Input{{Name: path, Dir: path}}, nil
		}
		return migrationInputs(path, opts)
	}
	open := func() (io.ReadCloser, error) {
		f, err := os.Open(path)
		return f, PathError(path, err)
	}
	return []Input{{Name: path, Open: open, Rewritable: info.Mode().IsRegular() && isPlain(open)}}, nil
}

// isPlain reports whether a file holds plain SQL, by its first bytes.
func isPlain(open func() (io.ReadCloser, error)) bool {
	f, err := open()
	if err != nil {
		return false
	}
	defer f.Close()
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
