package analyzer

import (
	"cmp"
	"slices"
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
// statements they stand next to, as the statements stream past, and
// decides the findings of each statement once its comments are known. A
// comment at the end of a statement's first line is read only with the
// next statement, so each statement's findings wait until then.
type ignoreReader struct {
	ignores *[]*Ignore
	// decide takes a statement's findings that no comment placed on the
	// statement silences.
	decide func(Diagnostic)
	// prev is the last statement (when hasPrev): its span and the end of
	// its rows.
	prev    script.Span
	prevEnd int64
	hasPrev bool
	// The comments placed on the statement being read and on the last
	// one, and their findings: waiting are those of the statement being
	// read, reported before its comments are read.
	placed, prevPlaced   []*Ignore
	waiting, prevWaiting []Diagnostic
}

// statement takes the comments read up to and including st, whose rows
// (for a COPY) end at end, and decides the findings of the statement
// before it.
func (r *ignoreReader) statement(comments []script.Comment, st script.Span, end int64) {
	r.placed = nil
	above := r.read(comments, &st, end)
	// Comments on the lines right above the statement, one after another,
	// speak of it.
	line := st.Line - 1
	for i := len(above) - 1; i >= 0 && above[i].Span.Line == line; i-- {
		r.place(above[i], st.Start, end, false)
		line--
	}
	r.flush()
	r.prev, r.prevEnd, r.hasPrev = st, end, true
	r.prevPlaced, r.prevWaiting, r.placed, r.waiting = r.placed, r.waiting, nil, nil
}

// end takes the comments read after the last statement, and decides its
// findings.
func (r *ignoreReader) end(comments []script.Comment) {
	r.read(comments, nil, 0)
	r.flush()
	r.prevPlaced = nil
}

// flush decides the findings of the last statement, whose comments are
// all placed now.
func (r *ignoreReader) flush() {
	for _, d := range r.prevWaiting {
		if !silencedBy(r.prevPlaced, &d) {
			r.decide(d)
		}
	}
	r.prevWaiting = nil
}

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
			if ig.Span.Line == st.Line {
				r.place(ig, st.Start, end, false)
			}
		case r.hasPrev && c.Span.Start >= r.prev.End && c.Span.Line == r.prev.EndLine:
			// After the previous statement, on the line where it ends:
			// psql reads it only with the next one.
			if ig.Span.Line == r.prev.Line {
				r.place(ig, r.prev.Start, r.prevEnd, true)
			}
		default:
			above = append(above, ig)
		}
	}
	return above
}

// place makes ig silence the findings in [start, end): those of the
// statement being read, or of the last one.
func (r *ignoreReader) place(ig *Ignore, start, end int64, onPrev bool) {
	ig.Placed, ig.start, ig.end = true, start, end
	if onPrev {
		r.prevPlaced = append(r.prevPlaced, ig)
	} else {
		r.placed = append(r.placed, ig)
	}
}

// silencedBy reports whether any of the comments silences d; every one
// that does counts it, so that none of them is superfluous.
func silencedBy(ignores []*Ignore, d *Diagnostic) bool {
	silenced := false
	for _, ig := range ignores {
		if ig.covers(d) {
			silenced = true
		}
	}
	return silenced
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

// ignoreIndex finds the comments that may silence a finding reported once
// the script is read (a rule's Finish): by file, the statement comments
// sorted by where their statements start, and the whole-file comments by
// the rules they name. Matching a finding costs a search, not a pass over
// every comment.
type ignoreIndex struct {
	files map[string]*fileIgnores
}

type fileIgnores struct {
	scoped []*Ignore // by start
	// reach[i] is the largest end among scoped[:i+1]: a search walks back
	// only while a statement before may still reach the finding.
	reach []int64
	whole map[string][]*Ignore // by rule name
}

func newIgnoreIndex(ignores []*Ignore) *ignoreIndex {
	x := &ignoreIndex{files: map[string]*fileIgnores{}}
	for _, ig := range ignores {
		if !ig.Placed || ig.Malformed != "" {
			continue
		}
		f := x.files[ig.Span.File]
		if f == nil {
			f = &fileIgnores{whole: map[string][]*Ignore{}}
			x.files[ig.Span.File] = f
		}
		if !ig.WholeFile {
			f.scoped = append(f.scoped, ig)
			continue
		}
		for _, r := range ig.Rules {
			if !slices.Contains(f.whole[r.Name], ig) {
				f.whole[r.Name] = append(f.whole[r.Name], ig)
			}
		}
	}
	for _, f := range x.files {
		slices.SortStableFunc(f.scoped, func(a, b *Ignore) int { return cmp.Compare(a.start, b.start) })
		f.reach = make([]int64, len(f.scoped))
		for i, ig := range f.scoped {
			f.reach[i] = ig.end
			if i > 0 {
				f.reach[i] = max(ig.end, f.reach[i-1])
			}
		}
	}
	return x
}

// scoped reports whether a statement comment silences d, counting it.
func (x *ignoreIndex) scoped(d *Diagnostic) bool {
	f := x.files[d.Span.File]
	if f == nil {
		return false
	}
	silenced := false
	i, _ := slices.BinarySearchFunc(f.scoped, d.Span.Start, func(ig *Ignore, at int64) int {
		if ig.start <= at {
			return -1
		}
		return 1
	})
	for i--; i >= 0 && f.reach[i] > d.Span.Start; i-- {
		if f.scoped[i].covers(d) {
			silenced = true
		}
	}
	return silenced
}

// wholeFile returns the whole-file comments that silence rule in file.
func (x *ignoreIndex) wholeFile(file, rule string) []*Ignore {
	if f := x.files[file]; f != nil {
		return f.whole[rule]
	}
	return nil
}

// silenceWholeFile drops the findings kept and counts the findings not
// shown that whole-file comments silence, counting them on the comments;
// then it notes on each comment which of its rules are known and ran.
func (d *driver) silenceWholeFile() {
	x := d.ignoreIndex()
	kept := d.diags[:0]
	for _, diag := range d.diags {
		if !x.silenceWhole(diag.Span.File, diag.Rule, 1) {
			kept = append(kept, diag)
		}
	}
	d.diags = kept
	for key, n := range d.omitted {
		if x.silenceWhole(key.file, key.rule, n) {
			delete(d.omitted, key)
		}
	}
	known := d.opts.known()
	for _, ig := range d.ignores {
		for i := range ig.Rules {
			ig.Rules[i].Known = ruleNamed(known, ig.Rules[i].Name) != nil
			ig.Rules[i].Ran = ruleNamed(d.opts.Rules, ig.Rules[i].Name) != nil
		}
	}
}

// silenceWhole counts n findings of rule in file on the whole-file
// comments that silence them, and reports whether there are any.
func (x *ignoreIndex) silenceWhole(file, rule string, n int) bool {
	ignores := x.wholeFile(file, rule)
	for _, ig := range ignores {
		for i := range ig.Rules {
			if ig.Rules[i].Name == rule {
				ig.Rules[i].Silenced += n
				break
			}
		}
	}
	return len(ignores) > 0
}

// ignoreIndex indexes the comments read, once the script is read.
func (d *driver) ignoreIndex() *ignoreIndex {
	if d.index == nil {
		d.index = newIgnoreIndex(d.ignores)
	}
	return d.index
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

// judgeIgnores hands the comments to the rules that judge them, once they
// have silenced what they silence; what those rules find, no comment
// silences.
func (d *driver) judgeIgnores() {
	report := func(diag Diagnostic) {
		if !d.silenced[diag.Span.File] {
			d.hold(diag)
		}
	}
	for _, r := range d.opts.Rules {
		if r.Ignores != nil {
			r.Ignores(&Pass{Rule: r, opts: &d.opts, report: report}, d.ignores)
		}
	}
}
