package analyzer

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/pgseqlint/pgseqlint/analyzer/decompress"
	"github.com/pgseqlint/pgseqlint/analyzer/pgarchive"
)

// sniffLen is how much of an input decides its form: a tar header is the
// longest signature.
const sniffLen = 512

// maxLayers bounds how many compressions are taken off one input (a
// dump.tar.gz has one): more is damage or a trap.
const maxLayers = 2

// inputKind is the form of an input, told by its first bytes.
type inputKind int

const (
	kindPlain inputKind = iota
	kindCompressed
	kindCustomArchive
	kindTarArchive
)

func sniff(head []byte) inputKind {
	switch {
	case decompress.Detect(head) != decompress.None:
		return kindCompressed
	case bytes.HasPrefix(head, []byte(pgarchive.Magic)):
		return kindCustomArchive
	case pgarchive.IsTar(head):
		return kindTarArchive
	}
	return kindPlain
}

// read runs a source in whatever form it comes: plain SQL, compressed
// (detected by content, not by name), or a pg_dump archive.
func (d *driver) read(ctx context.Context, src source) error {
	if src.dir != "" {
		a, err := pgarchive.OpenDirectory(src.dir)
		if err != nil {
			return fmt.Errorf("%s: %w", src.name, err)
		}
		return d.runArchive(ctx, src.name, a)
	}
	rc, err := src.open()
	if err != nil {
		return err
	}
	defer rc.Close()
	var r io.Reader = rc
	if d.opts.Progress != nil {
		r = countingReader{rc, d.opts.Progress}
	}
	for layer := 0; ; layer++ {
		br := bufio.NewReaderSize(r, 64<<10)
		head, err := br.Peek(sniffLen)
		if err != nil && !errors.Is(err, io.EOF) {
			return inputError(src.name, err)
		}
		switch sniff(head) {
		case kindCompressed:
			if layer == maxLayers {
				return fmt.Errorf("%s: compressed more than %d times over", src.name, maxLayers)
			}
			dec, err := decompress.NewReader(decompress.Detect(head), br)
			if err != nil {
				return fmt.Errorf("%s: %w", src.name, err)
			}
			defer dec.Close()
			r = dec
			continue
		case kindCustomArchive:
			var in io.Reader = br
			if f, ok := rc.(*os.File); ok && layer == 0 {
				// A file can seek: data blocks are found by their offsets.
				if _, err := f.Seek(0, io.SeekStart); err == nil {
					in = f
				}
			}
			a, err := pgarchive.ReadCustom(in)
			if err != nil {
				return fmt.Errorf("%s: %w", src.name, err)
			}
			return d.runArchive(ctx, src.name, a)
		case kindTarArchive:
			a, err := pgarchive.ReadTar(br)
			if err != nil {
				return fmt.Errorf("%s: %w", src.name, err)
			}
			return d.runArchive(ctx, src.name, a)
		}
		if f, ok := rc.(*os.File); ok && layer == 0 && src.rewritable && src.start.line == 0 && !d.opts.Reference {
			// A plain file is read in place.
			if data, err := mapFile(f); err == nil {
				d.rereadable[src.name] = true
				return d.runMapped(ctx, src.name, data)
			}
		}
		sp := d.splitter(src.name, br, chunkSize)
		if layer == 0 && src.rewritable {
			sp.rereadable = true
			d.rereadable[src.name] = true
		}
		if src.start.line > 0 {
			sp.pos = src.start // a part of a file, such as a migration's up section
		}
		if err := d.runSplitter(ctx, sp); err != nil {
			return inputError(src.name, err)
		}
		return nil
	}
}

// runMapped runs a file mapped into memory. A fault reading it (the file
// was cut short meanwhile) becomes an error.
func (d *driver) runMapped(ctx context.Context, name string, data []byte) (err error) {
	sp := newMappedSplitter(name, data, d.opts.Progress)
	if d.opts.MaxStmtBytes > 0 {
		sp.MaxStmtBytes = d.opts.MaxStmtBytes
	}
	sp.rereadable = true
	defer debug.SetPanicOnFault(faultsAsPanics())
	defer guardMapped(name, &err)
	return d.runSplitter(ctx, sp)
}

// inputError names the input in a failure to read it. Damaged compressed
// data is reported where it is damaged, not after how much SQL came out.
func inputError(name string, err error) error {
	var de *decompress.Error
	if errors.As(err, &de) {
		return fmt.Errorf("%s: %w", name, de)
	}
	var ie *InputError
	var pe placedError
	if errors.As(err, &ie) || errors.As(err, &pe) {
		return err // it names the file and the place
	}
	var ose *os.PathError
	if errors.As(err, &ose) {
		return pathError(name, err)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("%s: %w", name, err)
}

// runArchive runs a pg_dump archive the way `pg_restore` (without options)
// restores it into the current database: entry by entry, in the archive's
// order, ACLs and then event triggers and materialized views last. Each
// entry is split as a script of its own, whose spans name the entry.
func (d *driver) runArchive(ctx context.Context, name string, a *pgarchive.Archive) error {
	// pg_restore opens a session of its own.
	d.current.searchPath = defaultSearchPath
	standardStrings := true
	var offset int64
	for _, step := range a.Plan() {
		e := step.Entry
		if step.Schema != "" {
			d.current.setSearchPath([]string{step.Schema, "pg_catalog"})
		}
		var parts []io.Reader
		// Most entries are one short definition: a small window will do,
		// and it grows for a longer one.
		window := 2 * len(e.Defn)
		if step.Data {
			window = chunkSize
		}
		if step.Defn {
			parts = append(parts, definition(e))
		}
		var data io.ReadCloser
		if step.Data {
			var err error
			if data, err = a.Data(e); err != nil {
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
		sp.entry = e.Label()
		sp.pos.offset = offset
		sp.standardStrings = standardStrings
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
		offset, standardStrings = sp.pos.offset, sp.standardStrings
	}
	return nil
}

// definition is an entry's SQL as pg_restore prints it: followed by a
// blank line, so that it ends before whatever comes next.
func definition(e *pgarchive.Entry) io.Reader {
	return bytes.NewBufferString(e.Defn + "\n\n")
}
