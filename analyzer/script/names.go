package script

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/inert"
	"github.com/pgseqlint/pgseqlint/analyzer/pgparse"
)

// maxIdentifierLength is NAMEDATALEN - 1: the server truncates longer names.
const maxIdentifierLength = 63

// QuoteIdent quotes a name exactly as PostgreSQL's quote_ident does: only
// when it is not all lower-case letters, digits and underscores (not
// starting with a digit), or when it is a keyword other than an unreserved
// one.
func QuoteIdent(name string) string {
	safe := name != "" && (name[0] >= 'a' && name[0] <= 'z' || name[0] == '_')
	for i := 0; safe && i < len(name); i++ {
		c := name[i]
		safe = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
	}
	if safe && !isQuotedKeyword(name) {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// QualifiedName writes schema.name as pg_dump and format('%I.%I') do.
func QualifiedName(n ast.QName) string {
	if n.Schema == "" {
		return QuoteIdent(n.Name)
	}
	return QuoteIdent(n.Schema) + "." + QuoteIdent(n.Name)
}

// QuoteLiteral writes a string literal for SQL with standard strings.
func QuoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// InertSQL rewrites SQL that pgseqlint wrote (quoted names and standard
// string literals, no other quoting) so that it can be printed: a quoted
// name or a literal that holds a character that could act on a terminal
// or a log (a line break, ESC) is written with escapes PostgreSQL reads as
// the same characters, U&"a\000Ab" and E'a\nb'. The statement does what it
// did; SQL without such characters is returned as it is.
func InertSQL(sql string) string {
	if inert.Safe(sql) {
		return sql
	}
	var b strings.Builder
	for i := 0; i < len(sql); {
		quote := sql[i]
		if quote != '"' && quote != '\'' {
			b.WriteByte(quote)
			i++
			continue
		}
		// The quoted token runs to the next lone quote; a doubled one
		// stands for itself.
		j := i + 1
		for j < len(sql) && (sql[j] != quote || j+1 < len(sql) && sql[j+1] == quote) {
			if sql[j] == quote {
				j++
			}
			j++
		}
		token := sql[i:min(j+1, len(sql))]
		if inert.Safe(token) {
			b.WriteString(token)
		} else {
			inner := strings.ReplaceAll(token[1:len(token)-1], string(quote)+string(quote), string(quote))
			b.WriteString(escapedToken(inner, quote))
		}
		i = j + 1
	}
	return b.String()
}

// escapedToken writes a name as U&"..." or a literal as E'...', with every
// character that is not safe to print escaped.
func escapedToken(s string, quote byte) string {
	var b strings.Builder
	if quote == '"' {
		b.WriteString(`U&"`)
	} else {
		b.WriteString(`E'`)
	}
	for _, r := range s {
		switch {
		case r == rune(quote):
			b.WriteString(string(quote) + string(quote))
		case r == '\\':
			b.WriteString(`\\`)
		case inert.Safe(string(r)):
			b.WriteRune(r)
		case quote == '"' && r > 0xffff:
			fmt.Fprintf(&b, `\+%06X`, r)
		case quote == '"':
			fmt.Fprintf(&b, `\%04X`, r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < utf8.RuneSelf:
			fmt.Fprintf(&b, `\x%02X`, r)
		default:
			fmt.Fprintf(&b, `\u%04X`, r)
		}
	}
	b.WriteByte(quote)
	return b.String()
}

// TruncateIdentifier cuts a name to 63 bytes at a character boundary, as
// the server's scanner does.
func TruncateIdentifier(name string) string {
	if len(name) <= maxIdentifierLength {
		return name
	}
	return name[:clipLength(name, maxIdentifierLength)]
}

// clipLength is pg_mbcliplen for UTF-8: the longest prefix of at most n
// bytes that ends on a character boundary.
func clipLength(s string, n int) int {
	if n >= len(s) {
		return len(s)
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// makeObjectName builds name1_name2_label within 63 bytes, shortening the
// longer of name1 and name2 first (makeObjectName in indexcmds.c).
func makeObjectName(name1, name2, label string) string {
	overhead := len(label) + 1
	if name2 != "" {
		overhead++
	}
	avail := maxIdentifierLength - overhead
	n1, n2 := len(name1), len(name2)
	for n1+n2 > avail {
		if n1 > n2 {
			n1--
		} else {
			n2--
		}
	}
	name := name1[:clipLength(name1, n1)]
	if name2 != "" {
		name += "_" + name2[:clipLength(name2, n2)]
	}
	return name + "_" + label
}

// ChooseRelationName picks the name PostgreSQL gives an implicit relation,
// such as a serial column's sequence: table_column_seq, or with a digit
// appended to the label (table_column_seq1, ...) while the name is taken.
func ChooseRelationName(name1, name2, label string, taken func(string) bool) string {
	for pass := 0; ; pass++ {
		l := label
		if pass > 0 {
			l = label + strconv.Itoa(pass)
		}
		if name := makeObjectName(name1, name2, l); !taken(name) {
			return name
		}
	}
}

// ParseQualifiedName reads a name written inside a string, as regclass
// input and pg_get_serial_sequence's first argument are read: dots separate
// the parts, double quotes keep case, other letters fold to lower case.
// It reports false when the text is not a valid name.
func ParseQualifiedName(text string) (ast.QName, bool) {
	parts, ok := SplitIdentifiers(text, '.')
	if !ok {
		return ast.QName{}, false
	}
	switch len(parts) {
	case 1:
		return ast.QName{Name: parts[0]}, true
	case 2:
		return ast.QName{Schema: parts[0], Name: parts[1]}, true
	case 3:
		// database.schema.name: the database part must be the current one.
		return ast.QName{Schema: parts[1], Name: parts[2]}, true
	}
	return ast.QName{}, false
}

// SplitIdentifiers splits a list of identifiers separated by sep, with
// optional whitespace around each (SplitIdentifierString in varlena.c).
func SplitIdentifiers(text string, sep byte) ([]string, bool) {
	var parts []string
	i := 0
	skipSpace := func() {
		for i < len(text) && isSpace(text[i]) {
			i++
		}
	}
	skipSpace()
	if i == len(text) {
		return nil, true
	}
	for {
		var part string
		if i < len(text) && text[i] == '"' {
			var b strings.Builder
			i++
			for {
				end := strings.IndexByte(text[i:], '"')
				if end < 0 {
					return nil, false
				}
				b.WriteString(text[i : i+end])
				i += end + 1
				if i < len(text) && text[i] == '"' {
					b.WriteByte('"')
					i++
					continue
				}
				break
			}
			part = b.String()
			if part == "" {
				return nil, false
			}
		} else {
			start := i
			for i < len(text) && text[i] != sep && !isSpace(text[i]) {
				i++
			}
			if i == start {
				return nil, false
			}
			part = downcaseIdentifier(text[start:i])
		}
		parts = append(parts, TruncateIdentifier(part))
		skipSpace()
		if i == len(text) {
			return parts, true
		}
		if text[i] != sep {
			return nil, false
		}
		i++
		skipSpace()
	}
}

// downcaseIdentifier folds ASCII letters, as the server does for UTF-8.
func downcaseIdentifier(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return strings.Map(func(r rune) rune {
				if r >= 'A' && r <= 'Z' {
					return r + 'a' - 'A'
				}
				return r
			}, s)
		}
	}
	return s
}

// keywords caches the parser's keyword list for each word asked.
var keywords sync.Map

func keywordKind(word string) pgparse.KeywordKind {
	if v, ok := keywords.Load(word); ok {
		return v.(pgparse.KeywordKind)
	}
	k := pgparse.Keyword(word)
	// The word may be the reader's window, which moves on: keep a copy.
	keywords.Store(strings.Clone(word), k)
	return k
}

// isQuotedKeyword reports whether quote_ident quotes the keyword: any but
// an unreserved one (quote_identifier in ruleutils.c).
func isQuotedKeyword(word string) bool {
	k := keywordKind(word)
	return k != pgparse.NotKeyword && k != pgparse.Unreserved
}
