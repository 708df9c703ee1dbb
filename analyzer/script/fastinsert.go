package script

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
	"github.com/pgseqlint/pgseqlint/analyzer/pgparse"
)

// The INSERT fast path reads the INSERT statements pg_dump writes
// (--inserts, --column-inserts, --rows-per-insert, OVERRIDING SYSTEM VALUE,
// --on-conflict-do-nothing, and typed literals such as '2024-01-01'::date)
// in Go, so that data rows never cross into the cgo parser one by one. It
// builds what the parser seam would build, and gives up on anything it does
// not fully understand: that statement goes to the real parser. The fuzz
// and differential tests hold it to the parser's result.

// InsertKeep tells the fast path which values matter, once it knows the
// table and column list: keep[i] for the i-th value of each row. A nil
// slice keeps every value.
type InsertKeep interface {
	Keep(table ast.QName, columns []string) []bool
}

// Values the fast path shares between rows: they are never modified.
var (
	fastNull    = &ast.Const{Kind: ast.ConstNull}
	fastDefault = &ast.Default{}
	fastTrue    = &ast.Const{Kind: ast.ConstBool, Val: "true"}
	fastFalse   = &ast.Const{Kind: ast.ConstBool, Val: "false"}
	// fastText stands for a string literal that is not a number: as a key
	// it is no different from an empty string, which no integer column
	// takes and no numeric column holds as a whole number.
	fastText = &ast.Const{Kind: ast.ConstString}
	// fastSkipped stands for a value the caller said does not matter.
	fastSkipped = &ast.Opaque{}
)

type insertScanner struct {
	s string
	i int
	// escapes is set when standard_conforming_strings is off: a backslash
	// in a string is then an escape, which the fast path leaves to the
	// parser.
	escapes bool
	arena   *InsertArena
}

// InsertArena holds what the fast path builds, reused once the analyzer is
// done with it: a dump holds millions of INSERTs. What it builds holds no
// reference to the text it was read from (the reader's window moves on):
// the strings it keeps are copied into text.
type InsertArena struct {
	ins    ast.Insert
	rows   [][]ast.Expr
	values []ast.Expr
	consts []ast.Const
	text   []byte
	// header is the text of the last header read, and headerIns what it
	// says.
	header    string
	headerIns ast.Insert
	// rowsAt is where the first row of the last statement read starts,
	// after its opening parenthesis.
	rowsAt int
}

// RowsAt is the length of the last statement's text up to and including
// the opening parenthesis of its first row: the text every statement of
// a run shares.
func (a *InsertArena) RowsAt() int { return a.rowsAt }

// Reset makes the arena's space free for reuse: nothing built before may
// be in use any more.
func (a *InsertArena) Reset() {
	a.rows, a.values, a.consts, a.text = a.rows[:0], a.values[:0], a.consts[:0], a.text[:0]
}

// Insert is the INSERT the fast path built last.
func (a *InsertArena) Insert() *ast.Insert { return &a.ins }

// KeepText copies a statement's text into the arena: it stays valid until
// the next reset.
func (a *InsertArena) KeepText(text []byte) []byte {
	start := len(a.text)
	a.text = append(a.text, text...)
	return a.text[start:len(a.text):len(a.text)]
}

// Size is the bytes of text the arena holds.
func (a *InsertArena) Size() int { return len(a.text) }

// ArenaMark is how full an arena was: a read that gives up goes back to it.
type ArenaMark struct{ rows, values, consts, text int }

// Mark is how full the arena is.
func (a *InsertArena) Mark() ArenaMark {
	return ArenaMark{len(a.rows), len(a.values), len(a.consts), len(a.text)}
}

// Rollback forgets what was built since m.
func (a *InsertArena) Rollback(m ArenaMark) {
	a.rows, a.values, a.consts, a.text = a.rows[:m.rows], a.values[:m.values], a.consts[:m.consts], a.text[:m.text]
}

// own copies s into the arena. Appending never writes over the bytes of
// the strings made before: they stay valid until the next reset.
func (a *InsertArena) own(s string) string {
	if s == "" {
		return ""
	}
	start := len(a.text)
	a.text = append(a.text, s...)
	return unsafe.String(&a.text[start], len(s))
}

// ParseInsertFast parses text as an INSERT INTO ... VALUES statement. It
// reports false when the statement is anything else or uses syntax it does
// not handle. With an arena, the result is valid until the arena's next
// use, which resets it.
func ParseInsertFast(text string, escapes bool, keep InsertKeep, arena *InsertArena) (*ast.Insert, bool) {
	if arena != nil {
		arena.Reset()
	}
	ins, n, ok := ParseInsertPrefix(text, escapes, true, keep, arena)
	if !ok || n != len(text) && strings.TrimSpace(text[n:]) != "" {
		return nil, false
	}
	return ins, true
}

// ParseInsertPrefix parses the INSERT statement at the start of text, which
// may go on with more statements, and returns how long it is. Without its
// semicolon, the statement must end at the end of the input (eof). The
// result is built in arena.ins, with values added to the arena, which it
// does not reset: the values of earlier statements stay valid.
func ParseInsertPrefix(text string, escapes, eof bool, keep InsertKeep, arena *InsertArena) (*ast.Insert, int, bool) {
	if arena == nil {
		arena = &InsertArena{}
	}
	p := &insertScanner{s: text, escapes: escapes, arena: arena}
	arena.rowsAt = 0
	ins := &arena.ins
	cached := p.header(ins)
	headerEnd := p.i
	if headerEnd == 0 {
		return nil, 0, false
	}
	switch {
	case p.keyword("default"):
		if !p.keyword("values") {
			return nil, 0, false
		}
		ins.DefaultValues = true
	case p.keyword("values"):
		var mask []bool
		if keep != nil {
			mask = keep.Keep(ins.Table, ins.Columns)
		}
		if !p.rows(ins, mask) {
			return nil, 0, false
		}
	default:
		return nil, 0, false
	}
	if p.keyword("on") {
		if !p.keyword("conflict") || !p.keyword("do") || !p.keyword("nothing") {
			return nil, 0, false
		}
		ins.OnConflict = true
	}
	if !p.punct(';') && (!p.space() || p.i != len(p.s) || !eof) {
		return nil, 0, false
	}
	if !cached {
		arena.remember(text[:headerEnd], ins)
		ins.Table, ins.Columns = arena.headerIns.Table, arena.headerIns.Columns
	}
	return ins, p.i, true
}

// header reads INSERT INTO table [(columns)] [OVERRIDING ...], leaving
// p.i at its end (0 when there is none). A dump repeats the same header
// for every row of a table: when the text starts with the last header of a
// statement read whole, that header is taken as it was (cached is set).
func (p *insertScanner) header(ins *ast.Insert) (cached bool) {
	a := p.arena
	if a.header != "" && strings.HasPrefix(p.s, a.header) {
		*ins = ast.Insert{Table: a.headerIns.Table, Columns: a.headerIns.Columns, Override: a.headerIns.Override}
		p.i = len(a.header)
		return true
	}
	*ins = ast.Insert{}
	if !p.keyword("insert") || !p.keyword("into") {
		p.i = 0
		return false
	}
	var ok bool
	if ins.Table, ok = p.qualifiedName(); !ok {
		p.i = 0
		return false
	}
	if p.punct('(') {
		for {
			col, ok := p.identifier()
			if !ok {
				p.i = 0
				return false
			}
			ins.Columns = append(ins.Columns, col)
			if p.punct(')') {
				break
			}
			if !p.punct(',') {
				p.i = 0
				return false
			}
		}
	}
	if p.keyword("overriding") {
		switch {
		case p.keyword("system"):
			ins.Override = ast.OverrideSystem
		case p.keyword("user"):
			ins.Override = ast.OverrideUser
		}
		if ins.Override == ast.OverrideNone || !p.keyword("value") {
			p.i = 0
		}
	}
	return false
}

// remember keeps the header of a statement read whole, copied: the text
// may be the reader's window.
func (a *InsertArena) remember(header string, ins *ast.Insert) {
	a.header = strings.Clone(header)
	a.headerIns = ast.Insert{
		Table:    ast.QName{Schema: strings.Clone(ins.Table.Schema), Name: strings.Clone(ins.Table.Name)},
		Columns:  CloneStrings(ins.Columns),
		Override: ins.Override,
	}
}

func (p *insertScanner) rows(ins *ast.Insert, keep []bool) bool {
	a := p.arena
	first := len(a.rows)
	for {
		if !p.punct('(') {
			return false
		}
		if len(a.rows) == first {
			a.rowsAt = p.i
		}
		start := len(a.values)
		for {
			i := len(a.values) - start
			var v ast.Expr
			ok := false
			if keep == nil || i < len(keep) && keep[i] {
				v, ok = p.value(true)
			} else if v, ok = p.skipValue(); !ok {
				v, ok = p.value(false)
			}
			if !ok {
				return false
			}
			a.values = append(a.values, v)
			if p.next(')') {
				break
			}
			if !p.next(',') {
				return false
			}
		}
		// A full slice expression: a later append must not write into it.
		a.rows = append(a.rows, a.values[start:len(a.values):len(a.values)])
		if !p.next(',') {
			ins.Rows = a.rows[first:len(a.rows):len(a.rows)]
			return true
		}
	}
}

// skipValue steps over a value that does not matter in the forms pg_dump
// writes it: a string, an unsigned integer, NULL, true or false, after at
// most one space and right before the comma or parenthesis that ends it.
// It reports false, having moved nothing, for anything else (a cast, a
// comment, DEFAULT, a string that goes on on a later line), which value
// reads.
func (p *insertScanner) skipValue() (ast.Expr, bool) {
	s, i := p.s, p.i
	if i < len(s) && s[i] == ' ' {
		i++
	}
	if i == len(s) {
		return nil, false
	}
	var v ast.Expr = fastSkipped
	switch c := s[i]; {
	case c == '\'':
		start := i
		for i++; ; i++ {
			end := strings.IndexByte(s[i:], '\'')
			if end < 0 {
				return nil, false
			}
			i += end + 1
			if i == len(s) || s[i] != '\'' {
				break
			}
		}
		if p.escapes && strings.IndexByte(s[start:i], '\\') >= 0 {
			return nil, false
		}
	case isDigit(c):
		for i++; i < len(s) && isDigit(s[i]); i++ {
		}
	case c == 'N' && strings.HasPrefix(s[i:], "NULL"):
		i += len("NULL")
		v = fastNull
	case c == 't' && strings.HasPrefix(s[i:], "true"):
		i += len("true")
	case c == 'f' && strings.HasPrefix(s[i:], "false"):
		i += len("false")
	default:
		return nil, false
	}
	if i == len(s) || s[i] != ',' && s[i] != ')' {
		return nil, false
	}
	p.i = i
	return v, true
}

// next consumes the character c: at once when it comes first, as it
// does in what pg_dump writes, or after whitespace.
func (p *insertScanner) next(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return p.punct(c)
}

// constant makes a literal in the arena.
func (p *insertScanner) constant(kind ast.ConstKind, val string) *ast.Const {
	a := p.arena
	a.consts = append(a.consts, ast.Const{Kind: kind, Val: a.own(val)})
	return &a.consts[len(a.consts)-1]
}

// space skips whitespace; it reports false at a comment, which the fast
// path leaves to the parser.
func (p *insertScanner) space() bool {
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case isSpace(c):
			p.i++
		case c == '-' && p.i+1 < len(p.s) && p.s[p.i+1] == '-', c == '/' && p.i+1 < len(p.s) && p.s[p.i+1] == '*':
			return false
		default:
			return true
		}
	}
	return true
}

// punct consumes the character c after whitespace.
func (p *insertScanner) punct(c byte) bool {
	if !p.space() || p.i == len(p.s) || p.s[p.i] != c {
		return false
	}
	p.i++
	return true
}

// word reads an unquoted word without consuming it.
func (p *insertScanner) word() string {
	if !p.space() || p.i == len(p.s) || !isIdentStart(p.s[p.i]) {
		return ""
	}
	j := p.i + 1
	for j < len(p.s) && IsIdentCont(p.s[j]) {
		j++
	}
	return p.s[p.i:j]
}

// keyword consumes the keyword kw (lower case), in any case.
func (p *insertScanner) keyword(kw string) bool {
	if w := p.word(); len(w) == len(kw) && strings.EqualFold(w, kw) {
		p.i += len(w)
		return true
	}
	return false
}

// identifier reads a column or table name: quoted, or unquoted and not a
// keyword the grammar keeps from naming one (ColId).
func (p *insertScanner) identifier() (string, bool) {
	if !p.space() || p.i == len(p.s) {
		return "", false
	}
	if p.s[p.i] == '"' {
		var b strings.Builder
		p.i++
		for {
			end := strings.IndexByte(p.s[p.i:], '"')
			if end < 0 {
				return "", false
			}
			b.WriteString(p.s[p.i : p.i+end])
			p.i += end + 1
			if p.i < len(p.s) && p.s[p.i] == '"' {
				b.WriteByte('"')
				p.i++
				continue
			}
			break
		}
		if b.Len() == 0 || !asciiOrValid(b.String()) {
			return "", false
		}
		return TruncateIdentifier(b.String()), true
	}
	w := p.word()
	if w == "" {
		return "", false
	}
	name := downcaseIdentifier(w)
	if k := keywordKind(name); k == pgparse.Reserved || k == pgparse.TypeFuncName {
		return "", false
	}
	// The parser sees invalid UTF-8 as '?': such a name is left to it.
	if !asciiOrValid(name) {
		return "", false
	}
	p.i += len(w)
	return TruncateIdentifier(name), true
}

func asciiOrValid(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return utf8.ValidString(s)
		}
	}
	return true
}

func (p *insertScanner) qualifiedName() (ast.QName, bool) {
	first, ok := p.identifier()
	if !ok {
		return ast.QName{}, false
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		second, ok := p.identifier()
		if !ok || p.i < len(p.s) && p.s[p.i] == '.' {
			return ast.QName{}, false
		}
		return ast.QName{Schema: first, Name: second}, true
	}
	return ast.QName{Name: first}, true
}

// value reads one value of a VALUES list. When kept is false the value is
// read but not built.
func (p *insertScanner) value(kept bool) (ast.Expr, bool) {
	if !p.space() || p.i == len(p.s) {
		return nil, false
	}
	var v ast.Expr
	switch c := p.s[p.i]; {
	case c == '\'':
		s, quoted, ok := p.stringLiteral()
		if !ok {
			return nil, false
		}
		v = fastText
		// A string with a quote in it is no number.
		if kept && !quoted && looksNumeric(s) {
			v = p.constant(ast.ConstString, s)
		}
	case c == '-':
		p.i++
		p.space()
		if p.i == len(p.s) || !(isDigit(p.s[p.i]) || p.s[p.i] == '.') {
			return nil, false
		}
		num, ok := p.number(kept, true)
		if !ok || p.castFollows() {
			// -5::int is -(5::int): left to the parser.
			return nil, false
		}
		v = num
	case isDigit(c) || c == '.':
		num, ok := p.number(kept, false)
		if !ok {
			return nil, false
		}
		v = num
	default:
		w := p.word()
		switch {
		case strings.EqualFold(w, "null"):
			v = fastNull
		case strings.EqualFold(w, "default"):
			p.i += len(w)
			return fastDefault, true // DEFAULT takes no cast
		case strings.EqualFold(w, "true"):
			v = fastTrue
		case strings.EqualFold(w, "false"):
			v = fastFalse
		default:
			return nil, false
		}
		p.i += len(w)
	}
	if !p.castFollows() {
		// A NULL is kept wherever it is: into a NOT NULL column it fails
		// the statement.
		if !kept && v != fastNull {
			return fastSkipped, true
		}
		return v, true
	}
	p.i += 2
	t, ok := p.typeName()
	if !ok {
		return nil, false
	}
	if !kept {
		return fastSkipped, true
	}
	for i, name := range t.Names {
		t.Names[i] = p.arena.own(name)
	}
	return &ast.TypeCast{Arg: v, Type: t}, true
}

func (p *insertScanner) castFollows() bool {
	if !p.space() {
		return false
	}
	return strings.HasPrefix(p.s[p.i:], "::")
}

// stringLiteral reads '...' with doubled quotes; a string continued on a
// later line, escapes read with standard_conforming_strings off, and
// anything else unusual go to the parser. It returns the text between the
// quotes as written, and whether it holds a (doubled) quote.
func (p *insertScanner) stringLiteral() (s string, quoted, ok bool) {
	p.i++ // the opening quote
	start := p.i
	for {
		end := strings.IndexByte(p.s[p.i:], '\'')
		if end < 0 {
			return "", false, false
		}
		p.i += end + 1
		if p.i < len(p.s) && p.s[p.i] == '\'' {
			p.i++
			quoted = true
			continue
		}
		break
	}
	s = p.s[start : p.i-1]
	if p.escapes && strings.IndexByte(s, '\\') >= 0 {
		return "", false, false
	}
	// 'a' followed by whitespace with a newline and 'b' is one string.
	j := p.i
	for j < len(p.s) && isSpace(p.s[j]) {
		j++
	}
	if j < len(p.s) && p.s[j] == '\'' {
		return "", false, false
	}
	return s, quoted, true
}

// looksNumeric reports whether a string literal could be read as a number:
// only such strings can be keys.
func looksNumeric(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > maxKeyField {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) && c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E' && c != '_' {
			return false
		}
	}
	return true
}

// number reads a decimal number as the server's scanner does: an integer,
// a number with a fraction, or one with an exponent. Hexadecimal, octal,
// binary and underscores go to the parser.
func (p *insertScanner) number(kept, negative bool) (ast.Expr, bool) {
	start := p.i
	digits := func() int {
		n := 0
		for p.i < len(p.s) && isDigit(p.s[p.i]) {
			p.i++
			n++
		}
		return n
	}
	intDigits := digits()
	integer := true
	if p.i < len(p.s) && p.s[p.i] == '.' && !(p.i+1 < len(p.s) && p.s[p.i+1] == '.') {
		p.i++
		integer = false
		if digits() == 0 && intDigits == 0 {
			return nil, false
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return nil, false
		}
		integer = false
	}
	// Junk right after a number is an error since PostgreSQL 16.
	if p.i < len(p.s) && (IsIdentCont(p.s[p.i]) || p.s[p.i] == '.') {
		return nil, false
	}
	if !kept {
		return fastSkipped, true
	}
	text := p.s[start:p.i]
	if !integer {
		if negative {
			text = "-" + text
		}
		return p.constant(ast.ConstNumeric, text), true
	}
	// The grammar keeps an integer that fits in 32 bits as a number (so
	// leading zeros go) and a larger one as its digits.
	if !negative && len(text) < 10 && text[0] != '0' {
		return p.constant(ast.ConstInt, text), true // under 10⁹: fits, as written
	}
	if v, err := strconv.ParseInt(text, 10, 32); err == nil {
		if negative {
			v = -v
		}
		if v > 0 && text[0] != '0' {
			return p.constant(ast.ConstInt, text), true
		}
		return p.constant(ast.ConstInt, strconv.FormatInt(v, 10)), true
	}
	if negative {
		text = "-" + text
	}
	return p.constant(ast.ConstInt, text), true
}

// systemTypes are the SQL-standard type names the grammar maps to
// pg_catalog's names (SimpleTypename in gram.y), by their words.
var systemTypes = map[string]string{
	"int":                         "int4",
	"integer":                     "int4",
	"smallint":                    "int2",
	"bigint":                      "int8",
	"real":                        "float4",
	"double precision":            "float8",
	"decimal":                     "numeric",
	"dec":                         "numeric",
	"numeric":                     "numeric",
	"boolean":                     "bool",
	"character varying":           "varchar",
	"char varying":                "varchar",
	"varchar":                     "varchar",
	"character":                   "bpchar",
	"char":                        "bpchar",
	"timestamp":                   "timestamp",
	"timestamp without time zone": "timestamp",
	"timestamp with time zone":    "timestamptz",
	"time":                        "time",
	"time without time zone":      "time",
	"time with time zone":         "timetz",
	"bit varying":                 "varbit",
}

// typeName reads the type of a cast: a standard name the grammar rewrites
// (with an optional precision or length), or a name that is no keyword,
// possibly qualified; then optional [] for an array.
func (p *insertScanner) typeName() (ast.TypeName, bool) {
	var t ast.TypeName
	if phrase, end := p.systemType(); phrase != "" {
		p.i = end
		if !p.typeModifiers(systemTypeModifiers[phrase]) {
			return t, false
		}
		if w := p.word(); strings.EqualFold(w, "with") || strings.EqualFold(w, "without") {
			return t, false // timestamp(3) with time zone: left to the parser
		}
		t.Names = []string{"pg_catalog", systemTypes[phrase]}
	} else {
		name, ok := p.typeIdentifier()
		if !ok {
			return t, false
		}
		t.Names = []string{name}
		if p.i < len(p.s) && p.s[p.i] == '.' {
			p.i++
			second, ok := p.typeIdentifier()
			if !ok {
				return t, false
			}
			t.Names = append(t.Names, second)
		}
		if !p.typeModifiers(-1) {
			return t, false
		}
	}
	for p.punct('[') {
		if !p.punct(']') {
			return t, false
		}
		t.Array = true
	}
	return t, true
}

// systemType finds the longest standard type name the next words spell
// ("timestamp with time zone" before "timestamp") and where it ends.
func (p *insertScanner) systemType() (string, int) {
	save := p.i
	defer func() { p.i = save }()
	var words []string
	var ends []int
	for len(words) < 4 {
		w := p.word()
		if w == "" {
			break
		}
		p.i += len(w)
		words = append(words, strings.ToLower(w))
		ends = append(ends, p.i)
	}
	for n := len(words); n > 0; n-- {
		phrase := strings.Join(words[:n], " ")
		if _, ok := systemTypes[phrase]; ok {
			return phrase, ends[n-1]
		}
	}
	return "", 0
}

// typeIdentifier reads a type's name: quoted, or a word that is no keyword
// or an unreserved one (type_function_name; other keywords name types only
// through the grammar's own rules).
func (p *insertScanner) typeIdentifier() (string, bool) {
	if p.space() && p.i < len(p.s) && p.s[p.i] == '"' {
		return p.identifier()
	}
	w := p.word()
	if w == "" {
		return "", false
	}
	name := downcaseIdentifier(w)
	if k := keywordKind(name); k != pgparse.NotKeyword && k != pgparse.Unreserved {
		return "", false
	}
	p.i += len(w)
	return TruncateIdentifier(name), true
}

// systemTypeModifiers is how many modifiers each standard type takes,
// such as numeric(12,2) or varchar(10); the others take none.
var systemTypeModifiers = map[string]int{
	"decimal": 2, "dec": 2, "numeric": 2,
	"character varying": 1, "char varying": 1, "varchar": 1, "character": 1, "char": 1, "bit varying": 1,
	"timestamp": 1, "time": 1,
}

// typeModifiers skips a precision or length such as (10) or (12,2): at
// most max of them, any number when max is negative.
func (p *insertScanner) typeModifiers(max int) bool {
	save := p.i
	if !p.punct('(') {
		return true
	}
	if max == 0 {
		p.i = save
		return false
	}
	for n := 1; ; n++ {
		if max > 0 && n > max {
			return false
		}
		if !p.space() || p.i == len(p.s) || !isDigit(p.s[p.i]) {
			return false
		}
		for p.i < len(p.s) && isDigit(p.s[p.i]) {
			p.i++
		}
		if p.punct(')') {
			return true
		}
		if !p.punct(',') {
			return false
		}
	}
}

// LooksLikeInsert is a cheap test for statements worth the fast path.
func LooksLikeInsert(text []byte) bool {
	return len(text) > 7 && bytes.EqualFold(text[:6], []byte("insert")) && isSpace(text[6])
}

// CloneStrings copies names that may point into a statement's text.
func CloneStrings(names []string) []string {
	if names == nil {
		return nil
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.Clone(n)
	}
	return out
}
