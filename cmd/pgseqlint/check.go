package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/fix"
)

// checkOptions are the flags and arguments of `pgseqlint check`.
type checkOptions struct {
	io        streams
	paths     []string
	inputs    inputOptions
	format    string
	color     string
	failOn    string
	sarifFile string
	config    configFlags
}

func newCmdCheck(io streams, runF func(*checkOptions) error) *cobra.Command {
	opts := &checkOptions{io: io}
	cmd := &cobra.Command{
		Use:   "check [flags] [PATH...]",
		Short: "Report problems",
		Long: `Check reads the PATHs in the order given, as one script (a file, a migration directory, a
pg_dump directory archive, or - for standard input), and reports every sequence whose next value
is not past the keys loaded into its columns. A migration directory's files run in the order of
its tool, detected or given with --layout. Compressed files (gzip, zstd, lz4, bzip2, xz) and
pg_dump's custom, directory and tar archives are read natively. With no PATH, check reads the
paths of the configuration file, or else standard input when it is not a terminal.

Exit status: 0 when nothing is at or above --fail-on, 1 when something is, 2 when the run
itself failed.`,
		Example: `  pgseqlint check dump.sql
  pgseqlint check schema.sql data.sql
  pgseqlint check backup.dump backup.sql.gz
  pgseqlint check -v --schema schema.sql db/migrations
  pg_dump mydb | pgseqlint check --format json -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			if runF != nil {
				return runF(opts)
			}
			return checkRun(cmd.Context(), opts)
		},
	}
	opts.inputs.addFlags(cmd)
	cmd.Flags().StringVar(&opts.format, "format", "", "output format: text, json, sarif, github or gitlab (default text, with GitHub annotations in GitHub Actions)")
	cmd.Flags().StringVar(&opts.color, "color", "auto", "colour the text output: auto, always or never")
	cmd.Flags().StringVar(&opts.failOn, "fail-on", "error", "lowest severity that makes the exit status 1: error, warning or never")
	cmd.Flags().StringVar(&opts.sarifFile, "sarif-file", "", "also write the report as SARIF to `FILE`, whatever --format is (for code scanning beside a report in the log)")
	opts.config.register(cmd)
	return cmd
}

func checkRun(ctx context.Context, opts *checkOptions) error {
	if ctx == nil {
		ctx = context.Background()
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
	out, err := newOutput(opts.format, opts.inputs.sourceRoot, useColor)
	if err != nil {
		return failure(err)
	}
	if len(opts.paths) == 0 && len(set.config.Paths) > 0 {
		opts.paths = set.config.Paths
	}
	if len(opts.paths) == 0 {
		if opts.io.in, err = pipedInput(opts.io.in); err != nil {
			return failure(err)
		}
		opts.paths = []string{"-"}
	}
	checkOpts := set.options(opts.paths, opts.io.in)
	if err := opts.inputs.apply(&checkOpts, opts.io); err != nil {
		return failure(err)
	}
	defer checkOpts.Root.Close()
	set.describe(checkOpts.Verbose)
	if err := opts.inputs.readDB(ctx, &checkOpts, opts.io); err != nil {
		return failure(err)
	}
	res, err := opts.inputs.check(ctx, checkOpts, opts.io)
	if err != nil {
		return failure(err)
	}
	if err := out.write(opts.io.out, res); err != nil {
		return failure(err)
	}
	if opts.sarifFile != "" {
		sarif, err := newOutput("sarif", opts.inputs.sourceRoot, false)
		if err != nil {
			return failure(err)
		}
		if err := fix.WriteFile(opts.sarifFile, res.Read, func(w io.Writer) error { return sarif.write(w, res) }); err != nil {
			return failure(err)
		}
	}
	if threshold != 0 && res.Reaches(threshold) {
		return &exitError{code: 1}
	}
	return nil
}

// errNoInput is check's answer to no PATH and nothing on standard input.
var errNoInput = errors.New("no input: give a PATH or - for standard input")

// pipedInput is standard input for check with no PATH: what a pipe or a
// file redirected into it holds. A terminal, or an input with no byte at
// all (CI's /dev/null, a PATH forgotten), is no input: reading it would
// wait for typing, or pass a check of nothing.
func pipedInput(in io.Reader) (io.Reader, error) {
	if in == nil || isTerminal(in) {
		return nil, errNoInput
	}
	buffered := bufio.NewReader(in)
	if _, err := buffered.Peek(1); err == io.EOF {
		return nil, errNoInput
	} else if err != nil {
		return nil, fmt.Errorf("standard input: %w", err)
	}
	return buffered, nil
}

// failThreshold reads --fail-on; 0 means never.
func failThreshold(s string) (analyzer.Severity, error) {
	sev, err := analyzer.ParseFailOn(s)
	if err != nil {
		return 0, fmt.Errorf("--fail-on: %w", err)
	}
	return sev, nil
}

// colorWanted decides on colour: always, never, or (auto) when the output
// is a terminal and NO_COLOR is not set.
func colorWanted(mode string, io streams) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if _, set := os.LookupEnv("NO_COLOR"); set {
			return false, nil
		}
		return isTerminal(io.out), nil
	}
	return false, fmt.Errorf("--color: unknown mode %q (want auto, always or never)", mode)
}
