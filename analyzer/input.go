package analyzer

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/pgseqlint/pgseqlint/analyzer/pgarchive"
)

// source is one script the driver reads, in order: a file, standard input,
// a pg_dump directory archive, or the part of a migration file that runs.
type source struct {
	// name is how spans and reports name it.
	name string
	open func() (io.ReadCloser, error)
	// dir is set for a directory archive (pg_dump -Fd), which is read from
	// its files instead of through open.
	dir string
	// rewritable is set for a plain SQL file, neither compressed nor an
	// archive: the only input that can be rewritten in place.
	rewritable bool
	// start is where in the file the reader begins, for a part of a file;
	// the zero value is the file's beginning.
	start position
	// note tells, in the -v listing, which part of the file is read.
	note string
}

// stdinName is how spans and reports name standard input.
const stdinName = "<stdin>"

// expand turns a path of the command line into the scripts it stands for;
// "-" is standard input.
func (d *driver) expand(path string) ([]source, error) {
	if path == "-" {
		if d.opts.Stdin == nil {
			return nil, errors.New("no standard input to read")
		}
		return []source{{name: stdinName, open: func() (io.ReadCloser, error) { return io.NopCloser(d.opts.Stdin), nil }}}, nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, pathError(path, err)
	}
	if info.IsDir() {
		// A pg_dump directory archive, or else a migration directory.
		if pgarchive.IsDirectory(path) {
			return []source{{name: path, dir: path}}, nil
		}
		return d.migrationSources(path)
	}
	open := func() (io.ReadCloser, error) {
		f, err := os.Open(path)
		return f, pathError(path, err)
	}
	return []source{{name: path, open: open, rewritable: info.Mode().IsRegular() && isPlain(open)}}, nil
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

// pathError says what went wrong with a path the user gave, without the
// name of the system call: "dump.sql: permission denied".
func pathError(path string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", path, pe.Err)
	}
	return err
}
