package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/pgseqlint/pgseqlint/analyzer"
)

// checkOptions are the flags and arguments of `pgseqlint check`.
type checkOptions struct {
	io     streams
	paths  []string
	inputs inputOptions
	format string
	color  string
	failOn string
	config configFlags
}

func newCmdCheck(io streams, runF func(*checkOptions) error) *cobra.Command {
	opts := &checkOptions{io: io}
	cmd := &cobra.Command{
		Use:   "check [flags] PATH...",
		Short: "Report problems",
		Long: `Check reads the PATHs in the order given, as one script (a file, a migration directory, a
pg_dump directory archive, or - for standard input), and reports every sequence whose next value
is not past the keys loaded into its columns. A migration directory's files run in the order of
its tool, detected or given with --layout. Compressed files (gzip, zstd, lz4, bzip2, xz) and
pg_dump's custom, directory and tar archives are read natively.

Exit status: 0 when nothing is at or above --fail-on, 1 when something is, 2 when the run
itself failed.`,
		Example: `  pgseqlint check dump.sql
  pgseqlint check schema.sql data.sql
  pgseqlint check backup.dump backup.sql.gz
  pgseqlint check -v --schema schema.sql db/migrations
  pg_dump mydb | pgseqlint check --format json -`,
		Args: cobra.MinimumNArgs(1),
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
	checkOpts := set.options(opts.paths, opts.io.in)
	if err := opts.inputs.apply(&checkOpts, opts.io); err != nil {
		return failure(err)
	}
	defer checkOpts.Root.Close()
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
	if threshold != 0 && res.Reaches(threshold) {
		return &exitError{code: 1}
	}
	return nil
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
