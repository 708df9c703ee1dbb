package analyzer

import (
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// A Diagnostic is one finding: the SQL is wrong at Span. (An error returned
// by Check means pgseqlint itself failed.)
type Diagnostic struct {
	Span     script.Span
	Rule     string
	Severity Severity
	// Message follows PostgreSQL's style: lower case, no final period,
	// identifiers quoted as quote_ident would.
	Message string
	// Source is the first line of the statement at Span, for people.
	Source  string
	Subject *Subject
	Fix     *Fix
}

// Subject names what a diagnostic is about, for tools that match on it.
// Names are schema-qualified and quoted exactly as quote_ident would.
type Subject struct {
	Database  string // set when the input holds several databases
	Sequence  string
	Table     string
	KeyColumn string
	MaxKey    string // the largest key loaded (smallest, for a descending sequence); "" when unknown
}

// Fix is the SQL that repairs a diagnostic.
type Fix struct {
	// SQL computes the value from the data when it runs: right even when the
	// data differs from the script.
	SQL string
	// Static holds the literal values seen in the input, as pg_dump writes
	// them; "" when the input hides the keys.
	Static string
	// After is the statement the fix belongs right after: the last one that
	// loads into or moves the sequence (with a COPY's rows), or that
	// creates or renames what the fix names.
	After script.Span
	// Comment says what the fix repairs, for people reading a patch: the
	// table, the column and where the keys were loaded; a line each.
	Comment []string
}
