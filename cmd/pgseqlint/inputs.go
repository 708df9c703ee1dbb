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
	layout  string
	schema  []string
	verbose bool
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
