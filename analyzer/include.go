package analyzer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer/script"
	"github.com/pgseqlint/pgseqlint/analyzer/source"
)

// includeFrame is a file being read: a link of the include chain.
type includeFrame struct {
	name string
	// info identifies the file on disk; nil for standard input.
	info os.FileInfo
}

func newIncludeFrame(name string) includeFrame {
	info, _ := os.Stat(name) // fails for standard input
	return includeFrame{name: name, info: info}
}

// include runs the file a \i or \ir names where the command stands, as psql
// does: in the same session, its statements in the same script. \i names a
// relative file from the current directory; \ir from the directory of the
// file that holds the command (from the current directory too when that
// is standard input).
func (d *driver) include(ctx context.Context, x *exec, command string, args []byte) error {
	at := x.stmt.Span
	name := script.IncludeArgument(args)
	if name == "" {
		return fmt.Errorf(`%s: \%s: missing required argument`, at, command)
	}
	relative := command == "ir" || command == "include_relative"
	current := d.including[len(d.including)-1]
	path := name
	if relative && current.info != nil && !filepath.IsAbs(name) {
		path = filepath.Join(filepath.Dir(current.name), name)
	}
	// Errors read as psql's own: "\i: name: no such file or directory".
	fail := func(err error) error { return placedError{fmt.Errorf(`%s: \%s: %w`, at, command, err)} }
	info, err := os.Stat(path)
	if err != nil {
		return fail(source.PathError(path, err))
	}
	if info.IsDir() {
		return fail(fmt.Errorf("%s: is a directory", path))
	}
	for i, f := range d.including {
		if f.info != nil && os.SameFile(f.info, info) {
			var chain []string
			for _, g := range d.including[i:] {
				chain = append(chain, g.name)
			}
			return fail(fmt.Errorf("include loop: %s -> %s", strings.Join(chain, " -> "), path))
		}
	}
	file, err := os.Open(path)
	if err != nil {
		return fail(source.PathError(path, err))
	}
	defer file.Close()
	return d.readFile(path, fmt.Sprintf(` (\%s at %s)`, command, at), func() error {
		return d.runSplitter(ctx, d.splitter(path, file, script.ChunkSize))
	})
}

// placedError is a failure whose message already names its file and place:
// it is passed on as it is.
type placedError struct{ error }

func (e placedError) Unwrap() error { return e.error }
