package main

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/rules"
)

// formats are the values of check --format.
var formats = []string{"text", "json", "sarif", "github", "gitlab"}

// report says how check writes what it found.
type report struct {
	format string
	// annotate follows the text report with GitHub annotations: in GitHub
	// Actions, when no format was asked for.
	annotate bool
	color    bool
	root     analyzer.SourceRoot
}

// newReport reads --format and --source-root. The source root is what CI
// reports name files relative to: --source-root, else the checkout of
// GitHub Actions or GitLab CI, else the current directory.
func newReport(format, sourceRoot string, color bool) (*report, error) {
	r := &report{format: format, color: color}
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
	root, err := analyzer.NewSourceRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("source root: %w", err)
	}
	r.root = root
	return r, nil
}

func (r *report) write(w io.Writer, res *analyzer.Result) error {
	switch r.format {
	case "json":
		return analyzer.WriteJSON(w, res)
	case "sarif":
		return analyzer.WriteSARIF(w, res, rules.All(), r.root)
	case "github":
		return analyzer.WriteGitHub(w, res, r.root)
	case "gitlab":
		return analyzer.WriteGitLab(w, res, r.root)
	}
	if err := analyzer.WriteText(w, res, analyzer.TextStyle{Color: r.color}); err != nil || !r.annotate {
		return err
	}
	return analyzer.WriteGitHub(w, res, r.root)
}
