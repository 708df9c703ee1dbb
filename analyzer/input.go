package analyzer

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// source is one script the driver reads, in order: a file, standard input.
type source struct {
	// name is how spans and reports name it.
	name string
	open func() (io.ReadCloser, error)
	// rewritable is set for a plain file, which fix -w may rewrite in
	// place: name is then its path.
	rewritable bool
}

// expand turns a path of the command line into the scripts it stands for;
// "-" is standard input.
func (d *driver) expand(path string) ([]source, error) {
	if path == "-" {
		if d.opts.Stdin == nil {
			return nil, errors.New("no standard input to read")
		}
		return []source{{name: "<stdin>", open: func() (io.ReadCloser, error) { return io.NopCloser(d.opts.Stdin), nil }}}, nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, pathError(path, err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	return []source{{name: path, rewritable: true, open: func() (io.ReadCloser, error) {
		f, err := os.Open(path)
		return f, pathError(path, err)
	}}}, nil
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
