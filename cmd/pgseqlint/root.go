package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/pgseqlint/pgseqlint/analyzer/inert"
	"github.com/pgseqlint/pgseqlint/analyzer/source"
	"github.com/pgseqlint/pgseqlint/rules"
)

// streams are the command's standard input, output and error.
type streams struct {
	in       io.Reader
	out, err io.Writer
}

// isTerminal reports whether a standard stream is a terminal.
func isTerminal(stream any) bool {
	f, ok := stream.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// exitError carries an exit status out of a command: 1 for findings, 2 for
// a failed run.
type exitError struct {
	code int
	err  error // printed when set
}

func (e *exitError) Error() string {
	if e.err != nil {
		return e.err.Error()
	}
	return fmt.Sprintf("exit status %d", e.code)
}

// failure is an exit status 2 with a message.
func failure(err error) error { return &exitError{code: 2, err: err} }

func newRootCmd(io streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "pgseqlint",
		Short: "Find sequences that will collide with keys loaded by PostgreSQL scripts",
		Long: `pgseqlint reads PostgreSQL scripts (pg_dump output, migrations) with the real PostgreSQL
parser and proves, before anything is restored, that every sequence will hand out keys above
the data loaded into its columns. Where it will not, it says where and why, and writes the SQL
that fixes it.`,
		Version:       currentVersion().String(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	// --version without cobra's -v, which check and fix take for --verbose.
	root.Flags().Bool("version", false, "print the version")
	root.SetVersionTemplate("pgseqlint {{.Version}}\n")
	root.SetIn(io.in)
	root.SetOut(io.out)
	root.SetErr(io.err)
	root.AddCommand(newCmdCheck(io, nil), newCmdFix(io, nil), newCmdDB(io, nil), newCmdRules(io), newCmdExplain(io), newCmdVersion(io))
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return failure(err) })
	registerCompletions(root)
	return root
}

// registerCompletions has shell completion (pgseqlint completion SHELL)
// offer the values of the flags that take a fixed set, and rule names to
// --enable, --disable and explain.
func registerCompletions(root *cobra.Command) {
	var ruleNames, layouts []string
	for _, r := range rules.All() {
		ruleNames = append(ruleNames, r.Name)
	}
	for _, l := range source.Layouts {
		layouts = append(layouts, string(l))
	}
	values := map[string][]string{
		"format":  formats,
		"color":   {"auto", "always", "never"},
		"fail-on": {"error", "warning", "never"},
		"layout":  layouts,
		"enable":  ruleNames,
		"disable": ruleNames,
	}
	for _, cmd := range root.Commands() {
		for flag, offered := range values {
			if cmd.Flags().Lookup(flag) != nil {
				if err := cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(offered, cobra.ShellCompDirectiveNoFileComp)); err != nil {
					panic(err) // registered twice: a mistake in this function
				}
			}
		}
		if cmd.Name() == "explain" {
			cmd.ValidArgsFunction = func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
				if len(args) > 0 {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				return ruleNames, cobra.ShellCompDirectiveNoFileComp
			}
		}
	}
}

// run executes the command line and returns the exit status.
func run(args []string, io streams) int {
	root := newRootCmd(io)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			printError(io.err, ee.err)
		}
		return ee.code
	}
	// cobra's own errors: an unknown command, a bad flag.
	printError(io.err, err)
	return 2
}

// printError writes the one line of a failed run. It names files and
// quotes what they hold: nothing of it may act on the terminal or start a
// line of a CI log.
func printError(w io.Writer, err error) {
	fmt.Fprintf(w, "pgseqlint: %s\n", inert.String(err.Error()))
}
