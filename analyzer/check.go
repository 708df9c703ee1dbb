package analyzer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"unsafe"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
	"github.com/pgseqlint/pgseqlint/analyzer/inert"
	"github.com/pgseqlint/pgseqlint/analyzer/pgparse"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
	"github.com/pgseqlint/pgseqlint/analyzer/source"
)

// Options says what to check and how.
type Options struct {
	// Paths are read in order as one script; "-" is Stdin.
	Paths []string
	Stdin io.Reader
	// StdinName, when set, is the name spans and reports give Stdin.
	StdinName string
	Rules     []*Rule
	// Known are all the rules an ignore comment may name, run or not; nil
	// means Rules.
	Known []*Rule
	// Exclude, when set, tells the scripts whose findings are silenced:
	// paths that a configuration excludes. They still run, as they would
	// for the database: their tables, loads and setvals count.
	Exclude func(path string) bool
	// NearLimit is the share of a sequence's range that sequence-near-limit
	// allows (0: DefaultNearLimit).
	NearLimit float64
	// PGVersion is the major version of PostgreSQL the script is meant
	// for (0: GrammarVersion). Above GrammarVersion, a statement the
	// parser rejects may be valid there, and is reported as a warning.
	PGVersion int
	// MaxStmtBytes caps the text kept of one statement (0: the default).
	MaxStmtBytes int
	// MaxInputBytes caps what decompressing one input, or one archive
	// entry's data, may produce (0: no limit but the ratio).
	MaxInputBytes int64
	// MaxFindings is the most findings of one rule a run keeps, and a
	// tenth of the most in all (0: DefaultMaxFindings).
	MaxFindings int
	// Layout is how a directory's files run: LayoutAuto ("" too) detects
	// the migration tool.
	Layout source.Layout
	// Schema paths are read first, for their DDL only: they say what the
	// tables and sequences are, and nothing in them is reported.
	Schema []string
	// Verbose, when set, receives the files in the order they are read.
	Verbose io.Writer
	// Progress, when set, counts the bytes read.
	Progress *source.Progress
	// Reference reads every statement with the parser, on one core: the
	// plain way the fast paths are held to (tests and benchmarks).
	Reference bool
	// Root is the project root: inputs, the files they include, migration
	// files and archive members are read only inside it (nil: the
	// deepest directory that holds every path, see source.DefaultRootDir).
	Root *source.Root
	// Database, when set, is the model of the live database the script
	// runs on top of (check --db), read from its catalogs: its tables,
	// sequences and keys count as the script's own. Without Paths, the
	// run audits it as it stands (db).
	Database *catalog.Catalog
}

// Result is what a run found.
type Result struct {
	Diagnostics []Diagnostic // in input order
	// Omitted are the findings past the limits (Options.MaxFindings):
	// counted, not shown.
	Omitted []Omitted
	// Read names the files read, in order (standard input as
	// source.StdinName): fix writes over none of them.
	Read       []string
	Files      int
	Statements int
	// UnknownTables counts the tables rows were loaded into that the
	// script never creates: what they hold could not be checked.
	UnknownTables int
	// Database is the name of the live database the script ran on top of,
	// or that was audited; "" for none.
	Database string
}

// Count returns the number of findings at the given severity, those not
// shown among them.
func (r *Result) Count(sev Severity) int {
	n := 0
	for _, d := range r.Diagnostics {
		if d.Severity == sev {
			n++
		}
	}
	for _, o := range r.Omitted {
		if o.Severity == sev {
			n += o.Count
		}
	}
	return n
}

// Reaches reports whether a finding, shown or not, is at or above the
// severity.
func (r *Result) Reaches(sev Severity) bool {
	return r.Count(SeverityError) > 0 && sev <= SeverityError || r.Count(SeverityWarning) > 0 && sev <= SeverityWarning
}

// NotShown is the number of findings past the limits.
func (r *Result) NotShown() int {
	n := 0
	for _, o := range r.Omitted {
		n += o.Count
	}
	return n
}

// Inputs returns the scripts a path of the command line stands for, in the
// order they run.
func (o *Options) Inputs(path string) ([]source.Input, error) {
	if err := o.openRoot(); err != nil {
		return nil, err
	}
	return source.Inputs(path, source.Options{Stdin: o.Stdin, StdinName: o.StdinName, Layout: o.Layout, Verbose: o.Verbose, Root: o.Root})
}

// openRoot opens the default project root when none was given.
func (o *Options) openRoot() error {
	if o.Root != nil {
		return nil
	}
	dir, err := source.DefaultRootDir(append(slices.Clip(o.Schema), o.Paths...))
	if err == nil {
		o.Root, err = source.NewRoot(dir, false)
	}
	return err
}

// Check reads the script and runs the rules over it.
func Check(ctx context.Context, opts Options) (*Result, error) {
	if _, err := source.ParseLayout(string(opts.Layout)); err != nil {
		return nil, err
	}
	if opts.Root == nil {
		if err := opts.openRoot(); err != nil {
			return nil, err
		}
		defer opts.Root.Close()
	}
	d := newDriver(opts)
	defer d.applier.stop()
	if err := d.readSchema(ctx); err != nil {
		return nil, err
	}
	for _, path := range opts.Paths {
		err := d.runPath(ctx, path)
		if errors.Is(err, errScriptStopped) {
			break // psql runs nothing after it
		}
		if err != nil {
			return nil, err
		}
	}
	// The script's end ends its session.
	d.current.EndSession()
	d.ignoreIndex()
	d.finish()
	d.silenceWholeFile()
	d.judgeIgnores()
	if len(d.order) == 1 && d.order[0].Origin() == nil {
		// One database: naming it says nothing, unless it is a live one.
		for _, diag := range d.diags {
			if diag.Subject != nil {
				diag.Subject.Database = ""
			}
		}
	}
	d.fillSources()
	d.sortDiagnostics()
	read := make([]string, len(d.fileOrder))
	for name, i := range d.fileOrder {
		read[i] = name
	}
	res := &Result{Diagnostics: d.diags, Omitted: d.omissions(), Read: read, Files: d.files, Statements: d.statements}
	if opts.Database != nil {
		res.Database = opts.Database.Database
	}
	for _, c := range d.order {
		res.UnknownTables += len(c.UnknownTables())
	}
	return res, nil
}

func newDriver(opts Options) *driver {
	d := &driver{opts: opts, fileOrder: map[string]int{}, catalogs: map[string]*catalog.Catalog{}, silenced: map[string]bool{}, rereadable: map[string]bool{}, kept: map[string]int{}}
	d.pass.report, d.pass.opts = d.report, &d.opts
	// The script starts in the live database when there is one, known by
	// its name to \connect.
	d.clock = catalog.BeforeScript
	if db := opts.Database; db != nil {
		d.catalogs[db.Database] = db
		d.order = append(d.order, db)
		d.current = db
	} else {
		d.current = d.catalog("")
	}
	d.psql.vars = script.NewPsqlVars()
	d.applier = newApplier(d)
	d.keep.Drain = d.applier.drain
	return d
}

// driver runs a script: it splits it, parses each statement, applies it to
// the catalog of the database it runs in, and calls the rules.
type driver struct {
	opts     Options
	catalogs map[string]*catalog.Catalog
	order    []*catalog.Catalog
	current  *catalog.Catalog
	clock    catalog.Clock
	diags    []Diagnostic
	// kept counts the findings kept, by rule and in all; omitted those
	// past the limits, by file, rule and severity.
	kept    map[string]int
	keptAll int
	omitted map[omitKey]int
	ignores []*Ignore
	// reporting is the script whose statement's rules are running: their
	// findings wait there for the comments that may silence them.
	reporting *ignoreReader
	// index holds every comment, once the script is read.
	index     *ignoreIndex
	fileOrder map[string]int
	keep      catalog.KeepCache
	// inserts is the fast path's arena for INSERTs the lexer read; applier
	// has those the splitter read.
	inserts script.InsertArena
	applier *applier
	// noRun is the text of INSERTs not to fold in a run (see foldRun)
	// until a statement other than an INSERT runs: the table's INSERTs
	// cannot be, or the last try folded none.
	noRun string
	// rereadable are the plain files read: a finding's line can be read
	// back from them.
	rereadable map[string]bool
	exec       exec
	pass       Pass
	psql       psqlState
	// schema is set while the --schema paths are read. silenced are the
	// files whose findings are dropped: those read then, and those the
	// configuration excludes.
	schema   bool
	silenced map[string]bool
	// including is the chain of files being read, the outermost first:
	// \i and \ir add to it.
	including []includeFrame
	// includes counts the files \i and \ir read; nested is how many of
	// them are being read.
	includes, nested int

	files, statements int
}

// catalog returns the model of a database, creating it at first use.
func (d *driver) catalog(name string) *catalog.Catalog {
	if c, ok := d.catalogs[name]; ok {
		return c
	}
	c := catalog.New(name)
	d.catalogs[name] = c
	d.order = append(d.order, c)
	return c
}

func (d *driver) runPath(ctx context.Context, path string) error {
	inputs, err := d.opts.Inputs(path)
	if err != nil {
		return err
	}
	for _, in := range inputs {
		if path != "-" && d.opts.Exclude != nil && d.opts.Exclude(in.Name) {
			d.silenced[in.Name] = true
			in.Note += " (excluded: it runs, its findings are silenced)"
		}
		if in.Refused != nil {
			d.refuse(script.Span{File: in.Name, Line: 1, Col: 1, CharCol: 1, EndLine: 1, EndCol: 1, EndCharCol: 1}, in.Refused)
			continue
		}
		if err := d.runInput(ctx, in); err != nil {
			return err
		}
	}
	return nil
}

func (d *driver) runInput(ctx context.Context, in source.Input) error {
	return d.readFile(in.Name, in.Note, func() error { return d.read(ctx, in) })
}

// readFile reads one file (or a part of one) as the next link of the
// include chain; read does the reading.
func (d *driver) readFile(name, note string, read func() error) error {
	if d.schema {
		note += " (schema: DDL only)"
	}
	if d.opts.Verbose != nil {
		fmt.Fprintf(d.opts.Verbose, "  read %s\n", inert.String(name+note))
	}
	if _, seen := d.fileOrder[name]; !seen {
		d.fileOrder[name] = len(d.fileOrder)
		d.files++
	}
	// What a silenced file includes is silenced with it.
	if d.schema || len(d.including) > 0 && d.silenced[d.including[len(d.including)-1].name] {
		d.silenced[name] = true
	}
	d.including = append(d.including, newIncludeFrame(name))
	defer func() { d.including = d.including[:len(d.including)-1] }()
	return read()
}

// splitter reads a script; window is how much of it to read at a time.
func (d *driver) splitter(name string, r io.Reader, window int) *script.Splitter {
	sp := script.NewSplitterWindow(name, r, window)
	if d.opts.MaxStmtBytes > 0 {
		sp.MaxStmtBytes = d.opts.MaxStmtBytes
	}
	return sp
}

func (d *driver) runSplitter(ctx context.Context, sp *script.Splitter) error {
	defer sp.Close()
	outer := d.psql.blocks
	d.psql.blocks = nil
	defer func() { d.psql.blocks = outer }()
	d.setFastPath(sp)
	ignores := &ignoreReader{ignores: &d.ignores, decide: d.hold}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		d.keep.Catalog = d.current
		st, err := sp.Next()
		if err == nil && st.Read {
			arena := d.applier.arena()
			ins, prefix := *arena.Insert(), st.Text[:arena.RowsAt()]
			d.applier.add(st, sp.TakeDirectives(), ignores, sp.Rereadable)
			d.foldRun(sp, &ins, prefix, ignores)
			continue
		}
		d.noRun = ""
		// Anything else runs once the INSERTs before it are applied.
		d.applier.drain()
		if errors.Is(err, io.EOF) {
			ignores.end(sp.TakeDirectives())
			return d.unclosedIf()
		}
		if err != nil {
			return err
		}
		x := d.begin(st, sp.Rereadable)
		switch {
		case !d.psql.active() && !conditional(st):
			d.skip(x, sp)
		case st.Oversized:
			err = d.tooLong(x, sp)
		case st.Kind == script.KindMeta:
			err = d.meta(ctx, x, sp)
			d.setFastPath(sp)
		default:
			err = d.sql(x, sp)
		}
		if errors.Is(err, errScriptStopped) {
			// psql stopped in a file this one includes: this one ends too.
			ignores.end(sp.TakeDirectives())
		}
		if err != nil {
			return err
		}
		stop := d.psql.vars.OnErrorStop && (x.Failed() || x.psqlFailed)
		if stop {
			x.Report(&catalog.PsqlStopped{})
		}
		d.end(st, sp.TakeDirectives(), ignores)
		if stop {
			ignores.end(sp.TakeDirectives())
			return errScriptStopped
		}
	}
}

// applyReadAhead runs an INSERT the splitter's fast path read; it runs on
// the applier's goroutine.
func (d *driver) applyReadAhead(q *queuedInsert) {
	x := d.begin(&q.stmt, q.rereadable)
	x.c.Apply(&x.Exec, &q.ins)
	d.end(&q.stmt, q.directives, q.ignores)
}

// exec is a statement being run: the statement, the catalog of the
// database it runs in, and its run there.
type exec struct {
	catalog.Exec
	c    *catalog.Catalog
	stmt *script.Stmt
	// unquoted is set for a statement of an included file that is not SQL
	// pgseqlint could read (it did not parse, or is too long): its
	// findings quote none of its text. Whoever wrote the \i chose the
	// file, which may be no SQL of the project's at all.
	unquoted bool
	// psqlFailed is set when psql rejects the meta-command: with
	// ON_ERROR_STOP, psql stops there.
	psqlFailed bool
}

// begin starts running a statement: it moves the clock and readies the
// exec through which the statement acts.
func (d *driver) begin(st *script.Stmt, rereadable bool) *exec {
	d.clock++
	d.statements++
	// One exec serves every statement: what outlives it is copied out.
	d.exec = exec{
		Exec: catalog.Exec{Site: catalog.Site{Span: st.Span, Clock: d.clock, Through: st.Span}, Events: d.exec.Events[:0]},
		c:    d.current,
		stmt: st,
	}
	if !rereadable {
		// A file can give a finding's line back at the end; other
		// inputs keep every statement's first line.
		d.exec.Site.Source = script.FirstLine(st.Text)
	}
	return &d.exec
}

// end runs the rules over a statement that has run and places the
// comments read with it.
func (d *driver) end(st *script.Stmt, directives []script.Comment, ignores *ignoreReader) {
	d.exec.c.Finished(&d.exec.Exec, d.psql.vars.OnErrorRollback)
	if !d.schema {
		outer := d.reporting
		d.reporting = ignores
		d.runRules(st)
		d.reporting = outer
	}
	ignores.statement(directives, st.Span, d.exec.Site.Through.End)
}

// tooLong notes a statement longer than the splitter keeps, which is read
// past unparsed, with its COPY rows if it has any.
func (d *driver) tooLong(x *exec, sp *script.Splitter) error {
	x.unquoted = d.nested > 0
	x.Report(&catalog.StatementTooLong{Size: x.stmt.Size, Limit: sp.MaxStmtBytes})
	if x.stmt.CopyIn {
		_, err := sp.CopyData(nil)
		return err
	}
	return nil
}

// readInsert is the splitter's INSERT fast path: it parses an INSERT
// straight from the splitter's window, before the lexer reads it, into the
// applier's arena. (A schema's INSERTs are not read.)
func (d *driver) readInsert(text []byte, escapes, eof bool) (int, bool) {
	arena := d.applier.arena()
	mark := arena.Mark()
	// The window's bytes, not a copy: what the parse keeps is copied out.
	_, n, ok := script.ParseInsertPrefix(unsafe.String(unsafe.SliceData(text), len(text)), escapes, eof, &d.keep, arena)
	if !ok {
		arena.Rollback(mark) // the lexer reads it instead
	}
	return n, ok
}

// sql parses a SQL statement and applies it.
func (d *driver) sql(x *exec, sp *script.Splitter) error {
	st, run := d.substitute(x, sp)
	if !run {
		if st.CopyIn {
			_, err := sp.CopyData(nil)
			return err
		}
		return nil
	}
	text := st.ParseText()
	if !d.schema && !d.opts.Reference && script.LooksLikeInsert(st.Text) {
		if ins, ok := script.ParseInsertFast(text, st.Escapes, &d.keep, &d.inserts); ok {
			x.c.Apply(&x.Exec, ins)
			return nil
		}
	}
	stmts, err := pgparse.Parse(text)
	if err != nil {
		x.unquoted = d.nested > 0
		se := d.syntaxError(st, err)
		if st != x.stmt {
			// A place in the substituted text is none in the input.
			se.Span = st.Span
		}
		x.Fail(se)
		if st.CopyIn {
			// psql would read the rows as SQL; they are still data.
			_, err := sp.CopyData(nil)
			return err
		}
		return nil
	}
	copied := false
	for _, s := range stmts {
		if d.schema && !schemaStatement(s) {
			continue
		}
		if cp, ok := s.(*ast.Copy); ok && st.CopyIn && !copied {
			copied = true
			if err := d.copyIn(x, sp, cp); err != nil {
				return err
			}
			continue
		}
		x.c.Apply(&x.Exec, s)
	}
	if st.CopyIn && !copied {
		_, err := sp.CopyData(nil)
		return err
	}
	return nil
}

// copyIn reads the rows of a COPY FROM STDIN and applies them.
func (d *driver) copyIn(x *exec, sp *script.Splitter, cp *ast.Copy) error {
	plan := x.c.PlanCopy(&x.Exec, cp)
	plan.Folder.Serial = d.opts.Reference
	end, err := sp.CopyData(plan.Folder)
	if err != nil {
		return err
	}
	x.Site.Through = x.Site.Through.To(end.Span)
	x.c.FinishCopy(&x.Exec, plan, end)
	return nil
}

func (d *driver) syntaxError(st *script.Stmt, err error) *catalog.SyntaxError {
	se := &catalog.SyntaxError{Message: clipToken(err.Error()), Span: st.Span}
	var perr *pgparse.SyntaxError
	if errors.As(err, &perr) && perr.Offset >= 0 && perr.Offset <= len(st.Text) {
		se.Span = st.At(perr.Offset)
	}
	return se
}

// meta runs a psql meta-command.
func (d *driver) meta(ctx context.Context, x *exec, sp *script.Splitter) error {
	name, args := script.MetaCommand(x.stmt.Text)
	switch name {
	case "c", "connect":
		// \connect opens a session on another database (or the same one,
		// for "-" or no name): settings start over.
		d.current.EndSession()
		if db, same := script.ConnectTarget(args); !same {
			d.current = d.catalog(db)
		}
		d.current.NewSession()
	case "i", "include", "ir", "include_relative":
		return d.include(ctx, x, name, args)
	case "set", "unset", "gset", "getenv", "prompt", "if", "elif", "else", "endif":
		d.psqlCommand(x, name, args)
	case "copy":
		if d.schema {
			return nil // data: a schema is read for its DDL only
		}
		cp, err := script.PsqlCopy(args)
		if cp == nil && err == nil {
			return nil // \copy ... to: psql writes rows out, nothing is loaded
		}
		if err != nil {
			x.psqlFailed = true // psql's own error: ON_ERROR_STOP stops there
			x.Report(&catalog.SyntaxError{Message: err.Error(), Span: x.stmt.Span})
			if x.stmt.CopyIn {
				_, err := sp.CopyData(nil)
				return err
			}
			return nil
		}
		if x.stmt.CopyIn {
			return d.copyIn(x, sp, cp)
		}
		x.c.Apply(&x.Exec, cp)
	}
	return nil
}

func (d *driver) runRules(st *script.Stmt) {
	if len(d.exec.Events) == 0 {
		return // most statements of a dump: an INSERT that loaded its rows
	}
	for _, r := range d.opts.Rules {
		if r.OnStmt != nil {
			d.pass.Rule, d.pass.Stmt, d.pass.Events, d.pass.Catalog = r, st, d.exec.Events, d.current
			r.OnStmt(&d.pass)
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

// fillSources reads back, from the files, the first lines of the
// statements that findings point at and that were not kept while reading.
func (d *driver) fillSources() {
	files := map[string]*os.File{}
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	for i := range d.diags {
		diag := &d.diags[i]
		if diag.Source != "" || diag.Span.Entry != "" || !d.rereadable[diag.Span.File] {
			continue
		}
		f, ok := files[diag.Span.File]
		if !ok {
			f, _ = d.opts.Root.Open(diag.Span.File)
			files[diag.Span.File] = f
		}
		if f == nil {
			continue
		}
		buf := make([]byte, 512)
		n, _ := f.ReadAt(buf, diag.Span.Start)
		diag.Source = script.FirstLine(buf[:n])
	}
}

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
