package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/rules"
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

// analyzerOptions are the analyzer's options for the PATHs and the flags.
func (o *inputOptions) analyzerOptions(paths []string, io streams) (analyzer.Options, error) {
	layout, err := analyzer.ParseLayout(o.layout)
	if err != nil {
		return analyzer.Options{}, fmt.Errorf("--layout: %w", err)
	}
	opts := analyzer.Options{Paths: paths, Stdin: io.in, Rules: rules.All(), Layout: layout, Schema: o.schema}
	if o.verbose {
		opts.Verbose = io.err
	}
	return opts, nil
}
