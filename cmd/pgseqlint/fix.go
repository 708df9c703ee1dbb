package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/fix"
	"github.com/pgseqlint/pgseqlint/analyzer/inert"
	"github.com/pgseqlint/pgseqlint/analyzer/source"
)

// fixOptions are the flags and arguments of `pgseqlint fix`.
type fixOptions struct {
	io      streams
	paths   []string
	inputs  inputOptions
	config  configFlags
	static  bool
	output  string
	write   bool
	diff    bool
	inPlace bool
}

func newCmdFix(io streams, runF func(*fixOptions) error) *cobra.Command {
	opts := &fixOptions{io: io}
	cmd := &cobra.Command{
		Use:   "fix [flags] PATH...",
		Short: "Write the SQL that fixes the problems",
		Long: `Fix reads the PATHs as check does and writes the SQL that moves every sequence found by
missing-setval or stale-setval past the keys of the columns it feeds: one statement per
sequence, in script order, each after a comment naming the column and where its keys were
loaded.

By default the values are computed by the database when the statements run, from the data
then in the tables: the largest key (the smallest, for a descending sequence), or the start
value for an empty table. The statements can run any number of times. --static writes
pg_dump's literal setval with the values seen in the input instead, where the input shows them.

The patch goes to standard output, or to a file with -o. -w inserts each statement into the
input itself, right after the last statement that loads into or moves its sequence; -d shows
that change as a unified diff. Only plain SQL files can be rewritten: a file is replaced
through a temporary file beside it, keeps its mode, and is left alone if it changed while
pgseqlint was reading it.

When the last PATH is a migration directory, -w does not edit migrations that may already have
run (Flyway refuses a changed checksum, golang-migrate never runs a file twice): it writes a new
migration there, fix_sequences, named and laid out as the directory's tool expects, and prints
its files. --in-place edits the migrations instead.

Exit status: 0 on success, also when nothing needs fixing; 2 when the run failed.`,
		Example: `  pgseqlint fix dump.sql > fixup.sql
  pgseqlint fix --static -o fixup.sql schema.sql data.sql
  pgseqlint fix -d dump.sql
  pgseqlint fix -w dump.sql
  pgseqlint fix -w db/migrations`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			if runF != nil {
				return runF(opts)
			}
			return fixRun(cmd.Context(), opts)
		},
	}
	opts.inputs.addFlags(cmd)
	opts.config.register(cmd)
	cmd.Flags().BoolVar(&opts.static, "static", false, "write the literal values seen in the input, as pg_dump does")
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", "write the patch to `FILE` instead of standard output")
	cmd.Flags().BoolVarP(&opts.write, "write", "w", false, "insert the statements into the input files")
	cmd.Flags().BoolVarP(&opts.diff, "diff", "d", false, "print the change -w would make to the files, as a unified diff")
	cmd.Flags().BoolVar(&opts.inPlace, "in-place", false, "with -w on a migration directory, insert the statements into its migrations instead of writing a new one")
	return cmd
}

func fixRun(ctx context.Context, opts *fixOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	inPlace := opts.write || opts.diff
	if inPlace && opts.output != "" {
		return failure(errors.New("-o cannot be used with -w or -d"))
	}
	set, err := opts.config.load()
	if err != nil {
		return failure(err)
	}
	checkOpts := set.options(opts.paths, opts.io.in)
	if err := opts.inputs.apply(&checkOpts, opts.io); err != nil {
		return failure(err)
	}
	defer checkOpts.Root.Close()
	set.describe(checkOpts.Verbose)
	if opts.write || opts.output != "" {
		// Interrupted, fix leaves no temporary file behind.
		defer removeOnSignal()()
	}
	last := opts.paths[len(opts.paths)-1]
	if opts.write && !opts.diff && !opts.inPlace && source.IsMigrationDir(last, checkOpts.Root) {
		return fixNewMigration(ctx, opts, checkOpts, last)
	}
	var files []*fix.InPlaceFile
	if inPlace {
		// Before the input is read: a file that changes from here on is
		// not rewritten.
		var err error
		if files, err = fix.InPlaceFiles(checkOpts); err != nil {
			return failure(err)
		}
	}
	if err := opts.inputs.readDB(ctx, &checkOpts, opts.io); err != nil {
		return failure(err)
	}
	res, err := opts.inputs.check(ctx, checkOpts, opts.io)
	if err != nil {
		return failure(err)
	}
	patch := fix.NewPatch(res, opts.static)
	switch {
	case inPlace:
		// A sequence already behind in the live database of --db is not
		// the files' to repair: there is no statement of theirs to follow.
		for _, d := range res.Diagnostics {
			if d.Fix != nil && d.Fix.After.Line == 0 && d.Subject != nil {
				fmt.Fprintln(opts.io.err, inert.String(fmt.Sprintf("pgseqlint: sequence %s is already behind its keys in database %s: repair it with pgseqlint db --apply", d.Subject.Sequence, d.Subject.Database)))
			}
		}
		if opts.diff {
			err = patch.WriteDiff(opts.io.out, files)
		}
		if err == nil && opts.write {
			err = patch.Rewrite(files)
		}
	case opts.output != "":
		err = fix.WriteFile(opts.output, res.Read, patch.Write)
	default:
		err = patch.Write(opts.io.out)
	}
	if err != nil {
		return failure(err)
	}
	return nil
}

// fixNewMigration writes the repair of a migration directory as a new
// migration of its own, after the others.
func fixNewMigration(ctx context.Context, opts *fixOptions, checkOpts analyzer.Options, dir string) error {
	if err := opts.inputs.readDB(ctx, &checkOpts, opts.io); err != nil {
		return failure(err)
	}
	res, err := opts.inputs.check(ctx, checkOpts, opts.io)
	if err != nil {
		return failure(err)
	}
	var up bytes.Buffer
	if err := fix.NewPatch(res, opts.static).Write(&up); err != nil {
		return failure(err)
	}
	if up.Len() == 0 {
		return nil
	}
	_, files, err := source.NextMigration(dir, checkOpts.Layout, checkOpts.Root, "fix_sequences", up.String(), time.Now())
	if err != nil {
		return failure(err)
	}
	for _, f := range files {
		if err := writeNewFile(f); err != nil {
			return failure(err)
		}
		fmt.Fprintf(opts.io.out, "wrote %s\n", inert.String(f.Path))
	}
	return nil
}

// writeNewFile writes a file that must not exist yet, and its folder.
func writeNewFile(f source.NewFile) error {
	if err := os.MkdirAll(filepath.Dir(f.Path), 0o755); err != nil {
		return source.PathError(filepath.Dir(f.Path), err)
	}
	out, err := os.OpenFile(f.Path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return source.PathError(f.Path, err)
	}
	_, err = out.WriteString(f.Text)
	if closeErr := out.Close(); err == nil {
		err = closeErr
	}
	return source.PathError(f.Path, err)
}

// removeOnSignal makes SIGINT and SIGTERM remove the temporary files fix
// has written before the process exits, with the status a shell gives a
// process the signal ended (130, 143); it returns the function that undoes
// it.
func removeOnSignal() (stop func()) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-signals:
			fix.AbandonTemporaryFiles()
			code := 130
			if sig == syscall.SIGTERM {
				code = 143
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(signals)
		close(done)
	}
}
