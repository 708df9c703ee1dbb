package analyzer

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// A run keeps at most this many findings of one rule, and this many in
// all, unless Options say otherwise: a small file can hold millions of
// errors (a gzip of one-character statements), and keeping each would
// exhaust memory. The rest are counted, not kept: the summary and the exit
// status stay true, and a report says how many it does not show. Findings
// that carry a fix are all kept: there is one per sequence at most, as
// many as the schema defines, and fix needs every one.
const (
	DefaultMaxFindings = 1000
	maxFindingsFactor  = 10 // all rules together: ten times one rule's
)

// Omitted counts the findings of one rule and severity that a run found
// but does not show.
type Omitted struct {
	Rule     string
	Severity Severity
	Count    int
}

// omitKey is where omitted findings are counted: by file, so that a
// comment that silences a rule in a whole file silences them too.
type omitKey struct {
	file, rule string
	severity   Severity
}

// report takes a finding of a rule. One reported while a statement's rules
// run waits until the comments that may silence it are read; one reported
// once the script is read (a rule's Finish) is matched against the comments
// at once.
func (d *driver) report(diag Diagnostic) {
	switch {
	case d.silenced[diag.Span.File]:
	case d.reporting != nil:
		if d.exec.unquoted {
			diag.Source = ""
		}
		d.reporting.waiting = append(d.reporting.waiting, diag)
	case d.index != nil:
		if !d.index.scoped(&diag) {
			d.hold(diag)
		}
	default:
		d.hold(diag)
	}
}

// hold keeps a finding no statement comment silences (a whole-file comment
// still may), or counts it when the rule, or the run, has shown enough.
func (d *driver) hold(diag Diagnostic) {
	limit := d.opts.MaxFindings
	if limit == 0 {
		limit = DefaultMaxFindings
	}
	if diag.Fix == nil && (d.kept[diag.Rule] >= limit || d.keptAll >= limit*maxFindingsFactor) {
		if d.omitted == nil {
			d.omitted = map[omitKey]int{}
		}
		d.omitted[omitKey{diag.Span.File, diag.Rule, diag.Severity}]++
		return
	}
	if diag.Fix == nil {
		d.kept[diag.Rule]++
		d.keptAll++
	}
	d.diags = append(d.diags, diag)
}

// clipToken cuts the token a parser message quotes ("syntax error at or
// near "..."") to maxQuotedToken bytes: an unterminated string's token is
// all the rest of its statement.
func clipToken(msg string) string {
	const marker = ` at or near "`
	i := strings.Index(msg, marker)
	if i < 0 {
		return msg
	}
	token := msg[i+len(marker) : len(msg)-1]
	if !strings.HasSuffix(msg, `"`) || len(token) <= maxQuotedToken {
		return msg
	}
	n := maxQuotedToken
	for n > 0 && !utf8.RuneStart(token[n]) {
		n--
	}
	return msg[:i+len(marker)] + token[:n] + `…"`
}

// maxQuotedToken is the most of a token a syntax error quotes.
const maxQuotedToken = 40

// omissions sums what was not shown by rule and severity.
func (d *driver) omissions() []Omitted {
	sums := map[omitKey]int{}
	for key, n := range d.omitted {
		sums[omitKey{rule: key.rule, severity: key.severity}] += n
	}
	var out []Omitted
	for key, n := range sums {
		out = append(out, Omitted{Rule: key.rule, Severity: key.severity, Count: n})
	}
	slices.SortFunc(out, func(a, b Omitted) int {
		return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(b.Severity, a.Severity))
	})
	return out
}
