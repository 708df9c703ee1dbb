package main

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/inert"
	"github.com/pgseqlint/pgseqlint/analyzer/source"
	"github.com/spf13/cobra"
)

// inputOptions are the flags that say how to read the PATHs, for every
// command that reads them.
type inputOptions struct {
	layout      string
	schema      []string
	verbose     bool
	progress    bool
	noProgress  bool
	maxStmt     string
	maxInput    string
	sourceRoot  string
	outsideRoot bool
	db          string
	stdinName   string
	pgVersion   string
}

func (o *inputOptions) addFlags(cmd *cobra.Command) {
	layouts := make([]string, len(source.Layouts))
	for i, l := range source.Layouts {
		layouts[i] = string(l)
	}
	cmd.Flags().StringVar(&o.layout, "layout", string(source.LayoutAuto),
		"how the files of a directory run: "+strings.Join(layouts, ", "))
	cmd.Flags().StringArrayVar(&o.schema, "schema", nil,
		"read `PATH` first for its DDL only: the tables and sequences the script runs against, never reported on")
	cmd.Flags().BoolVarP(&o.verbose, "verbose", "v", false, "list the files on standard error in the order they are read")
	cmd.Flags().BoolVar(&o.progress, "progress", false, "show how much of the input has been read on standard error (by default: on a terminal, for inputs over 64 MB)")
	cmd.Flags().BoolVar(&o.noProgress, "no-progress", false, "never show progress")
	cmd.MarkFlagsMutuallyExclusive("progress", "no-progress")
	cmd.Flags().StringVar(&o.db, "db", "",
		"run the script on top of the live database at `URL` (or key/value string): its tables, sequences and keys count, as if the script were restored into it")
	cmd.Flags().StringVar(&o.stdinName, "stdin-filename", "",
		"name standard input `NAME` in every report: the file it holds, relative to the current directory")
	cmd.Flags().StringVar(&o.pgVersion, "pg-version", "",
		fmt.Sprintf("the PostgreSQL major `VERSION` the scripts are meant for (default the configuration's, else %d, the parser's grammar): above %d, a statement the parser rejects is a warning", analyzer.GrammarVersion, analyzer.GrammarVersion))
	cmd.Flags().StringVar(&o.maxStmt, "max-statement-bytes", "64M",
		"longest statement read: a longer one is reported (statement-too-long) and skipped, so that a runaway string cannot exhaust memory (`SIZE`: bytes, or with a K, M or G suffix)")
	cmd.Flags().StringVar(&o.maxInput, "max-input-bytes", "1T",
		"most bytes decompressing one input (or one archive entry's data) may produce: past it, or past 1000 times the compressed size, the run stops (`SIZE`, with a K, M, G or T suffix)")
	cmd.Flags().StringVar(&o.sourceRoot, "source-root", "",
		"the project root: only files inside it are read, and CI reports name files relative to it (`DIR`; default the CI checkout, else the deepest directory that holds every PATH)")
	cmd.Flags().BoolVar(&o.outsideRoot, "allow-outside-root", false,
		"read files outside the project root too (still only regular files): for scripts that include trusted files elsewhere")
}

// baseNames lists the files' names.
func baseNames(paths []string) string {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	return strings.Join(names, ", ")
}

// apply sets the analyzer options these flags control.
func (o *inputOptions) apply(opts *analyzer.Options, io streams) error {
	layout, err := source.ParseLayout(o.layout)
	if err != nil {
		return fmt.Errorf("--layout: %w", err)
	}
	maxStmt, err := analyzer.ParseSize(o.maxStmt)
	if err != nil || maxStmt < 1 || maxStmt > 1<<30 {
		// The server itself takes no statement over 1 GB.
		return fmt.Errorf("--max-statement-bytes: %q is not a size between 1 and 1G", o.maxStmt)
	}
	maxInput, err := analyzer.ParseSize(o.maxInput)
	if err != nil || maxInput < 1 {
		return fmt.Errorf("--max-input-bytes: %q is not a size such as 100G or 1T", o.maxInput)
	}
	if o.pgVersion != "" {
		if opts.PGVersion, err = analyzer.ParsePGVersion(o.pgVersion); err != nil {
			return fmt.Errorf("--pg-version: %w", err)
		}
	}
	opts.Layout, opts.Schema, opts.MaxStmtBytes, opts.MaxInputBytes, opts.StdinName = layout, o.schema, int(maxStmt), maxInput, o.stdinName
	if o.verbose {
		opts.Verbose = io.err
	}
	dir := cmp.Or(o.sourceRoot, os.Getenv("GITHUB_WORKSPACE"), os.Getenv("CI_PROJECT_DIR"))
	if dir == "" {
		if dir, err = source.DefaultRootDir(append(slices.Clip(o.schema), opts.Paths...)); err != nil {
			return err
		}
	}
	if opts.Root, err = source.NewRoot(dir, o.outsideRoot); err != nil {
		return err
	}
	if tool, order, ok := source.MigrationOrder(opts.Paths, layout, opts.Root); ok && !slices.Equal(order, opts.Paths) {
		fmt.Fprintln(io.err, inert.String(fmt.Sprintf("pgseqlint: warning: %s runs these migrations in another order: read in the order given, %s; %s runs %s (give their directory to check them in its order)",
			tool, baseNames(opts.Paths), tool, baseNames(order))))
	}
	return nil
}
