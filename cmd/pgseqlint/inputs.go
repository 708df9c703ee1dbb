package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pgseqlint/pgseqlint/analyzer"
)

// inputOptions are the flags that say how to read the PATHs, for every
// command that reads them.
type inputOptions struct {
	layout     string
	schema     []string
	verbose    bool
	progress   bool
	noProgress bool
}

func (o *inputOptions) addFlags(cmd *cobra.Command) {
	layouts := make([]string, len(analyzer.Layouts))
	for i, l := range analyzer.Layouts {
		layouts[i] = string(l)
	}
	cmd.Flags().StringVar(&o.layout, "layout", string(analyzer.LayoutAuto),
		"how the files of a directory run: "+strings.Join(layouts, ", "))
	cmd.Flags().StringArrayVar(&o.schema, "schema", nil,
		"read `PATH` first for its DDL only: the tables and sequences the script runs against, never reported on")
	cmd.Flags().BoolVarP(&o.verbose, "verbose", "v", false, "list the files on standard error in the order they are read")
	cmd.Flags().BoolVar(&o.progress, "progress", false, "show how much of the input has been read on standard error (by default: on a terminal, for inputs over 64 MB)")
	cmd.Flags().BoolVar(&o.noProgress, "no-progress", false, "never show progress")
	cmd.MarkFlagsMutuallyExclusive("progress", "no-progress")
}

// apply sets the analyzer options these flags control.
func (o *inputOptions) apply(opts *analyzer.Options, io streams) error {
	layout, err := analyzer.ParseLayout(o.layout)
	if err != nil {
		return fmt.Errorf("--layout: %w", err)
	}
	opts.Layout, opts.Schema = layout, o.schema
	if o.verbose {
		opts.Verbose = io.err
	}
	return nil
}
