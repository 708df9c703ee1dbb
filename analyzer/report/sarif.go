package report

import (
	"io"
	"net/url"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// The SARIF 2.1.0 subset pgseqlint writes: the objects and properties that
// GitHub code scanning and SARIF viewers read.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool sarifTool `json:"tool"`
		// ColumnKind, required with results from text files, says what a
		// column counts: spans count characters in CharCol and EndCharCol.
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
		// Properties count the results past the limit on findings.
		Properties *sarifRunProperties `json:"properties,omitempty"`
	}
	sarifRunProperties struct {
		NotShown []jsonOmitted `json:"not_shown"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name            string            `json:"name"`
		Version         string            `json:"version"`
		SemanticVersion string            `json:"semanticVersion,omitempty"`
		InformationURI  string            `json:"informationUri"`
		Rules           []sarifDescriptor `json:"rules"`
	}
	sarifDescriptor struct {
		ID                   string             `json:"id"`
		Name                 string             `json:"name"`
		ShortDescription     sarifText          `json:"shortDescription"`
		FullDescription      sarifText          `json:"fullDescription"`
		Help                 sarifHelp          `json:"help"`
		HelpURI              string             `json:"helpUri"`
		DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
		Properties           sarifRuleTraits    `json:"properties"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifConfiguration struct {
		Level string `json:"level"`
	}
	// sarifRuleTraits are the rule properties GitHub ranks alerts by.
	sarifRuleTraits struct {
		Tags            []string `json:"tags"`
		Precision       string   `json:"precision"`
		ProblemSeverity string   `json:"problem.severity"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           *int              `json:"ruleIndex,omitempty"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations,omitempty"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		Fixes               []sarifFix        `json:"fixes,omitempty"`
		Properties          *sarifSubject     `json:"properties,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           *sarifRegion          `json:"region,omitempty"`
	}
	sarifArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
	sarifFix struct {
		Description     sarifText             `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Replacements     []sarifReplacement    `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent sarifText   `json:"insertedContent"`
	}
	// sarifSubject is what a result is about, named as in the JSON report.
	sarifSubject struct {
		Database  string `json:"database,omitempty"`
		Sequence  string `json:"sequence,omitempty"`
		Table     string `json:"table,omitempty"`
		KeyColumn string `json:"key_column,omitempty"`
		MaxKey    string `json:"max_key,omitempty"`
	}
)

const (
	sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// sarifRootID names the source root in relative URIs; consumers supply
	// its value (code scanning: the checkout), so the report is the same on
	// every machine.
	sarifRootID = "%SRCROOT%"
	// sarifFingerprint is the partialFingerprints key of pgseqlint's own
	// fingerprint, versioned as SARIF suggests.
	sarifFingerprint = "pgseqlintFinding/v1"
)

// WriteSARIF writes the report as a SARIF 2.1.0 log for code scanning, with
// the rules as its descriptors and each fix as an insertion.
func WriteSARIF(w io.Writer, res *analyzer.Result, rules []*analyzer.Rule, root SourceRoot, tool Tool) error {
	driver := sarifDriver{
		Name:            "pgseqlint",
		Version:         tool.Version,
		SemanticVersion: tool.SemanticVersion,
		InformationURI:  Repository,
		Rules:           make([]sarifDescriptor, len(rules)),
	}
	ruleIndex := map[string]int{}
	for i, r := range rules {
		ruleIndex[r.Name] = i
		driver.Rules[i] = sarifRuleDescriptor(r)
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: make([]sarifResult, len(res.Diagnostics))}
	prints := fingerprints(res, root)
	for i, d := range res.Diagnostics {
		result := sarifResult{
			RuleID:              d.Rule,
			Level:               sarifLevel(d.Severity),
			Message:             sarifText{d.Message},
			PartialFingerprints: map[string]string{sarifFingerprint: prints[i]},
		}
		if idx, ok := ruleIndex[d.Rule]; ok {
			result.RuleIndex = &idx
		}
		result.Locations = []sarifLocation{sarifLocate(root.place(d.Span), d.Span)}
		if fix, ok := sarifInsertion(d, root); ok {
			result.Fixes = []sarifFix{fix}
		}
		if s := d.Subject; s != nil {
			result.Properties = &sarifSubject{Database: s.Database, Sequence: s.Sequence, Table: s.Table, KeyColumn: s.KeyColumn, MaxKey: s.MaxKey}
		}
		run.Results[i] = result
	}
	if len(res.Omitted) > 0 {
		run.Properties = &sarifRunProperties{NotShown: omittedJSON(res)}
	}
	return encodeJSON(w, sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

func sarifRuleDescriptor(r *analyzer.Rule) sarifDescriptor {
	return sarifDescriptor{
		ID:                   r.Name,
		Name:                 r.Name,
		ShortDescription:     sarifText{r.Doc.Title},
		FullDescription:      sarifText{r.Doc.Why},
		Help:                 sarifHelp{Text: r.Doc.Text(), Markdown: r.Doc.Markdown()},
		HelpURI:              RuleDocURL(r),
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Severity)},
		// Every finding is checked against what PostgreSQL would do.
		Properties: sarifRuleTraits{Tags: []string{"postgresql", "sql"}, Precision: "very-high", ProblemSeverity: r.Severity.String()},
	}
}

func sarifLevel(s analyzer.Severity) string {
	if s == analyzer.SeverityError {
		return "error"
	}
	return "warning"
}

// sarifArtifact is a file's location: a URI relative to the source root,
// or an absolute file URI outside it. Standard input has none.
func sarifArtifact(p place) (sarifArtifactLocation, bool) {
	switch {
	case !p.file:
		return sarifArtifactLocation{}, false
	case p.inRoot:
		// A colon in the first segment would read as a scheme: url.URL
		// writes ./ before it.
		return sarifArtifactLocation{URI: (&url.URL{Path: p.path}).String(), URIBaseID: sarifRootID}, true
	}
	path := p.path
	if !strings.HasPrefix(path, "/") {
		path = "/" + path // a Windows drive: file:///C:/...
	}
	return sarifArtifactLocation{URI: (&url.URL{Scheme: "file", Path: path}).String()}, true
}

// sarifLocate is where a result is. Code scanning rejects a result with no
// location, so standard input and a live database, which are no file, are
// named by a relative URI of their name, with no region.
func sarifLocate(p place, span script.Span) sarifLocation {
	at, ok := sarifArtifact(p)
	if !ok {
		return sarifLocation{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: (&url.URL{Path: p.path}).String()}}}
	}
	return sarifLocation{PhysicalLocation: sarifPhysicalLocation{
		ArtifactLocation: at,
		Region: &sarifRegion{
			StartLine: span.Line, StartColumn: span.CharCol,
			EndLine: span.EndLine, EndColumn: span.EndCharCol,
		},
	}}
}

// sarifInsertion is a diagnostic's fix as SARIF applies it: the statement
// inserted right after the one it belongs after, on a line of its own.
func sarifInsertion(d analyzer.Diagnostic, root SourceRoot) (sarifFix, bool) {
	if d.Fix == nil {
		return sarifFix{}, false
	}
	at, ok := sarifArtifact(root.place(d.Fix.After))
	if !ok {
		return sarifFix{}, false
	}
	after := d.Fix.After
	text := "\n" + d.Fix.SQL
	if after.EndCol == 1 {
		// Past a newline already, as after COPY data.
		text = d.Fix.SQL + "\n"
	}
	point := sarifRegion{StartLine: after.EndLine, StartColumn: after.EndCharCol, EndLine: after.EndLine, EndColumn: after.EndCharCol}
	description := "add the statement that repairs it"
	if d.Subject != nil && d.Subject.Sequence != "" {
		description = "move sequence " + d.Subject.Sequence + " past the keys"
	}
	return sarifFix{
		Description:     sarifText{description},
		ArtifactChanges: []sarifArtifactChange{{ArtifactLocation: at, Replacements: []sarifReplacement{{DeletedRegion: point, InsertedContent: sarifText{text}}}}},
	}, true
}
