package analyzer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/pgparse"
)

// Options says what to check and how.
type Options struct {
	// Paths are read in order as one script; "-" is Stdin.
	Paths []string
	Stdin io.Reader
	Rules []*Rule
	// Known are all the rules an ignore comment may name, run or not; nil
	// means Rules.
	Known []*Rule
	// Exclude, when set, tells the scripts not to read: paths that a
	// configuration excludes.
	Exclude func(path string) bool
	// NearLimit is the share of a sequence's range that sequence-near-limit
	// allows (0: DefaultNearLimit).
	NearLimit float64
	// MaxStmtBytes caps the text kept of one statement (0: the default).
	MaxStmtBytes int
}

// Result is what a run found.
type Result struct {
	Diagnostics []Diagnostic // in input order
	Files       int
	Statements  int
}

// Count returns the number of diagnostics at the given severity.
func (r *Result) Count(sev Severity) int {
	n := 0
	for _, d := range r.Diagnostics {
		if d.Severity == sev {
			n++
		}
	}
	return n
}

// Check reads the script and runs the rules over it.
func Check(ctx context.Context, opts Options) (*Result, error) {
	d := &driver{opts: opts, fileOrder: map[string]int{}, catalogs: map[string]*Catalog{}}
	d.current = d.catalog("")
	for _, path := range opts.Paths {
		if err := d.runPath(ctx, path); err != nil {
			return nil, err
		}
	}
	d.finish()
	d.applyIgnores()
	if len(d.order) == 1 {
		// One database: naming it says nothing.
		for _, diag := range d.diags {
			if diag.Subject != nil {
				diag.Subject.Database = ""
			}
		}
	}
	d.sortDiagnostics()
	return &Result{Diagnostics: d.diags, Files: d.files, Statements: d.statements}, nil
}

// driver runs a script: it splits it, parses each statement, applies it to
// the catalog of the database it runs in, and calls the rules.
type driver struct {
	opts      Options
	catalogs  map[string]*Catalog
	order     []*Catalog
	current   *Catalog
	clock     clock
	diags     []Diagnostic
	ignores   []*Ignore
	fileOrder map[string]int

	files, statements int
}

// catalog returns the model of a database, creating it at first use.
func (d *driver) catalog(name string) *Catalog {
	if c, ok := d.catalogs[name]; ok {
		return c
	}
	c := newCatalog(name)
	d.catalogs[name] = c
	d.order = append(d.order, c)
	return c
}

func (d *driver) runPath(ctx context.Context, path string) error {
	sources, err := d.expand(path)
	if err != nil {
		return err
	}
	for _, src := range sources {
		if path != "-" && d.opts.Exclude != nil && d.opts.Exclude(src.name) {
			continue
		}
		if err := d.runSource(ctx, src); err != nil {
			return err
		}
	}
	return nil
}

func (d *driver) runSource(ctx context.Context, src source) error {
	r, err := src.open()
	if err != nil {
		return err
	}
	defer r.Close()
	d.files++
	if _, seen := d.fileOrder[src.name]; !seen {
		d.fileOrder[src.name] = len(d.fileOrder)
	}
	return d.runScript(ctx, src.name, r)
}

func (d *driver) runScript(ctx context.Context, name string, r io.Reader) error {
	sp := NewSplitter(name, r)
	if d.opts.MaxStmtBytes > 0 {
		sp.MaxStmtBytes = d.opts.MaxStmtBytes
	}
	ignores := &ignoreReader{ignores: &d.ignores}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		st, err := sp.Next()
		if errors.Is(err, io.EOF) {
			ignores.end(sp.TakeDirectives())
			return nil
		}
		if err != nil {
			return err
		}
		d.clock++
		d.statements++
		x := &exec{c: d.current, stmt: st, site: Site{Span: st.Span, Source: firstLine(st.Text), Clock: d.clock, After: st.Span.End}}
		if st.Kind == KindMeta {
			err = d.meta(x, sp)
		} else {
			err = d.sql(x, sp, string(st.Text))
		}
		if err != nil {
			return err
		}
		d.runRules(st)
		ignores.statement(sp.TakeDirectives(), st.Span, x.site.After)
	}
}

// sql parses a SQL statement and applies it.
func (d *driver) sql(x *exec, sp *Splitter, text string) error {
	st := x.stmt
	stmts, err := pgparse.Parse(parseText(st, text))
	if err != nil {
		st.Events = append(st.Events, d.syntaxError(st, err))
		if st.CopyIn {
			// psql would read the rows as SQL; they are still data.
			_, err := sp.CopyData(nil)
			return err
		}
		return nil
	}
	copied := false
	for _, s := range stmts {
		if cp, ok := s.(*ast.Copy); ok && st.CopyIn && !copied {
			copied = true
			if err := d.copyIn(x, sp, cp); err != nil {
				return err
			}
			continue
		}
		x.c.apply(x, s)
	}
	if st.CopyIn && !copied {
		_, err := sp.CopyData(nil)
		return err
	}
	return nil
}

// copyIn reads the rows of a COPY FROM STDIN and applies them.
func (d *driver) copyIn(x *exec, sp *Splitter, cp *ast.Copy) error {
	plan := x.c.planCopy(x, cp)
	end, err := sp.CopyData(plan.folder)
	if err != nil {
		return err
	}
	x.site.After = end.Span.End
	x.c.finishCopy(x, plan, end)
	return nil
}

func (d *driver) syntaxError(st *Stmt, err error) *SyntaxError {
	se := &SyntaxError{Message: err.Error(), Span: st.Span}
	var perr *pgparse.SyntaxError
	if errors.As(err, &perr) && perr.Offset >= 0 && perr.Offset <= len(st.Text) {
		pos := position{offset: st.Span.Start, line: st.Span.Line, col: st.Span.Col}
		pos.advance(st.Text[:perr.Offset])
		se.Span = Span{File: st.Span.File, Start: pos.offset, End: pos.offset, Line: pos.line, Col: pos.col, EndLine: pos.line, EndCol: pos.col}
	}
	return se
}

// parseText prepares a statement for the parser, byte for byte so that
// positions hold: a backslash-quote read with standard_conforming_strings
// off becomes a doubled quote, and bytes the parser cannot take (NUL,
// invalid UTF-8 such as Latin-1 text) become '?'.
func parseText(st *Stmt, text string) string {
	if len(st.EscapedQuotes) == 0 && utf8.ValidString(text) && strings.IndexByte(text, 0) < 0 {
		return text
	}
	b := []byte(text)
	for _, q := range st.EscapedQuotes {
		b[q] = '\''
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 || r == 0 {
			b[i] = '?'
		}
		i += size
	}
	return string(b)
}

// meta runs a psql meta-command.
func (d *driver) meta(x *exec, sp *Splitter) error {
	name, args := metaCommand(x.stmt.Text)
	switch name {
	case "c", "connect":
		// \connect opens a session on another database (or the same one,
		// for "-" or no name): settings start over.
		words := strings.Fields(string(args))
		if len(words) > 0 && words[0] != "-" && !strings.Contains(words[0], "=") {
			d.current = d.catalog(strings.Trim(words[0], `"'`))
		}
		d.current.searchPath = defaultSearchPath
	case "copy":
		cp, err := psqlCopy(args)
		if err != nil {
			x.stmt.Events = append(x.stmt.Events, &SyntaxError{Message: err.Error(), Span: x.stmt.Span})
			if x.stmt.CopyIn {
				_, err := sp.CopyData(nil)
				return err
			}
			return nil
		}
		if x.stmt.CopyIn {
			return d.copyIn(x, sp, cp)
		}
		x.c.apply(x, cp)
	}
	return nil
}

// psqlCopy reads \copy's arguments as the COPY statement psql sends. Its
// file name may be unquoted; pstdin is psql's own input, not the script.
func psqlCopy(args []byte) (*ast.Copy, error) {
	words := metaCopyWords(args)
	from := -1
	for i, w := range words {
		if equalFold(w, "from") {
			from = i
			break
		}
	}
	if from < 0 || from+1 >= len(words) {
		return nil, errors.New(`\copy: only \copy ... from is checked`)
	}
	source := words[from+1]
	rest := words[from+2:]
	if equalFold(source, "program") && len(rest) > 0 {
		rest = rest[1:]
	}
	sql := "COPY " + string(bytes.Join(words[:from], []byte(" "))) + " FROM STDIN " + string(bytes.Join(rest, []byte(" ")))
	stmts, err := pgparse.Parse(sql)
	if err != nil || len(stmts) != 1 {
		return nil, fmt.Errorf(`\copy: %v`, err)
	}
	cp, ok := stmts[0].(*ast.Copy)
	if !ok {
		return nil, errors.New(`\copy: not a COPY ... FROM`)
	}
	switch {
	case equalFold(source, "stdin"):
	case equalFold(source, "program"):
		cp.Source = ast.CopyFromProgram
	default:
		cp.Source = ast.CopyFromFile
	}
	return cp, nil
}

func (d *driver) runRules(st *Stmt) {
	for _, r := range d.opts.Rules {
		if r.OnStmt != nil {
			r.OnStmt(&Pass{Rule: r, Stmt: st, Catalog: d.current, opts: &d.opts, report: d.report})
		}
	}
}

func (d *driver) finish() {
	for _, c := range d.order {
		for _, r := range d.opts.Rules {
			if r.Finish != nil {
				r.Finish(&Pass{Rule: r, Catalog: c, opts: &d.opts, report: d.report})
			}
		}
	}
}

func (d *driver) report(diag Diagnostic) { d.diags = append(d.diags, diag) }

func (d *driver) sortDiagnostics() {
	sort.SliceStable(d.diags, func(i, j int) bool {
		a, b := d.diags[i], d.diags[j]
		if fa, fb := d.fileOrder[a.Span.File], d.fileOrder[b.Span.File]; fa != fb {
			return fa < fb
		}
		if a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		return a.Rule < b.Rule
	})
}

// firstLine is the first line of a statement, for showing it to people.
func firstLine(text []byte) string {
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	text = bytes.TrimRight(text, "\r")
	const max = 200
	if len(text) > max {
		n := max
		for n > 0 && !utf8.RuneStart(text[n]) {
			n--
		}
		return string(text[:n]) + "…"
	}
	return string(text)
}
