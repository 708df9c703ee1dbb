package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/inert"
)

// WriteGitHub writes each finding as a GitHub Actions workflow command,
// which the runner turns into an annotation on the file and line:
//
//	::error file=dump.sql,line=216,col=1,endLine=216,endColumn=141,title=pgseqlint missing-setval::keys up to 7 were loaded ...
func WriteGitHub(w io.Writer, res *analyzer.Result, root SourceRoot) error {
	ew := &errWriter{w: w}
	for _, d := range res.Diagnostics {
		ew.printf("%s\n", githubCommand(d, root.place(d.Span).path))
	}
	for _, o := range res.Omitted {
		ew.printf("::notice title=pgseqlint::%s\n", escapeGitHubData(notShown(o)))
	}
	return ew.err
}

func githubCommand(d analyzer.Diagnostic, file string) string {
	s := d.Span
	props := []string{"file=" + escapeGitHubProperty(file), "line=" + strconv.Itoa(s.Line)}
	// Annotations take columns, in characters, only within one line.
	// GitHub's end column is the last one annotated; a span's end is the
	// column after it. What a live database holds is in no file: the
	// annotation goes on the run.
	switch {
	case s.Line == 0:
		props = nil
	case s.EndLine == s.Line:
		props = append(props, "col="+strconv.Itoa(s.CharCol), "endLine="+strconv.Itoa(s.EndLine),
			"endColumn="+strconv.Itoa(max(s.EndCharCol-1, s.CharCol)))
	default:
		props = append(props, "endLine="+strconv.Itoa(s.EndLine))
	}
	props = append(props, "title="+escapeGitHubProperty("pgseqlint "+d.Rule))
	message := d.Message
	if d.Fix != nil {
		message += "\nhint: " + d.Fix.SQL
	}
	// The commands are named error and warning, as the severities are.
	return "::" + d.Severity.String() + " " + strings.Join(props, ",") + "::" + escapeGitHubData(message)
}

// The runner reads a command up to the end of its line, a property value up
// to the next comma and the properties up to "::", then decodes %XX: these
// are the escapes of GitHub's toolkit (@actions/core). A NUL byte, which
// the runner would pass on to the annotation, is dropped.
var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", "\x00", "")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C", "\x00", "")
)

// escapeGitHubData escapes a command's message; the control characters
// the toolkit leaves (an ESC would color the log) are made inert as in
// every other output.
func escapeGitHubData(s string) string { return inert.String(githubData.Replace(s)) }

// escapeGitHubProperty escapes a command's property value.
func escapeGitHubProperty(s string) string { return inert.String(githubProperty.Replace(s)) }
