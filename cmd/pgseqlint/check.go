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
		Long: `Check reads the PATHs in the order given, as one script (a file, or - for standard input),
and reports every sequence whose next value is not past the keys loaded into its columns.

Exit status: 0 when nothing is at or above --fail-on, 1 when something is, 2 when the run
itself failed.`,
		Example: `  pgseqlint check dump.sql
  pgseqlint check schema.sql data.sql
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
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
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
	if opts.format != "text" && opts.format != "json" {
		return failure(fmt.Errorf("unknown format %q (want text or json)", opts.format))
	}
	res, err := analyzer.Check(ctx, set.options(opts.paths, opts.io.in))
	if err != nil {
		return failure(err)
	}
	switch opts.format {
	case "json":
		err = analyzer.WriteJSON(opts.io.out, res)
	default:
		err = analyzer.WriteText(opts.io.out, res, analyzer.TextStyle{Color: useColor})
	}
	if err != nil {
		return failure(err)
	}
	for _, d := range res.Diagnostics {
		if threshold != 0 && d.Severity >= threshold {
			return &exitError{code: 1}
		}
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
