package analyzer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
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

// Includes are bounded: psql follows \i as deep and as often as a script
// asks, but a script that includes a file twice, which includes the next
// twice, and so on, reads 2^n files.
const (
	maxIncludeDepth = 64
	maxIncludes     = 10000
)

// include runs the file a \i or \ir names where the command stands, as psql
// does: in the same session, its statements in the same script. \i names a
// relative file from the current directory; \ir from the directory of the
// file that holds the command (from the current directory too when that
// is standard input).
func (d *driver) include(ctx context.Context, x *exec, command string, args []byte) error {
	at := x.stmt.Span
	var name string
	if words := d.metaArgs(x, args); len(words) > 0 {
		name = words[0].Text
	}
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
	switch {
	case len(d.including) > maxIncludeDepth:
		return fail(fmt.Errorf("includes nested more than %d deep", maxIncludeDepth))
	case d.includes == maxIncludes:
		return fail(fmt.Errorf("more than %d files included", maxIncludes))
	}
	d.includes++
	// Opened before anything else is asked of it: whether a file outside
	// the root exists is not for the script to learn.
	file, err := d.opts.Root.Open(path)
	var refused *source.RefusedError
	if errors.As(err, &refused) && refused.Kind == "a directory" {
		return fail(fmt.Errorf("%s: is a directory", path))
	}
	if errors.As(err, &refused) {
		// Never opened: the finding names it, the rest of the script runs.
		x.Report(&catalog.FileRefused{Span: at, Message: `\` + command + ": " + refused.Error()})
		return nil
	}
	if err != nil {
		return fail(err)
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return fail(source.PathError(path, err))
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
	d.nested++
	err = d.readFile(path, fmt.Sprintf(` (\%s at %s)`, command, at), func() error {
		return d.runSplitter(ctx, d.splitter(path, file, script.ChunkSize))
	})
	d.nested--
	// The file's statements ran as statements of their own, with the exec
	// x: what they did is not what the \i did.
	x.Events = x.Events[:0]
	return err
}

// refuse reports a file that is not read, at span: the first line of an
// input, or of an archive entry.
func (d *driver) refuse(span script.Span, refused *source.RefusedError) {
	d.note(span, &catalog.FileRefused{Span: span, Message: refused.Error()})
}

// note reports an event at span that belongs to no statement: a file, or
// the end of one.
func (d *driver) note(span script.Span, ev catalog.Event) {
	st := &script.Stmt{Kind: script.KindMeta, Span: span}
	d.exec = exec{
		Exec: catalog.Exec{Site: catalog.Site{Span: span, Clock: d.clock, Through: span}, Events: d.exec.Events[:0]},
		c:    d.current,
		stmt: st,
	}
	d.exec.Report(ev)
	d.runRules(st)
}

// placedError is a failure whose message already names its file and place:
// it is passed on as it is.
type placedError struct{ error }

func (e placedError) Unwrap() error { return e.error }
