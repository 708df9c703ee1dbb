package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/fatih/color"
	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/inert"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
	"github.com/pgseqlint/pgseqlint/analyzer/source"
)

// TextStyle colours the text report; the zero value writes plain text.
type TextStyle struct {
	Color bool
}

func (s TextStyle) paint(attrs ...color.Attribute) func(a ...any) string {
	c := color.New(attrs...)
	if s.Color {
		c.EnableColor()
	} else {
		c.DisableColor()
	}
	return c.SprintFunc()
}

// WriteText writes the report for people: each finding as
// file:line:col: severity: message [rule], the source line, the database
// when the input holds several, and a hint with the statement that fixes
// it; then a summary line.
func WriteText(w io.Writer, res *analyzer.Result, style TextStyle) error {
	bold := style.paint(color.Bold)
	sev := map[analyzer.Severity]func(a ...any) string{
		analyzer.SeverityError:   style.paint(color.FgRed, color.Bold),
		analyzer.SeverityWarning: style.paint(color.FgYellow, color.Bold),
	}
	faint := style.paint(color.Faint)
	hint := style.paint(color.FgCyan)
	ew := &errWriter{w: w}
	for _, d := range res.Diagnostics {
		// Every piece comes from the input, the names of files among it:
		// none may act on the terminal, or start a line of a CI log.
		ew.printf("%s: %s: %s %s\n", bold(inert.String(d.Span.String())), sev[d.Severity](d.Severity), inert.String(d.Message), faint("["+d.Rule+"]"))
		if d.Source != "" {
			ew.printf("    %s\n", inert.String(d.Source))
		}
		if d.Subject != nil && d.Subject.Database != "" && d.Subject.Database != res.Database {
			ew.printf("    in database %s\n", inert.String(script.QuoteIdent(d.Subject.Database)))
		}
		if d.Fix != nil {
			ew.printf("    %s %s\n", hint("hint:"), inert.String(d.Fix.SQL))
		}
	}
	for _, o := range res.Omitted {
		ew.printf("%s\n", notShown(o))
	}
	ew.printf("%s\n", Summary(res))
	return ew.err
}

// notShown says how many findings of a rule a report leaves out.
func notShown(o analyzer.Omitted) string {
	return fmt.Sprintf("%s not shown", source.Plural(o.Count, "more "+o.Rule+" finding"))
}

// Summary is the one-line count of a run.
func Summary(res *analyzer.Result) string {
	found := source.Plural(res.Count(analyzer.SeverityError), "error") + ", " + source.Plural(res.Count(analyzer.SeverityWarning), "warning")
	database := "database " + inert.String(script.QuoteIdent(res.Database))
	switch {
	case res.Database != "" && res.Files == 0:
		return found + " in " + database
	case res.Database != "":
		return fmt.Sprintf("%s in %s (%s) on %s", found, source.Plural(res.Files, "file"), source.Plural(res.Statements, "statement"), database)
	}
	s := fmt.Sprintf("%s in %s (%s)", found, source.Plural(res.Files, "file"), source.Plural(res.Statements, "statement"))
	if n := res.UnknownTables; n > 0 {
		s += fmt.Sprintf("; rows were loaded into %s the script never creates, whose keys were not checked", source.Plural(n, "table"))
	}
	return s
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// jsonReport is the JSON contract of `check --format json`: other tools
// parse it, so fields are only ever added.
type jsonReport struct {
	Tool        string           `json:"tool"`
	Version     string           `json:"version"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	Summary     jsonSummary      `json:"summary"`
}

type jsonDiagnostic struct {
	Rule      string `json:"rule"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	File      string `json:"file"`
	Entry     string `json:"entry,omitempty"` // the TOC entry, in a pg_dump archive
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Database  string `json:"database,omitempty"`
	Sequence  string `json:"sequence,omitempty"`
	Table     string `json:"table,omitempty"`
	KeyColumn string `json:"key_column,omitempty"`
	MaxKey    string `json:"max_key,omitempty"`
	Fix       string `json:"fix,omitempty"`
}

type jsonSummary struct {
	Files      int `json:"files"`
	Statements int `json:"statements"`
	// Errors and Warnings count every finding, those not shown among them.
	Errors   int           `json:"errors"`
	Warnings int           `json:"warnings"`
	NotShown []jsonOmitted `json:"not_shown,omitempty"`
	Database string        `json:"database,omitempty"` // the live database read (check --db, db)
	// UnknownTables counts the tables loaded into that the script never
	// creates.
	UnknownTables int `json:"unknown_tables,omitempty"`
}

// jsonOmitted counts the findings of a rule past the limit on findings:
// counted in the summary, not listed.
type jsonOmitted struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Count    int    `json:"count"`
}

func omittedJSON(res *analyzer.Result) []jsonOmitted {
	var out []jsonOmitted
	for _, o := range res.Omitted {
		out = append(out, jsonOmitted{Rule: o.Rule, Severity: o.Severity.String(), Count: o.Count})
	}
	return out
}

// Tool is what reports say of the pgseqlint that wrote them.
type Tool struct {
	// Version is the build's version: "v1.2.3", or "(devel)".
	Version string
	// SemanticVersion is Version as Semantic Versioning spells it
	// ("1.2.3"), or "" when it has none.
	SemanticVersion string
}

// WriteJSON writes the report as JSON.
func WriteJSON(w io.Writer, res *analyzer.Result, tool Tool) error {
	report := jsonReport{
		Tool:        "pgseqlint",
		Version:     tool.Version,
		Diagnostics: make([]jsonDiagnostic, 0, len(res.Diagnostics)),
		Summary: jsonSummary{
			Files: res.Files, Statements: res.Statements,
			Errors: res.Count(analyzer.SeverityError), Warnings: res.Count(analyzer.SeverityWarning),
			NotShown:      omittedJSON(res),
			UnknownTables: res.UnknownTables,
			Database:      res.Database,
		},
	}
	for _, d := range res.Diagnostics {
		jd := jsonDiagnostic{
			Rule: d.Rule, Severity: d.Severity.String(), Message: d.Message,
			File: d.Span.File, Entry: d.Span.Entry, Line: d.Span.Line, Column: d.Span.Col,
			EndLine: d.Span.EndLine, EndColumn: d.Span.EndCol,
		}
		if s := d.Subject; s != nil {
			jd.Database, jd.Sequence, jd.Table, jd.KeyColumn, jd.MaxKey = s.Database, s.Sequence, s.Table, s.KeyColumn, s.MaxKey
		}
		if d.Fix != nil {
			jd.Fix = d.Fix.SQL
		}
		report.Diagnostics = append(report.Diagnostics, jd)
	}
	return encodeJSON(w, report)
}

// encodeJSON writes v indented, with <, > and & as they are: reports are
// read by tools and people, never embedded in HTML.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
