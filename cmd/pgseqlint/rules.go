package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/rules"
)

func newCmdRules(io streams) *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "List the rules",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var b strings.Builder
			for _, r := range rules.All() {
				fmt.Fprintf(&b, "%-26s %-8s %s\n", r.Name, r.Severity, r.Doc.Title)
			}
			return writeOut(io, b.String())
		},
	}
}

func newCmdExplain(io streams) *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE",
		Short: "Print a rule's documentation",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r := rules.ByName(args[0])
			if r == nil {
				return failure(fmt.Errorf("unknown rule %q (pgseqlint rules lists them)", args[0]))
			}
			return writeOut(io, explainText(r))
		},
	}
}

// writeOut writes a command's output: one that cannot be written (a
// closed pipe, a full disk) fails the run.
func writeOut(io streams, text string) error {
	if _, err := fmt.Fprint(io.out, text); err != nil {
		return failure(fmt.Errorf("writing the output: %w", err))
	}
	return nil
}

// explainText is a rule's documentation for the terminal.
func explainText(r *analyzer.Rule) string {
	text := fmt.Sprintf("%s (%s): %s\n\n%s", r.Name, r.Severity, r.Doc.Title, r.Doc.Text())
	if r.Ignores == nil {
		text += fmt.Sprintf("\nTo silence one finding, write on the line before its statement:\n\n    -- pgseqlint-ignore %s: the reason\n", r.Name)
	}
	return text
}
