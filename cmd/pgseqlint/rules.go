package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/fix"
	"github.com/pgseqlint/pgseqlint/rules"
)

func newCmdRules(io streams) *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "List the rules",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var list strings.Builder
			listRules(&list)
			return writeOut(io, list.String())
		},
	}
}

// listRules writes each rule's name, severity and title, a line each.
func listRules(w io.Writer) {
	for _, r := range rules.All() {
		fmt.Fprintf(w, "%-26s %-8s %s\n", r.Name, r.Severity, r.Doc.Title)
	}
}

func newCmdExplain(io streams) *cobra.Command {
	return &cobra.Command{
		Use:   "explain [RULE]",
		Short: "Print a rule's documentation, or with no RULE list the rules",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				var list strings.Builder
				list.WriteString("pgseqlint explain RULE prints the documentation of one of these rules:\n\n")
				listRules(&list)
				return writeOut(io, list.String())
			}
			r := rules.ByName(args[0])
			if r == nil {
				return failure(errors.New(analyzer.UnknownRule(rules.All(), args[0])))
			}
			text, err := explainText(cmd.Context(), r)
			if err != nil {
				return failure(err)
			}
			return writeOut(io, text)
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

// explainText is a rule's documentation for the terminal, with the SQL
// that pgseqlint fix writes for the rule's example, where it writes any.
func explainText(ctx context.Context, r *analyzer.Rule) (string, error) {
	text := fmt.Sprintf("%s (%s): %s\n\n%s", r.Name, r.Severity, r.Doc.Title, r.Doc.Text())
	repair, err := exampleRepair(ctx, r)
	if err != nil {
		return "", err
	}
	if repair != "" {
		text += "\nFor the SQL to avoid above, pgseqlint fix writes:\n\n    " + strings.ReplaceAll(strings.TrimSuffix(repair, "\n"), "\n", "\n    ") + "\n"
	}
	if r.Ignores == nil {
		text += fmt.Sprintf("\nTo silence one finding, write on the line before its statement:\n\n    -- pgseqlint-ignore %s: the reason\n", r.Name)
	}
	return text, nil
}

// exampleRepair checks the SQL a rule's documentation says to avoid, and
// returns the patch fix writes for it: "" when the rule's findings carry
// no repair, or its example is a live database.
func exampleRepair(ctx context.Context, r *analyzer.Rule) (string, error) {
	if r.Live {
		return "", nil
	}
	if ctx == nil {
		ctx = context.Background()
	}
	res, err := analyzer.Check(ctx, analyzer.Options{
		Paths: []string{"-"}, Stdin: strings.NewReader(r.Doc.Bad), StdinName: "example",
		Rules: []*analyzer.Rule{r}, Known: rules.All(),
	})
	if err != nil {
		return "", fmt.Errorf("the example of %s: %w", r.Name, err)
	}
	var patch strings.Builder
	if err := fix.NewPatch(res, false).Write(&patch); err != nil {
		return "", err
	}
	return patch.String(), nil
}
