package script

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
)

// Substitution is a SQL statement after psql's variable substitution.
type Substitution struct {
	Text []byte
	// EscapedQuotes are the backslash-quote pairs of Text inside '' strings
	// read with standard_conforming_strings off (see Stmt).
	EscapedQuotes []int
	// Unknown names the variables the statement uses whose values psql
	// takes from outside the script (the connection, a query's result, a
	// shell command): each reference stands in Text as $1, a value the
	// server is given apart, so that what the statement does with it is
	// known to be unknown.
	Unknown []string
	// Changed is set when a reference was replaced.
	Changed bool
	// Oversized is set when the text grew past the limit (values that
	// refer to others can double it at each step): Text is cut there.
	Oversized bool
}

// MayReference reports whether text has a colon that may start a
// reference to a defined variable, outside a :: cast: the quick test
// before SubstituteSQL.
func (v *PsqlVars) MayReference(text []byte) bool {
	for i := 0; ; {
		k := bytes.IndexByte(text[i:], ':')
		if k < 0 {
			return false
		}
		i += k
		if ref := readVariableRef(text[i:]); ref.n > 0 {
			if _, defined, _ := v.Lookup(ref.name); defined || ref.quote == '?' {
				return true
			}
		}
		i++
		if i < len(text) && text[i] == ':' {
			i++
		}
	}
}

// substFrame is text being read: the statement, or the value of a
// variable that psql reads again as SQL in its place.
type substFrame struct {
	text []byte
	i    int
	name string
}

// SubstituteSQL replaces the variable references in a SQL statement as
// psql's scanner does (psqlscan.l) outside quotes, dollar quotes and
// comments: :name by the value, which is read again as SQL text (a
// reference to a variable already being expanded stays as written),
// :'name' and :"name" by the value quoted as a literal or an identifier,
// :{?name} by TRUE or FALSE. A reference to an undefined variable stays as
// written; a :: cast is no reference. The text stops growing, and values
// stop being read in, past limit bytes.
func (v *PsqlVars) SubstituteSQL(text []byte, standardStrings bool, limit int) Substitution {
	var out Substitution
	buf := make([]byte, 0, len(text)+16)
	stack := []substFrame{{text: text}}
	state, depth := stNormal, 0
	var tag []byte
	escRegular := false
	// expanded counts the bytes of every value read in: values that expand
	// to nothing leave buf short while their references double at each
	// level, so the work is bounded apart from the text.
	expanded := 0
	for len(stack) > 0 {
		if len(buf) > limit || expanded > limit {
			out.Oversized = true
			break
		}
		f := &stack[len(stack)-1]
		if f.i == len(f.text) {
			stack = stack[:len(stack)-1]
			continue
		}
		p, c := f.text[f.i:], f.text[f.i]
		n := 1
		switch state {
		case stNormal:
			switch {
			case c == '-' && len(p) > 1 && p[1] == '-':
				state, n = stLineComment, 2
			case c == '/' && len(p) > 1 && p[1] == '*':
				state, depth, n = stBlockComment, 1, 2
			case c == '\'':
				state, escRegular = stString, false
				if !standardStrings {
					state, escRegular = stEscString, true
				}
			case c == '"':
				state = stQuotedIdent
			case c == '$':
				j := 1
				for j < len(p) && IsIdentCont(p[j]) && p[j] != '$' {
					j++
				}
				if j < len(p) && p[j] == '$' && !isDigit(p[1]) {
					tag = append(tag[:0], p[:j+1]...)
					state, n = stDollar, j+1
				}
			case IsIdentCont(c):
				j := 1
				for j < len(p) && IsIdentCont(p[j]) {
					j++
				}
				n = j
				if j < len(p) && isIdentStart(c) {
					switch {
					case j == 1 && (c == 'e' || c == 'E') && p[1] == '\'':
						state, escRegular, n = stEscString, false, 2
					case j == 1 && standardStringQuote(p) == 1:
						state, n = stString, 2
					case j == 1 && (c == 'u' || c == 'U') && p[1] == '&' && len(p) > 2:
						// U&'' and U&"" take no backslash escapes.
						if p[2] == '\'' {
							state, n = stString, 3
						} else if p[2] == '"' {
							state, n = stQuotedIdent, 3
						}
					}
				}
			case c == ':':
				if len(p) > 1 && p[1] == ':' {
					n = 2
					break
				}
				ref := readVariableRef(p)
				if ref.n == 0 {
					break
				}
				if ref.quote == 0 {
					value, defined, known := v.Lookup(ref.name)
					switch {
					case defined && !known:
						out.Unknown = append(out.Unknown, ref.name)
						buf = append(buf, unknownValue...)
						f.i += ref.n
						out.Changed = true
						continue
					case defined && !expanding(stack, ref.name):
						f.i += ref.n
						expanded += len(value)
						stack = append(stack, substFrame{text: []byte(value), name: ref.name})
						out.Changed = true
						continue
					}
					n = ref.n
					break
				}
				text, ok, unknown := v.expand(ref)
				n = ref.n
				if unknown != "" {
					out.Unknown = append(out.Unknown, unknown)
					text, ok = unknownValue, true
				}
				if ok {
					buf = append(buf, text...)
					f.i += n
					out.Changed = true
					continue
				}
			}
		case stLineComment:
			if c == '\n' {
				state = stNormal
			}
		case stBlockComment:
			switch {
			case c == '*' && len(p) > 1 && p[1] == '/':
				if depth--; depth == 0 {
					state = stNormal
				}
				n = 2
			case c == '/' && len(p) > 1 && p[1] == '*':
				depth++
				n = 2
			}
		case stString:
			if c == '\'' {
				state = stNormal // a doubled quote reopens the string
			}
		case stQuotedIdent:
			if c == '"' {
				state = stNormal
			}
		case stEscString:
			switch {
			case c == '\\' && len(p) > 1:
				if escRegular && p[1] == '\'' {
					out.EscapedQuotes = append(out.EscapedQuotes, len(buf))
				}
				n = 2
			case c == '\'':
				state = stNormal
			}
		case stDollar:
			if c == '$' && bytes.HasPrefix(p, tag) {
				state, n = stNormal, len(tag)
			}
		}
		buf = append(buf, p[:n]...)
		f.i += n
	}
	out.Text = buf
	return out
}

// unknownValue stands for the value of a variable pgseqlint does not know.
const unknownValue = "$1"

// expanding reports whether the variable name is being expanded: psql
// does not expand a variable inside its own value.
func expanding(stack []substFrame, name string) bool {
	for _, f := range stack {
		if f.name == name {
			return true
		}
	}
	return false
}

// MetaArg is one argument of a meta-command, as psql reads it.
type MetaArg struct {
	Text string
	// Backtick is set when part of it is the output of a shell command,
	// which pgseqlint does not run.
	Backtick bool
	// Unknown names a variable psql defines from outside the script whose
	// value it holds.
	Unknown []string
}

// ErrUnterminatedQuote is psql's complaint about an argument whose quote
// does not end on the line.
var ErrUnterminatedQuote = errors.New("unterminated quoted string")

// MetaArgs reads a meta-command's arguments as psql reads most of them
// (psqlscanslash.l, OT_NORMAL): words apart at blanks; in single quotes, two quotes
// stands for a quote and backslash escapes (\n, \t, octal, hexadecimal)
// apply; "" quotes are kept with the text; `command` is the output of a
// shell command; :name, :'name', :"name" and :{?name} are substituted, the
// value not read again. An unquoted backslash ends the arguments (another
// meta-command follows). The arguments end before one whose quote does
// not end, with err set.
func (v *PsqlVars) MetaArgs(args []byte) ([]MetaArg, error) {
	var words []MetaArg
	i := 0
	for {
		for i < len(args) && isSpace(args[i]) {
			i++
		}
		if i == len(args) || args[i] == '\\' {
			return words, nil
		}
		var arg MetaArg
		var text []byte
		for i < len(args) && !isSpace(args[i]) && args[i] != '\\' {
			c := args[i]
			switch c {
			case '\'':
				n, ok := unquoteSlashArg(args[i+1:], &text)
				if !ok {
					return words, ErrUnterminatedQuote
				}
				i += 1 + n
			case '`':
				end := bytes.IndexByte(args[i+1:], '`')
				if end < 0 {
					return words, ErrUnterminatedQuote
				}
				arg.Backtick = true
				i += end + 2
			case '"':
				end := bytes.IndexByte(args[i+1:], '"')
				if end < 0 {
					return words, ErrUnterminatedQuote
				}
				text = append(text, args[i:i+end+2]...)
				i += end + 2
			case ':':
				ref := readVariableRef(args[i:])
				if ref.n == 0 {
					text = append(text, c)
					i++
					break
				}
				value, ok, unknown := v.expand(ref)
				if unknown != "" {
					arg.Unknown = append(arg.Unknown, unknown)
				}
				if !ok {
					value = string(args[i : i+ref.n])
				}
				text = append(text, value...)
				i += ref.n
			default:
				text = append(text, c)
				i++
			}
		}
		arg.Text = string(text)
		words = append(words, arg)
	}
}

// unquoteSlashArg reads the rest of an argument in single quotes after its opening
// quote into text; n is how many bytes it took, through the closing quote.
func unquoteSlashArg(p []byte, text *[]byte) (n int, ok bool) {
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == '\'' && i+1 < len(p) && p[i+1] == '\'':
			*text = append(*text, '\'')
			i += 2
		case c == '\'':
			return i + 1, true
		case c == '\\' && i+1 < len(p):
			i += 1 + unescapeSlash(p[i+1:], text)
		default:
			*text = append(*text, c)
			i++
		}
	}
	return len(p), false
}

// unescapeSlash reads the escape after a backslash in a quoted argument and
// returns its length: \n, \t, \b, \r, \f, up to three octal digits, x and
// up to two hexadecimal digits, or any other byte for itself.
func unescapeSlash(p []byte, text *[]byte) int {
	switch c := p[0]; c {
	case 'n', 't', 'b', 'r', 'f':
		*text = append(*text, "\n\t\b\r\f"[strings.IndexByte("ntbrf", c)])
		return 1
	case 'x':
		j := 1
		for j < len(p) && j < 3 && isHexDigit(p[j]) {
			j++
		}
		if j > 1 {
			b, _ := strconv.ParseUint(string(p[1:j]), 16, 8)
			*text = append(*text, byte(b))
			return j
		}
	}
	if p[0] >= '0' && p[0] <= '7' {
		j := 1
		for j < len(p) && j < 3 && p[j] >= '0' && p[j] <= '7' {
			j++
		}
		b, _ := strconv.ParseUint(string(p[:j]), 8, 16)
		*text = append(*text, byte(b))
		return j
	}
	*text = append(*text, p[0])
	return 1
}

func isHexDigit(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
