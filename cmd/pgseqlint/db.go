package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/fix"
	"github.com/pgseqlint/pgseqlint/analyzer/inert"
	"github.com/pgseqlint/pgseqlint/analyzer/livedb"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
	"github.com/pgseqlint/pgseqlint/analyzer/source"
)

// dbOptions are the flags and arguments of `pgseqlint db`.
type dbOptions struct {
	io         streams
	conn       string
	format     string
	sourceRoot string
	color      string
	failOn     string
	config     configFlags
	fix, apply bool
	read       livedb.Options
}

func newCmdDB(io streams, runF func(*dbOptions) error) *cobra.Command {
	opts := &dbOptions{io: io}
	cmd := &cobra.Command{
		Use:   "db [flags] [URL]",
		Short: "Audit a live database, and repair it",
		Long: `Db reads a live database and reports every sequence whose next value is at or below a key
already in a column it feeds (at or above, for a descending sequence): the next insert that
takes the default fails with "duplicate key value violates unique constraint".

URL is a connection URL (postgres://user@host:5432/dbname) or a key/value string
("host=... dbname=..."); what it leaves out comes from the PG* environment variables, a
service file (service=NAME) and ~/.pgpass, as with psql. Without URL, the environment says
everything.

The database is read in one REPEATABLE READ READ ONLY transaction: nothing is written, and a
role with SELECT on the tables and USAGE on the sequences is enough (what it may not read is
a permission-denied warning). Each key is read through an index on its column; one without
is read by scanning its table, with a warning on standard error.

--fix prints the SQL that repairs what was found, the statements fix writes. --apply runs
them, in one transaction that locks each table against writers (SHARE ROW EXCLUSIVE, which
readers pass) before its keys are read, and prints what it changed. Without --apply nothing
is ever written.

Exit status: as check (0, 1 for findings at or above --fail-on, 2 when the run failed); with
--fix, 0 or 2; with --apply, 1 when a sequence still collides after the repair.`,
		Example: `  pgseqlint db postgres://app@db.example.com/shop
  PGDATABASE=shop pgseqlint db --format json
  pgseqlint db --schema app --table 'user*' "host=/var/run/postgresql dbname=shop"
  pgseqlint db --fix postgres://app@db.example.com/shop > repair.sql
  pgseqlint db --apply postgres://admin@db.example.com/shop`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.conn = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return dbRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "", "output format of the audit: text, json, sarif, github or gitlab (default text, with GitHub annotations in GitHub Actions)")
	cmd.Flags().StringVar(&opts.sourceRoot, "source-root", "", "directory that sarif, github and gitlab output name files relative to")
	cmd.Flags().StringVar(&opts.color, "color", "auto", "colour the text output: auto, always or never")
	cmd.Flags().StringVar(&opts.failOn, "fail-on", "error", "lowest severity that makes the exit status 1: error, warning or never")
	opts.config.register(cmd)
	cmd.Flags().BoolVar(&opts.fix, "fix", false, "print the SQL that repairs what is found")
	cmd.Flags().BoolVar(&opts.apply, "apply", false, "repair what is found, in one transaction, and print what changed")
	cmd.MarkFlagsMutuallyExclusive("fix", "apply")
	cmd.Flags().StringArrayVar(&opts.read.Schemas, "schema", nil, "audit only the sequences that feed tables of schema `NAME` (repeatable)")
	cmd.Flags().StringArrayVar(&opts.read.Tables, "table", nil, "audit only the sequences that feed tables matching `PATTERN`, as pg_dump -t reads it: * and ? are wildcards, schema.table (repeatable)")
	cmd.Flags().DurationVar(&opts.read.StatementTimeout, "statement-timeout", 0, "cancel any one query that runs longer than this (such as 30s; default: the server's statement_timeout)")
	return cmd
}

func dbRun(ctx context.Context, opts *dbOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if (opts.fix || opts.apply) && opts.format != "" {
		return failure(errors.New("--format is for the audit: --fix and --apply print SQL and changes"))
	}
	set, err := opts.config.load()
	if err != nil {
		return failure(err)
	}
	threshold, err := failThreshold(set.failOn(opts.failOn))
	if err != nil {
		return failure(err)
	}
	useColor, err := colorWanted(opts.color, opts.io)
	if err != nil {
		return failure(err)
	}
	out, err := newOutput(opts.format, opts.sourceRoot, useColor)
	if err != nil {
		return failure(err)
	}
	conn, err := livedb.Connect(ctx, opts.conn)
	if err != nil {
		return failure(err)
	}
	defer conn.Close()
	snap, err := readDatabase(ctx, conn, opts.read, opts.io.err)
	if err != nil {
		return failure(err)
	}
	checkOpts := set.options(nil, opts.io.in)
	checkOpts.Database = snap.Catalog
	res, err := analyzer.Check(ctx, checkOpts)
	if err != nil {
		return failure(err)
	}
	switch {
	case opts.fix:
		if err := fix.NewPatch(res, false).Write(opts.io.out); err != nil {
			return failure(err)
		}
		return nil
	case opts.apply:
		return applyRepairs(ctx, conn, snap, res, opts)
	}
	if err := out.write(opts.io.out, res); err != nil {
		return failure(err)
	}
	for _, d := range res.Diagnostics {
		if threshold != 0 && d.Severity >= threshold {
			return &exitError{code: 1}
		}
	}
	return nil
}

// readDatabase reads a live database, and says on w which keys were read
// without an index, and why that was slow.
func readDatabase(ctx context.Context, conn *livedb.Conn, opts livedb.Options, w io.Writer) (*livedb.Snapshot, error) {
	snap, err := conn.Read(ctx, opts)
	if err != nil {
		return nil, err
	}
	for _, s := range snap.Scanned {
		rows := "rows never counted by ANALYZE"
		if s.Rows >= 0 {
			rows = fmt.Sprintf("about %d rows", s.Rows)
		}
		fmt.Fprintf(w, "pgseqlint: warning: no index on %s: its keys were read by scanning the whole table (%s)\n", inert.String(s.Column.QualifiedName()), rows)
	}
	return snap, nil
}

// applyRepairs runs the repair of what missing-setval found, and prints
// what it changed.
func applyRepairs(ctx context.Context, conn *livedb.Conn, snap *livedb.Snapshot, res *analyzer.Result, opts *dbOptions) error {
	var sequences []string
	for _, d := range res.Diagnostics {
		if d.Rule == "missing-setval" && d.Fix != nil {
			sequences = append(sequences, d.Subject.Sequence)
		}
	}
	changes, err := conn.Repair(ctx, snap.Catalog, sequences, opts.read)
	if err != nil {
		return failure(fmt.Errorf("nothing was changed: %w", err))
	}
	var w strings.Builder
	repaired, still := 0, 0
	for _, ch := range changes {
		// Names come from the database: shown inert, as everywhere.
		name := inert.String(ch.Sequence.QualifiedName())
		c := ch.Collision
		if c == nil {
			fmt.Fprintf(&w, "left %s as it was: it is past its keys by now\n", name)
			continue
		}
		repaired++
		fmt.Fprintf(&w, "%s\n", inert.String(ch.SQL))
		bound := "up to"
		if !ch.Sequence.Ascending() {
			bound = "down to"
		}
		next := fmt.Sprintf("hands out %d next", ch.After)
		if !ch.HasAfter {
			next = "stands at its limit: nextval fails rather than collide"
		}
		fmt.Fprintf(&w, "-- %s %s (it handed out %d), past keys %s %d in %s\n", name, next, ch.Before, bound, c.Key, inert.String(c.Column.QualifiedName()))
		if ch.Still {
			still++
			for _, line := range fix.For(c).Comment[1:] {
				fmt.Fprintf(&w, "-- %s\n", inert.String(line))
			}
		}
	}
	fmt.Fprintf(&w, "%s repaired in database %s\n", source.Plural(repaired, "sequence"), inert.String(script.QuoteIdent(res.Database)))
	if _, err := io.WriteString(opts.io.out, w.String()); err != nil {
		return failure(err)
	}
	if still > 0 {
		return &exitError{code: 1}
	}
	return nil
}

// readDB reads the live database of --db, which the script then runs on
// top of.
func (o *inputOptions) readDB(ctx context.Context, opts *analyzer.Options, io streams) error {
	if o.db == "" {
		return nil
	}
	if ctx == nil {
		ctx = context.Background()
	}
	conn, err := livedb.Connect(ctx, o.db)
	if err != nil {
		return err
	}
	defer conn.Close()
	snap, err := readDatabase(ctx, conn, livedb.Options{}, io.err)
	if err != nil {
		return err
	}
	opts.Database = snap.Catalog
	return nil
}
