package analyzer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/pgseqlint/pgseqlint/analyzer/decompress"
	"github.com/pgseqlint/pgseqlint/analyzer/pgarchive"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
	"github.com/pgseqlint/pgseqlint/analyzer/source"
)

// read runs an input in whatever form it comes: plain SQL, compressed, or a
// pg_dump archive.
func (d *driver) read(ctx context.Context, in source.Input) error {
	st, err := source.Open(in, d.opts.Progress, d.opts.MaxInputBytes)
	if err != nil {
		return err
	}
	defer st.Close()
	if st.Archive != nil {
		return d.runArchive(ctx, in.Name, st.Archive)
	}
	sp := d.splitter(in.Name, st.SQL, script.ChunkSize)
	sp.At = st.At
	if !st.Compressed && in.Rewritable {
		sp.Rereadable = true
		d.rereadable[in.Name] = true
	}
	if in.Start.Line > 0 {
		sp.StartAt(in.Start) // a part of a file, such as a migration's up section
	}
	if err := d.runSplitter(ctx, sp); err != nil {
		return inputError(in.Name, err)
	}
	return nil
}

// inputError names the input in a failure to read it, unless the failure
// names it already.
func inputError(name string, err error) error {
	var de *decompress.Error
	var ie *script.InputError
	var pe placedError
	if !errors.As(err, &de) && (errors.As(err, &ie) || errors.As(err, &pe) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		return err // it names the file and the place
	}
	return source.ReadError(name, err)
}

// runArchive runs a pg_dump archive the way `pg_restore` (without options)
// restores it into the current database: entry by entry, in the archive's
// order, ACLs and then event triggers and materialized views last. Each
// entry is split as a script of its own, whose spans name the entry.
func (d *driver) runArchive(ctx context.Context, name string, a *pgarchive.Archive) error {
	// pg_restore opens a session of its own.
	d.current.NewSession()
	standardStrings := true
	var offset int64
	for _, step := range a.Plan() {
		e := step.Entry
		if step.Schema != "" {
			d.current.SetSearchPath([]string{step.Schema, "pg_catalog"})
		}
		var parts []io.Reader
		// Most entries are one short definition: a small window will do,
		// and it grows for a longer one.
		window := 2 * len(e.Defn)
		if step.Data {
			window = script.ChunkSize
		}
		if step.Defn {
			parts = append(parts, definition(e))
		}
		var data io.ReadCloser
		if step.Data {
			var err error
			data, err = a.Data(e)
			var refused *source.RefusedError
			if errors.As(err, &refused) {
				d.refuse(script.Span{File: name, Entry: e.Label(), Line: 1, Col: 1, CharCol: 1, EndLine: 1, EndCol: 1, EndCharCol: 1}, refused)
				data, err = nil, nil
			}
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if step.DataDefn {
				parts = append(parts, definition(e))
			}
			if data != nil {
				parts = append(parts, bytes.NewBufferString(e.CopyStmt), data)
			}
		}
		sp := d.splitter(name, io.MultiReader(parts...), max(window, 512))
		sp.StartEntry(e.Label(), offset, standardStrings)
		err := d.runSplitter(ctx, sp)
		if data != nil {
			if cerr := data.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			var ae *pgarchive.Error
			if errors.As(err, &ae) {
				return fmt.Errorf("%s: %w", name, ae)
			}
			return err
		}
		offset, standardStrings = sp.Offset(), sp.StandardConformingStrings()
	}
	return nil
}

// definition is an entry's SQL as pg_restore prints it: followed by a
// blank line, so that it ends before whatever comes next.
func definition(e *pgarchive.Entry) io.Reader {
	return bytes.NewBufferString(e.Defn + "\n\n")
}
