package report

import (
	"io"

	"github.com/pgseqlint/pgseqlint/analyzer"
)

// gitlabIssue is one finding in GitLab's Code Quality report: the subset of
// the Code Climate issue format that GitLab reads.
type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

// gitlabSeverity maps a severity onto GitLab's scale (info, minor, major,
// critical, blocker) as other linters do, which leaves critical and
// blocker to tools that know more about a project than its SQL.
var gitlabSeverity = map[analyzer.Severity]string{
	analyzer.SeverityError:   "major",
	analyzer.SeverityWarning: "minor",
}

// WriteGitLab writes the findings as a GitLab Code Quality report, the
// artifact that `artifacts: reports: codequality` shows in merge requests.
func WriteGitLab(w io.Writer, res *analyzer.Result, root SourceRoot) error {
	issues := make([]gitlabIssue, len(res.Diagnostics))
	prints := fingerprints(res, root)
	for i, d := range res.Diagnostics {
		issues[i] = gitlabIssue{
			Description: d.Message,
			CheckName:   d.Rule,
			// GitLab shows findings with the same fingerprint as one.
			Fingerprint: prints[i],
			Severity:    gitlabSeverity[d.Severity],
			Location: gitlabLocation{
				Path: root.place(d.Span).path,
				// A live database has no lines; GitLab wants one.
				Lines: gitlabLines{Begin: max(d.Span.Line, 1)},
			},
		}
	}
	return encodeJSON(w, issues)
}
