package analyzer

import (
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// Ignore is a comment that silences rules:
//
//	-- pgseqlint-ignore missing-setval[,other]: reason
//	-- pgseqlint-ignore-file missing-setval: reason
//
// The first, on the line before a statement or at the end of its first
// line, silences the findings that start in that statement (for a COPY,
// its rows included); the second, anywhere in a file, those of the whole
// file. The reason is required, as staticcheck requires it: a finding is
// silenced for a stated cause, never just to make it go away.
type Ignore struct {
	Span      script.Span
	Text      string // the comment, without its dashes
	WholeFile bool
	Rules     []IgnoredRule
	Reason    string
	// Malformed says why the comment is no ignore directive pgseqlint
	// knows ("" when it is one); it then silences nothing.
	Malformed string
	// Placed is set when the comment sits next to a statement (or is a
	// pgseqlint-ignore-file): otherwise it silences nothing.
	Placed bool

	// scope is the statement's range in the input, [start, end).
	start, end int64
}

// IgnoredRule is one rule an ignore comment names, and what it silenced.
type IgnoredRule struct {
	Name string
	// Known is set when a rule of that name exists; Ran when it ran (one
	// turned off by the configuration silences nothing, and is not
	// expected to).
	Known, Ran bool
	Silenced   int
}

const (
	ignoreDirective     = "pgseqlint-ignore"
	ignoreFileDirective = "pgseqlint-ignore-file"
)

// parseIgnore reads a pgseqlint comment.
func parseIgnore(c script.Comment) *Ignore {
	ig := &Ignore{Span: c.Span, Text: c.Text}
	word, rest, _ := strings.Cut(c.Text, " ")
	switch word {
	case ignoreDirective:
	case ignoreFileDirective:
		ig.WholeFile, ig.Placed = true, true
	default:
		ig.Malformed = "unknown directive " + word + " (want " + ignoreDirective + " or " + ignoreFileDirective + ")"
		return ig
	}
	rest = ig.readRules(rest)
	if reason, ok := strings.CutPrefix(rest, ":"); ok {
		ig.Reason = strings.TrimSpace(reason)
	}
	if len(ig.Rules) == 0 {
		ig.Malformed = word + " names no rule (write -- " + word + " RULE: reason)"
	}
	return ig
}

// readRules reads a comma-separated list of rule names (kebab-case words)
// and returns what follows it.
func (ig *Ignore) readRules(s string) string {
	for {
		s = strings.TrimLeft(s, " \t")
		end := 0
		for end < len(s) && (s[end] >= 'a' && s[end] <= 'z' || s[end] >= '0' && s[end] <= '9' || end > 0 && s[end] == '-') {
			end++
		}
		if end == 0 {
			return s
		}
		ig.Rules = append(ig.Rules, IgnoredRule{Name: s[:end]})
		s = strings.TrimLeft(s[end:], " \t")
		if !strings.HasPrefix(s, ",") {
			return s
		}
		s = s[1:]
	}
}

// ignoreReader attaches the ignore comments of one script to the
// statements they stand next to, as the statements stream past. A comment
// at the end of a statement's first line is read only with the next
// statement, so each statement is kept until then.
type ignoreReader struct {
	ignores *[]*Ignore
	// prev is the last statement (when hasPrev): its span and the end of
	// its rows.
	prev    script.Span
	prevEnd int64
	hasPrev bool
}

// statement takes the comments read up to and including st, whose rows
// (for a COPY) end at end.
func (r *ignoreReader) statement(comments []script.Comment, st script.Span, end int64) {
	above := r.read(comments, &st, end)
	// Comments on the lines right above the statement, one after another,
	// speak of it.
	line := st.Line - 1
	for i := len(above) - 1; i >= 0 && above[i].Span.Line == line; i-- {
		above[i].place(st.Start, end)
		line--
	}
	r.prev, r.prevEnd, r.hasPrev = st, end, true
}

// end takes the comments read after the last statement.
func (r *ignoreReader) end(comments []script.Comment) { r.read(comments, nil, 0) }

// read parses the comments and places those at the end of a statement's
// first line: st's, or the previous statement's. It returns the others,
// which stand on lines of their own before st.
func (r *ignoreReader) read(comments []script.Comment, st *script.Span, end int64) (above []*Ignore) {
	for _, c := range comments {
		ig := parseIgnore(c)
		*r.ignores = append(*r.ignores, ig)
		switch {
		case ig.WholeFile || ig.Malformed != "":
		case st != nil && c.Span.Start >= st.Start:
			ig.placeAtEndOfFirstLine(*st, end)
		case r.hasPrev && c.Span.Start >= r.prev.End && c.Span.Line == r.prev.EndLine:
			// After the previous statement, on the line where it ends:
			// psql reads it only with the next one.
			ig.placeAtEndOfFirstLine(r.prev, r.prevEnd)
		default:
			above = append(above, ig)
		}
	}
	return above
}

func (ig *Ignore) placeAtEndOfFirstLine(st script.Span, end int64) {
	if ig.Span.Line == st.Line {
		ig.place(st.Start, end)
	}
}

func (ig *Ignore) place(start, end int64) {
	ig.Placed, ig.start, ig.end = true, start, end
}

// covers reports whether the ignore comment silences a finding of that
// rule at span, and counts it.
func (ig *Ignore) covers(d *Diagnostic) bool {
	if !ig.Placed || ig.Span.File != d.Span.File || ig.Malformed != "" {
		return false
	}
	if !ig.WholeFile && (d.Span.Start < ig.start || d.Span.Start >= ig.end) {
		return false
	}
	for i := range ig.Rules {
		if ig.Rules[i].Name == d.Rule {
			ig.Rules[i].Silenced++
			return true
		}
	}
	return false
}

// silence drops the diagnostics that ignore comments silence, and notes on
// each comment which of its rules are known, ran, and silenced something.
func silence(diags []Diagnostic, ignores []*Ignore, ran, known []*Rule) []Diagnostic {
	if len(ignores) == 0 {
		return diags
	}
	for _, ig := range ignores {
		for i := range ig.Rules {
			ig.Rules[i].Known = ruleNamed(known, ig.Rules[i].Name) != nil
			ig.Rules[i].Ran = ruleNamed(ran, ig.Rules[i].Name) != nil
		}
	}
	kept := diags[:0]
	for _, d := range diags {
		silenced := false
		for _, ig := range ignores {
			// Every comment that covers the finding counts it: none of them
			// is superfluous.
			if ig.covers(&d) {
				silenced = true
			}
		}
		if !silenced {
			kept = append(kept, d)
		}
	}
	return kept
}

func ruleNamed(rules []*Rule, name string) *Rule {
	for _, r := range rules {
		if r.Name == name {
			return r
		}
	}
	return nil
}

// known are the rules an ignore comment may name.
func (o *Options) known() []*Rule {
	if o.Known == nil {
		return o.Rules
	}
	return o.Known
}

// applyIgnores drops the findings that ignore comments silence, then hands
// the comments to the rules that judge them.
func (d *driver) applyIgnores() {
	d.diags = silence(d.diags, d.ignores, d.opts.Rules, d.opts.known())
	for _, r := range d.opts.Rules {
		if r.Ignores != nil {
			r.Ignores(&Pass{Rule: r, opts: &d.opts, report: d.report}, d.ignores)
		}
	}
}
