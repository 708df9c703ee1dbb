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
			for _, r := range rules.All() {
				fmt.Fprintf(io.out, "%-26s %-8s %s\n", r.Name, r.Severity, r.Doc.Title)
			}
			return nil
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
			fmt.Fprint(io.out, explainText(r))
			return nil
		},
	}
}

// explainText is a rule's documentation for the terminal.
func explainText(r *analyzer.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s\n\n", r.Name, r.Severity, r.Doc.Title)
	fmt.Fprintf(&b, "%s\n\n", r.Doc.Why)
	fmt.Fprintf(&b, "Instead of:\n\n%s\n\n", indent(r.Doc.Bad))
	fmt.Fprintf(&b, "Use:\n\n%s\n", indent(r.Doc.Good))
	if r.Ignores == nil {
		fmt.Fprintf(&b, "\nTo silence one finding, write on the line before its statement:\n\n    -- pgseqlint-ignore %s: the reason\n", r.Name)
	}
	return b.String()
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

func newCmdVersion(io streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(io.out, "pgseqlint %s\n", analyzer.Version)
			return nil
		},
	}
}
