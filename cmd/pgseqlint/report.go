package main

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/report"
	"github.com/pgseqlint/pgseqlint/rules"
)

// formats are the values of check --format.
var formats = []string{"text", "json", "sarif", "github", "gitlab"}

// output says how check writes what it found.
type output struct {
	format string
	// annotate follows the text report with GitHub annotations: in GitHub
	// Actions, when no format was asked for.
	annotate bool
	color    bool
	root     report.SourceRoot
}

// newOutput reads --format and --source-root. The source root is what CI
// reports name files relative to: --source-root, else the checkout of
// GitHub Actions or GitLab CI, else the current directory.
func newOutput(format, sourceRoot string, color bool) (*output, error) {
	r := &output{format: format, color: color}
	if format == "" {
		r.format = "text"
		r.annotate = os.Getenv("GITHUB_ACTIONS") == "true"
	}
	if !slices.Contains(formats, r.format) {
		return nil, fmt.Errorf("unknown format %q (want %s or %s)", format,
			strings.Join(formats[:len(formats)-1], ", "), formats[len(formats)-1])
	}
	if !r.annotate && (r.format == "text" || r.format == "json") {
		return r, nil
	}
	dir := cmp.Or(sourceRoot, os.Getenv("GITHUB_WORKSPACE"), os.Getenv("CI_PROJECT_DIR"), ".")
	root, err := report.NewSourceRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("source root: %w", err)
	}
	r.root = root
	return r, nil
}

func (r *output) write(w io.Writer, res *analyzer.Result) error {
	switch r.format {
	case "json":
		return report.WriteJSON(w, res, reportTool())
	case "sarif":
		return report.WriteSARIF(w, res, rules.All(), r.root, reportTool())
	case "github":
		return report.WriteGitHub(w, res, r.root)
	case "gitlab":
		return report.WriteGitLab(w, res, r.root)
	}
	if err := report.WriteText(w, res, report.TextStyle{Color: r.color}); err != nil || !r.annotate {
		return err
	}
	return report.WriteGitHub(w, res, r.root)
}
