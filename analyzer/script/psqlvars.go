package script

import (
	"fmt"
	"strings"
)

// PsqlVars are psql's variables as the script leaves them (src/bin/psql
// variables.c): what \set and \unset did, over the values psql starts
// with. The script is checked as psql -f runs it, without -v, so only what
// it sets itself counts.
type PsqlVars struct {
	values map[string]string
	// unknown are the variables the script set from outside itself (a
	// shell command's output).
	unknown map[string]bool
	// gset are the prefixes of \gset commands since run: a variable whose
	// name starts with one may have been set from a query's result, unless
	// the script unset it since (cleared).
	gset    []string
	cleared map[string]bool
	// Set is true once the script has set or unset a variable: until then
	// no statement can need a substitution that changes it, but for a
	// variable psql defines itself.
	Set bool
	// OnErrorStop and OnErrorRollback mirror ON_ERROR_STOP and
	// ON_ERROR_ROLLBACK; Autocommit, SingleLine and SingleStep the settings
	// that change how statements are sent, which pgseqlint does not follow.
	OnErrorStop, OnErrorRollback, Autocommit, SingleLine, SingleStep bool
}

// psqlDefaults are the variables psql defines before it reads a script,
// with values that do not depend on the server.
var psqlDefaults = map[string]string{
	"AUTOCOMMIT": "on", "ON_ERROR_STOP": "off", "ON_ERROR_ROLLBACK": "off", "QUIET": "off",
	"SINGLELINE": "off", "SINGLESTEP": "off", "ECHO": "none", "ECHO_HIDDEN": "off",
	"VERBOSITY": "default", "SHOW_CONTEXT": "errors", "FETCH_COUNT": "0", "HIDE_TABLEAM": "off",
	"HIDE_TOAST_COMPRESSION": "off", "COMP_KEYWORD_CASE": "preserve-upper", "HISTCONTROL": "none",
	"HISTSIZE": "500", "IGNOREEOF": "0",
}

// psqlConnectionVars are the variables psql sets from the connection and
// from each query's outcome: defined, with values the script does not
// hold.
var psqlConnectionVars = map[string]bool{
	"DBNAME": true, "USER": true, "HOST": true, "PORT": true, "ENCODING": true,
	"SERVER_VERSION_NAME": true, "SERVER_VERSION_NUM": true, "VERSION": true, "VERSION_NAME": true,
	"VERSION_NUM": true, "ERROR": true, "SQLSTATE": true, "ROW_COUNT": true,
	"LAST_ERROR_MESSAGE": true, "LAST_ERROR_SQLSTATE": true,
}

// NewPsqlVars returns the variables as psql starts.
func NewPsqlVars() *PsqlVars {
	v := &PsqlVars{values: make(map[string]string, len(psqlDefaults)), Autocommit: true}
	for name, value := range psqlDefaults {
		v.values[name] = value
	}
	return v
}

// Lookup returns a variable's value; defined is false when the script has
// not set it, known false when psql sets it from outside the script.
func (v *PsqlVars) Lookup(name string) (value string, defined, known bool) {
	if value, ok := v.values[name]; ok {
		return value, true, !v.unknown[name]
	}
	if psqlConnectionVars[name] {
		return "", true, false
	}
	return "", v.fromQuery(name), false
}

// fromQuery reports whether a variable the script has not set may have
// been set by a \gset.
func (v *PsqlVars) fromQuery(name string) bool {
	for _, prefix := range v.gset {
		if strings.HasPrefix(name, prefix) && !v.cleared[name] {
			return true
		}
	}
	return false
}

// Gset records a \gset: it sets a variable, named prefix and a column's
// name, for each column of the query's one row, with values (and names)
// only the server knows.
func (v *PsqlVars) Gset(prefix string) {
	v.Set = true
	v.gset = append(v.gset, prefix)
	clear(v.cleared)
}

// Assign runs \set name value (or \unset name, for unset): the settings
// psql watches take the value only when it is valid for them; otherwise
// psql keeps the old value and the command fails with err.
func (v *PsqlVars) Assign(name, value string, unset bool) error {
	if !validVariableName(name) {
		return fmt.Errorf(`invalid variable name: "%s"`, name)
	}
	v.Set = true
	delete(v.unknown, name)
	if unset && len(v.gset) > 0 {
		if v.cleared == nil {
			v.cleared = map[string]bool{}
		}
		v.cleared[name] = true
	}
	switch name {
	case "ON_ERROR_STOP", "AUTOCOMMIT", "SINGLELINE", "SINGLESTEP":
		// Boolean settings: \unset means off, and \set with no value on.
		switch {
		case unset:
			value = "off"
		case value == "":
			value = "on"
		}
		on, ok := ParseVariableBool(value)
		if !ok {
			return fmt.Errorf(`unrecognized value "%s" for "%s": Boolean expected`, value, name)
		}
		switch name {
		case "ON_ERROR_STOP":
			v.OnErrorStop = on
		case "AUTOCOMMIT":
			v.Autocommit = on
		case "SINGLELINE":
			v.SingleLine = on
		default:
			v.SingleStep = on
		}
	case "ON_ERROR_ROLLBACK":
		if unset {
			value = "off"
		}
		// "interactive" rolls statements back only for a terminal's
		// input: off for a script.
		on, ok := ParseVariableBool(value)
		switch {
		case strings.EqualFold(value, "interactive"):
			v.OnErrorRollback = false
		case ok:
			v.OnErrorRollback = on
		default:
			return fmt.Errorf(`unrecognized value "%s" for "%s"`, value, name) // and on a line of its own: the values it takes
		}
	default:
		if unset {
			delete(v.values, name)
			return nil
		}
	}
	v.values[name] = value
	return nil
}

// MarkUnknown records that the variable, just set, holds a value from
// outside the script.
func (v *PsqlVars) MarkUnknown(name string) {
	if _, ok := v.values[name]; !ok {
		v.values[name] = ""
	}
	if v.unknown == nil {
		v.unknown = map[string]bool{}
	}
	v.unknown[name] = true
}

// validVariableName is psql's rule: ASCII letters, digits and underscores,
// and any byte outside ASCII.
func validVariableName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isVariableChar(name[i]) {
			return false
		}
	}
	return true
}

// isVariableChar is psql's variable_char: [A-Za-z\200-\377_0-9].
func isVariableChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

// ParseVariableBool reads a boolean as psql does: any unambiguous prefix
// of true, false, yes or no, on or off (two letters at least), 1 or 0,
// ignoring case.
func ParseVariableBool(value string) (result, ok bool) {
	prefixOf := func(word string, least int) bool {
		return len(value) >= least && len(value) <= len(word) && strings.EqualFold(value, word[:len(value)])
	}
	switch {
	case prefixOf("true", 1), prefixOf("yes", 1), prefixOf("on", 2), value == "1":
		return true, true
	case prefixOf("false", 1), prefixOf("no", 1), prefixOf("off", 2), value == "0":
		return false, true
	}
	return false, false
}

// quoteLiteral is libpq's PQescapeLiteral, which :'name' uses: a value
// with a backslash becomes an E'...' string, after a space that keeps it
// apart from a word before it.
func quoteLiteral(value string) string {
	value, _, _ = strings.Cut(value, "\x00")
	var b strings.Builder
	if strings.IndexByte(value, '\\') >= 0 {
		b.WriteString(" E")
	}
	b.WriteByte('\'')
	for i := 0; i < len(value); i++ {
		if value[i] == '\'' || value[i] == '\\' {
			b.WriteByte(value[i])
		}
		b.WriteByte(value[i])
	}
	b.WriteByte('\'')
	return b.String()
}

// quoteIdent is libpq's PQescapeIdentifier, which :"name" uses.
func quoteIdent(value string) string {
	value, _, _ = strings.Cut(value, "\x00")
	return `"` + strings.ReplaceAll(value, `"`, `""`) + `"`
}

// variableRef is a reference to a variable at the start of p, which starts
// with a colon: :name, :'name', :"name" or :{?name}, as psql's scanners
// read them. n is its length, 0 when p holds no reference (a lone colon,
// or a :: cast).
type variableRef struct {
	name  string
	quote byte // 0, '\'' or '"'; '?' for the defined-test
	n     int
}

func readVariableRef(p []byte) variableRef {
	if len(p) < 2 {
		return variableRef{}
	}
	nameAt := func(from int) int {
		j := from
		for j < len(p) && isVariableChar(p[j]) {
			j++
		}
		return j
	}
	switch c := p[1]; {
	case isVariableChar(c):
		j := nameAt(1)
		return variableRef{name: string(p[1:j]), n: j}
	case c == '\'' || c == '"':
		j := nameAt(2)
		if j > 2 && j < len(p) && p[j] == c {
			return variableRef{name: string(p[2:j]), quote: c, n: j + 1}
		}
	case c == '{':
		if len(p) > 2 && p[2] == '?' {
			j := nameAt(3)
			if j > 3 && j < len(p) && p[j] == '}' {
				return variableRef{name: string(p[3:j]), quote: '?', n: j + 1}
			}
		}
	}
	return variableRef{}
}

// expand is what a quoted reference or a defined-test stands for: the
// quoted value, or TRUE or FALSE. ok is false when the variable is not
// defined (the reference stays as written); unknown names a variable psql
// defines with a value the script does not hold.
func (v *PsqlVars) expand(ref variableRef) (text string, ok bool, unknown string) {
	value, defined, known := v.Lookup(ref.name)
	if ref.quote == '?' {
		_, set := v.values[ref.name]
		switch {
		case defined && !set && v.fromQuery(ref.name):
			// Whether a \gset set it depends on the query's result.
			return "", false, ref.name
		case defined:
			return "TRUE", true, ""
		}
		return "FALSE", true, ""
	}
	if !defined {
		return "", false, ""
	}
	if !known {
		return "", false, ref.name
	}
	switch ref.quote {
	case '\'':
		return quoteLiteral(value), true, ""
	case '"':
		return quoteIdent(value), true, ""
	}
	return value, true, ""
}
