package analyzer

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
	"github.com/pgseqlint/pgseqlint/analyzer/inert"
	"github.com/pgseqlint/pgseqlint/analyzer/pgparse"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// errScriptStopped ends the run where psql stops reading the script: a
// statement failed while ON_ERROR_STOP was set. psql exits then, from a
// file read with \i as well.
var errScriptStopped = errors.New("psql stops the script (ON_ERROR_STOP)")

// branchState is the state of an \if block, as psql's conditional.c keeps
// it.
type branchState uint8

const (
	// branchTrue: the branch being read runs.
	branchTrue branchState = iota
	// branchFalse: it does not; a later \elif or \else may.
	branchFalse
	// branchIgnored: a branch before ran, or the whole block stands in
	// one that does not run; no condition is evaluated.
	branchIgnored
	branchElseTrue
	branchElseFalse
)

type ifBlock struct {
	state branchState
	at    script.Span // the \if
	// unknown is set once a condition of the block was one pgseqlint
	// does not know: which branch runs is not known.
	unknown bool
}

// psqlState is what psql keeps while it reads the script.
type psqlState struct {
	vars *script.PsqlVars
	// blocks are the \if blocks open in the file being read: psql gives
	// each file it reads (\i too) a stack of its own.
	blocks []ifBlock
	// stmt is the statement after variable substitution.
	stmt script.Stmt
}

// active reports whether what is read now runs: psql reads the statements
// and meta-commands of a branch that does not run, and ignores them.
func (p *psqlState) active() bool {
	if len(p.blocks) == 0 {
		return true
	}
	s := p.blocks[len(p.blocks)-1].state
	return s == branchTrue || s == branchElseTrue
}

// conditional reports whether a meta-command is one of \if, \elif, \else
// and \endif, which psql follows in branches that do not run too.
func conditional(st *script.Stmt) bool {
	if st.Kind != script.KindMeta {
		return false
	}
	switch name, _ := script.MetaCommand(st.Text); name {
	case "if", "elif", "else", "endif":
		return true
	}
	return false
}

// skip reads past a statement of a branch that does not run. psql does not
// send it, so a COPY FROM STDIN there reads no rows: the lines after it
// are read as statements.
func (d *driver) skip(x *exec, sp *script.Splitter) {
	if x.stmt.CopyIn {
		sp.NoCopyRows()
	}
	for _, b := range d.psql.blocks {
		if b.unknown {
			x.c.Unfollowed(&x.Exec, `a statement in an \if branch whose condition pgseqlint does not know`, x.stmt.Text)
			return
		}
	}
}

// setFastPath lets the splitter read INSERTs ahead (see readInsert) only
// where psql would send them as written, and where whether one fails need
// not be known at once: not in a branch that does not run, not once the
// script sets a variable a statement may use, not with ON_ERROR_STOP.
func (d *driver) setFastPath(sp *script.Splitter) {
	sp.ReadInsert = nil
	if !d.opts.Reference && !d.schema && d.psql.active() && !d.psql.vars.Set {
		sp.ReadInsert = d.readInsert
	}
}

// psqlCommand runs the meta-commands that set variables (\set, \unset,
// \gset, \getenv, \prompt) and \if, \elif, \else and \endif as psql's
// command.c does.
func (d *driver) psqlCommand(x *exec, name string, args []byte) {
	p := &d.psql
	fail := func(format string, a ...any) {
		x.psqlFailed = true
		x.Report(&catalog.PsqlError{Span: x.stmt.Span, Message: fmt.Sprintf(format, a...)})
	}
	top := func() *ifBlock {
		if len(p.blocks) == 0 {
			return nil
		}
		return &p.blocks[len(p.blocks)-1]
	}
	switch name {
	case "set", "unset":
		words := d.metaArgs(x, args)
		if len(words) == 0 {
			if name == "unset" {
				fail(`\unset: missing required argument`)
			}
			return // \set alone lists the variables
		}
		var value strings.Builder
		unknown := false
		for _, w := range words[1:] {
			value.WriteString(w.Text)
			unknown = unknown || w.Backtick || len(w.Unknown) > 0
		}
		if name == "unset" {
			words = words[:1]
		}
		if value.Len() > script.DefaultMaxStmtBytes {
			// A value made of others can double at each \set.
			unknown = true
			value.Reset()
		}
		if err := p.vars.Assign(words[0].Text, value.String(), name == "unset"); err != nil {
			fail("%s", inert.String(err.Error()))
			return
		}
		if unknown {
			p.vars.MarkUnknown(words[0].Text)
			x.Report(&catalog.PsqlUnknown{Message: fmt.Sprintf(`\set %s takes a value from outside the script, which pgseqlint does not know: statements and conditions that use :%s are not followed`,
				inert.String(words[0].Text), inert.String(words[0].Text))})
		}
		d.unfollowedSetting(x, words[0].Text)
	case "gset":
		prefix := ""
		if words := d.metaArgs(x, args); len(words) > 0 {
			prefix = words[0].Text
		}
		p.vars.Gset(prefix)
	case "getenv", "prompt":
		// \getenv name ENVVAR and \prompt [text] name set a variable from
		// the environment or the terminal.
		if words := d.metaArgs(x, args); len(words) > 0 {
			target := words[0].Text
			if name == "prompt" {
				target = words[len(words)-1].Text
			}
			p.vars.MarkUnknown(target)
			p.vars.Set = true
		}
	case "if":
		if !p.active() {
			p.blocks = append(p.blocks, ifBlock{state: branchIgnored, at: x.stmt.Span})
			return
		}
		on, unknown := d.condition(x, args, `\if expression`)
		state := branchFalse
		if on {
			state = branchTrue
		}
		p.blocks = append(p.blocks, ifBlock{state: state, at: x.stmt.Span, unknown: unknown})
	case "elif":
		b := top()
		switch {
		case b == nil:
			fail(`\elif: no matching \if`)
		case b.state == branchElseTrue || b.state == branchElseFalse:
			fail(`\elif: cannot occur after \else`)
		case b.state == branchTrue:
			b.state = branchIgnored
		case b.state == branchFalse:
			on, unknown := d.condition(x, args, `\elif expression`)
			if on {
				b.state = branchTrue
			}
			b.unknown = b.unknown || unknown
		}
	case "else":
		b := top()
		switch {
		case b == nil:
			fail(`\else: no matching \if`)
		case b.state == branchElseTrue || b.state == branchElseFalse:
			fail(`\else: cannot occur after \else`)
		case b.state == branchFalse:
			b.state = branchElseTrue
		default:
			b.state = branchElseFalse
		}
	case "endif":
		if top() == nil {
			fail(`\endif: no matching \if`)
			return
		}
		p.blocks = p.blocks[:len(p.blocks)-1]
	}
}

// condition evaluates the condition of \if or \elif as psql does: its
// arguments, substituted, joined by spaces, read as a boolean. A value that
// is no boolean is psql's error, and the branch does not run. One that
// comes from outside the script is unknown, and taken as false.
func (d *driver) condition(x *exec, args []byte, what string) (on, unknown bool) {
	words := d.metaArgs(x, args)
	texts := make([]string, len(words))
	for i, w := range words {
		if w.Backtick || len(w.Unknown) > 0 {
			x.Report(&catalog.PsqlUnknown{Message: fmt.Sprintf("%s takes its value from outside the script, which pgseqlint does not know: it follows the script as if the condition were false", what)})
			return false, true
		}
		texts[i] = w.Text
	}
	value := strings.Join(texts, " ")
	on, ok := script.ParseVariableBool(value)
	if !ok {
		x.Report(&catalog.PsqlError{Span: x.stmt.Span, Message: fmt.Sprintf(`unrecognized value "%s" for "%s": Boolean expected`, inert.String(value), what)})
	}
	return on, false
}

// metaArgs reads a meta-command's arguments, and reports a quote that does
// not end: psql's error, which ends the arguments there.
func (d *driver) metaArgs(x *exec, args []byte) []script.MetaArg {
	words, err := d.psql.vars.MetaArgs(args)
	if err != nil {
		x.Report(&catalog.PsqlError{Span: x.stmt.Span, Message: err.Error()})
	}
	return words
}

// unfollowedSetting reports a psql setting that changes how statements are
// sent in a way pgseqlint does not follow.
func (d *driver) unfollowedSetting(x *exec, name string) {
	v := d.psql.vars
	var what string
	switch {
	case name == "AUTOCOMMIT" && !v.Autocommit:
		what = "AUTOCOMMIT off opens a transaction block before each statement outside one, which rolls back unless the script commits it"
	case name == "SINGLELINE" && v.SingleLine:
		what = "SINGLELINE on ends each statement at the end of its line"
	case name == "SINGLESTEP" && v.SingleStep:
		what = "SINGLESTEP on asks before each statement whether to run it"
	default:
		return
	}
	x.Report(&catalog.PsqlUnknown{Message: what + ", which pgseqlint does not follow"})
}

// substitute returns the statement as psql sends it, after variable
// substitution, or the statement itself. run is false when it uses a
// variable whose value pgseqlint does not know: it is reported, not run.
func (d *driver) substitute(x *exec, sp *script.Splitter) (st *script.Stmt, run bool) {
	st = x.stmt
	if !d.psql.vars.MayReference(st.Text) {
		return st, true
	}
	limit := sp.MaxStmtBytes
	if limit <= 0 {
		limit = script.DefaultMaxStmtBytes
	}
	sub := d.psql.vars.SubstituteSQL(st.Text, !st.Escapes, limit)
	if sub.Oversized {
		x.Report(&catalog.StatementTooLong{Size: int64(len(sub.Text)), Limit: limit})
		return st, false
	}
	if len(sub.Unknown) > 0 {
		// Read with an unknown value in its place; a statement that then
		// does not parse is not run.
		if _, err := pgparse.Parse(string(sub.Text)); err != nil {
			x.Report(&catalog.PsqlUnknown{Message: fmt.Sprintf("the statement uses psql variable :%s, whose value comes from outside the script: pgseqlint does not know what it does and does not run it",
				inert.String(sub.Unknown[0]))})
			return st, false
		}
		x.Report(&catalog.PsqlUnknown{Message: fmt.Sprintf("the statement uses psql variable :%s, whose value comes from outside the script: pgseqlint runs it with that value unknown",
			inert.String(sub.Unknown[0]))})
	}
	if !sub.Changed {
		return st, true
	}
	p := &d.psql
	p.stmt = *st
	p.stmt.Text, p.stmt.EscapedQuotes = sub.Text, sub.EscapedQuotes
	return &p.stmt, true
}

// unclosedIf reports the \if blocks a file leaves open at its end: psql's
// error, which with ON_ERROR_STOP stops the script.
func (d *driver) unclosedIf() error {
	if len(d.psql.blocks) == 0 {
		return nil
	}
	at := d.psql.blocks[len(d.psql.blocks)-1].at
	d.note(at, &catalog.PsqlError{Span: at, Message: `reached EOF without finding closing \endif(s)`})
	if d.psql.vars.OnErrorStop {
		return errScriptStopped
	}
	return nil
}
