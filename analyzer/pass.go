package analyzer

import (
	"cmp"

	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// Pass is what a rule sees: the statement being run and what it did (in
// OnStmt), and the catalog of the database it runs in.
type Pass struct {
	Rule *Rule
	Stmt *script.Stmt
	// Events are what the statement did that rules may report.
	Events  []catalog.Event
	Catalog *catalog.Catalog
	opts    *Options
	report  func(Diagnostic)
}

// DefaultNearLimit is the share of a sequence's range that its keys may
// use before sequence-near-limit speaks.
const DefaultNearLimit = 0.8

// NearLimit is the share of a sequence's range that the run allows.
func (p *Pass) NearLimit() float64 {
	if p.opts.NearLimit > 0 {
		return p.opts.NearLimit
	}
	return DefaultNearLimit
}

// GrammarVersion is the PostgreSQL major version whose grammar the parser
// (libpg_query, through pg_query_go v6) reads.
const GrammarVersion = 17

// PGVersion is the PostgreSQL major version the script is meant for:
// --pg-version, else GrammarVersion.
func (p *Pass) PGVersion() int { return cmp.Or(p.opts.PGVersion, GrammarVersion) }

// KnownRules are the rules an ignore comment may name, run or not.
func (p *Pass) KnownRules() []*Rule { return p.opts.known() }

// Report records a finding of the pass's rule, at the rule's severity.
func (p *Pass) Report(d Diagnostic) {
	d.Rule = p.Rule.Name
	if d.Severity == 0 {
		d.Severity = p.Rule.Severity
	}
	if d.Subject != nil && p.Catalog != nil {
		d.Subject.Database = p.Catalog.Database
	}
	p.report(d)
}
