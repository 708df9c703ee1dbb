package script

import (
	"bytes"
	"hash/maphash"
)

// The lexer finds where statements end, following psql's own scanner
// (psqlscan.l): quotes, comments, dollar quotes, parentheses and the
// BEGIN ... END of SQL-standard function bodies decide which semicolons end a
// statement; a backslash outside quotes starts a meta-command that runs to
// the end of its line. It resumes where it stopped when the window runs out.

type lexState uint8

const (
	stNormal lexState = iota
	stLineComment
	stBlockComment
	stString    // '...' with standard_conforming_strings on, B'', X'', U&''
	stEscString // E'...', or '...' with standard_conforming_strings off
	stQuotedIdent
	stDollar
	stMeta
	// stWord is inside a word longer than maxLookahead that ran past the
	// window: no keyword is that long, so it is read through, not held.
	stWord
	// stDollarTag is inside the tag of what may open a dollar quote,
	// longer than maxLookahead and past the window: only its length and
	// hash are kept.
	stDollarTag
)

// maxLookahead is how much of a token the lexer holds whole in the window
// before it decides what the token is: enough for every keyword and for
// dollar-quote tags as people write them. Past it a word, or a dollar
// quote's tag, is read through as it streams, so that every token counts
// against MaxStmtBytes and none makes the window grow without end.
const maxLookahead = 64

// tagSeed hashes the long tags of dollar quotes; chosen per process, so
// that no input can be made to collide.
var tagSeed = maphash.MakeSeed()

// longTag is the tag of a dollar quote longer than maxLookahead: its
// length and hash, with the state of the search for the closing one.
type longTag struct {
	length int
	sum    uint64
	// The closing tag is searched for segment by segment: the bytes after
	// each $ are hashed until the next one; open is set inside a segment
	// that may still match, of seen bytes so far.
	hash maphash.Hash
	open bool
	seen int
}

func (t *longTag) start() {
	t.hash.SetSeed(tagSeed)
	t.open, t.seen = true, 0
}

// add hashes a piece of the segment; it returns false once the segment
// can no longer be the tag.
func (t *longTag) add(p []byte) bool {
	if t.seen += len(p); t.seen > t.length {
		t.open = false
		return false
	}
	t.hash.Write(p)
	return true
}

type lexStatus uint8

const (
	lexNeedMore lexStatus = iota
	lexDone
	lexEOF // the input ended with nothing but whitespace and comments
	// lexInsert stops at a statement's first word when it starts with an
	// i, so that the splitter can try the INSERT fast path first.
	lexInsert
	// lexSkip ends a comment before any token that was longer than
	// MaxStmtBytes: the splitter steps over it, and what it dropped of it.
	lexSkip
)

// word classes the lexer follows at the start of a statement
const (
	firstOther uint8 = iota
	firstCopy
	firstSet
)

type commentRange struct{ start, end int }

type lexer struct {
	scanned  int // bytes of the window already scanned
	tokStart int // offset of the statement's first token, -1 before it
	state    lexState
	kind     StmtKind

	commentStart int
	// commentCut is set when part of the -- comment being read was cut out
	// of an oversized statement: its text is no longer whole.
	commentCut   bool
	commentDepth int
	parenDepth   int
	dollarTag    []byte
	// long is used instead of dollarTag for a tag longer than
	// maxLookahead (and, in stDollarTag, while its tag is read).
	long *longTag

	// leadingComment is set while a block comment before any token is read:
	// psql sends it with the statement that follows, and one that never
	// ends is the server's error ("unterminated /* comment"), so it is held
	// as the statement's start until it ends.
	leadingComment bool

	// escRegular marks a '' string read as escaped because
	// standard_conforming_strings is off (not an E'' string).
	escRegular bool

	// psql's heuristic for CREATE FUNCTION ... BEGIN ATOMIC ... END: the
	// first letters of the first four words, and the BEGIN/CASE/END depth.
	words      int
	firstWords [4]byte
	beginDepth int

	first         uint8
	copyStep      uint8 // 1 after COPY ... FROM at depth 0; 2 once decided
	copyFromStdin bool

	comments      []commentRange
	escapedQuotes []int

	oversized bool
	dropped   delta // what was read of an oversized statement but not kept
	// dropped counts the statement's bytes from dropFrom (the end of its
	// first MaxStmtBytes) to dropEnd, which are not part of its text.
	dropFrom, dropEnd int

	// stopAtInsert asks scan to stop at a first word that starts with i.
	stopAtInsert bool
}

func (lx *lexer) reset() {
	*lx = lexer{
		tokStart:      -1,
		dollarTag:     lx.dollarTag[:0],
		comments:      lx.comments[:0],
		escapedQuotes: lx.escapedQuotes[:0],
	}
}

// shift forgets the first n bytes of the window, which the splitter consumed.
func (lx *lexer) shift(n int) {
	lx.scanned -= n
	lx.commentStart -= n
}

// cut forgets window[from:to], which the splitter removed from an oversized
// statement: the comments found in it are lost, and so is the text of a --
// comment still being read.
func (lx *lexer) cut(from, to int) {
	lx.scanned -= to - from
	kept := lx.comments[:0]
	for _, c := range lx.comments {
		if c.end <= from {
			kept = append(kept, c)
		}
	}
	lx.comments = kept
	lx.commentCut = lx.state == stLineComment
}

// junkEnd is how much of the window before the first token may be dropped:
// all of it, except a -- comment still being read (it may be a directive).
func (lx *lexer) junkEnd() int {
	if lx.state == stLineComment && !lx.commentCut {
		return lx.commentStart
	}
	return lx.scanned
}

// close looks for the closing tag in data from i: $, the tag, $. It
// returns the offset after it, or -1 when data ends first.
func (t *longTag) close(data []byte, i int) int {
	for i < len(data) {
		if !t.open {
			k := bytes.IndexByte(data[i:], '$')
			if k < 0 {
				return -1
			}
			i += k + 1
			t.start()
			continue
		}
		j := i
		for j < len(data) && IsIdentCont(data[j]) && data[j] != '$' {
			j++
		}
		if !t.add(data[i:j]) {
			i = j
			continue
		}
		if j == len(data) {
			return -1
		}
		if data[j] == '$' && t.seen == t.length && t.hash.Sum64() == t.sum {
			return j + 1
		}
		// Another $ starts the next segment; any other byte ends this one.
		t.open = false
		i = j
	}
	return -1
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

// IsIdentCont reports whether c may continue an unquoted identifier.
func IsIdentCont(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9' || c == '$'
}

func (lx *lexer) token(i int) {
	if lx.tokStart < 0 {
		lx.tokStart = i
		lx.kind = KindSQL
	}
}

// scan lexes data from lx.scanned on. It returns lexDone with the end of the
// statement, lexNeedMore when it needs more input to decide, or lexEOF.
func (lx *lexer) scan(data []byte, eof, standardStrings bool) (int, lexStatus) {
	end, status, scanned := lx.scanFrom(lx.scanned, data, eof, standardStrings)
	lx.scanned = scanned
	return end, status
}

// scanFrom is scan from byte i; it also returns how far it has lexed.
func (lx *lexer) scanFrom(i int, data []byte, eof, standardStrings bool) (int, lexStatus, int) {
	for i < len(data) {
		c := data[i]
		switch lx.state {
		case stNormal:
			switch {
			case isSpace(c):
				i++
			case c == '-' || c == '/':
				if i+1 == len(data) && !eof {
					return 0, lexNeedMore, i
				}
				if i+1 < len(data) && c == '-' && data[i+1] == '-' {
					lx.state, lx.commentStart, lx.commentCut = stLineComment, i, false
					i += 2
				} else if i+1 < len(data) && c == '/' && data[i+1] == '*' {
					lx.state, lx.commentDepth = stBlockComment, 1
					if lx.tokStart < 0 {
						lx.tokStart, lx.kind, lx.leadingComment = i, KindSQL, true
					}
					i += 2
				} else {
					lx.token(i)
					lx.otherToken()
					i++
				}
			case c == '\'':
				lx.token(i)
				lx.otherToken()
				if standardStrings {
					lx.state = stString
				} else {
					lx.state, lx.escRegular = stEscString, true
				}
				i++
			case c == '"':
				lx.token(i)
				lx.otherToken()
				lx.state = stQuotedIdent
				i++
			case c == '$':
				if i > 0 && IsIdentCont(data[i-1]) {
					i++ // part of a word such as a$b
					continue
				}
				j := i + 1
				for j < len(data) && IsIdentCont(data[j]) && data[j] != '$' {
					j++
				}
				if j == len(data) && !eof && j-i <= maxLookahead {
					return 0, lexNeedMore, i
				}
				lx.token(i)
				lx.otherToken()
				switch {
				case j-i > maxLookahead && !isDigit(data[i+1]):
					// A tag too long to hold: hashed as it streams.
					lx.long = &longTag{}
					lx.long.start()
					lx.long.length = -1
					lx.long.hash.Write(data[i+1 : j])
					lx.long.seen = j - i - 1
					lx.state = stDollarTag
					i = j
				case j < len(data) && data[j] == '$' && !isDigit(data[i+1]):
					lx.dollarTag = append(lx.dollarTag[:0], data[i:j+1]...)
					lx.state = stDollar
					i = j + 1
				default:
					i++ // a parameter such as $1, or an operator
				}
			case c == '\\':
				if lx.tokStart >= 0 {
					// A meta-command ends the SQL before it.
					return i, lexDone, i
				}
				if i+1 == len(data) && !eof {
					return 0, lexNeedMore, i
				}
				if i+1 < len(data) && data[i+1] == ';' {
					// psql's \; puts a semicolon in the query without
					// sending it: the statements around it go to the server
					// as one string, which runs them in order (each COPY
					// FROM STDIN among them reads its rows after the line,
					// in turn). The statement before it ended at the
					// backslash; the \; itself is an empty statement.
					i += 2
					continue
				}
				lx.tokStart, lx.kind, lx.state = i, KindMeta, stMeta
				i++
			case c == ';':
				if lx.tokStart < 0 {
					i++ // an empty statement
					continue
				}
				if lx.parenDepth == 0 && lx.beginDepth == 0 {
					i++
					return i, lexDone, i
				}
				i++
			case c == '(' || c == ')':
				lx.token(i)
				lx.otherToken()
				if c == '(' {
					lx.parenDepth++
				} else if lx.parenDepth > 0 {
					lx.parenDepth--
				}
				i++
			case isIdentStart(c):
				if lx.stopAtInsert && lx.tokStart < 0 && (c == 'i' || c == 'I') {
					lx.stopAtInsert = false
					lx.token(i)
					return i, lexInsert, i
				}
				j := i + 1
				for j < len(data) && IsIdentCont(data[j]) {
					j++
				}
				if j == len(data) && !eof {
					if j-i <= maxLookahead {
						return 0, lexNeedMore, i
					}
					// Longer than any keyword: a word all the same, read
					// through to its end.
					lx.token(i)
					lx.word(data[i:j])
					lx.state = stWord
					i = j
					continue
				}
				lx.token(i)
				if j == i+1 && (c == 'e' || c == 'E') && j < len(data) && data[j] == '\'' {
					lx.otherToken()
					lx.state, lx.escRegular = stEscString, false
					i = j + 1
					continue
				}
				// B'', X'' and U&'' never take backslash escapes, whatever
				// standard_conforming_strings says: psql's scanner and the
				// server's end them at the first single quote (the server
				// then rejects a U&'' with the setting off).
				if j == i+1 && (c == 'u' || c == 'U') && j < len(data) && data[j] == '&' && j+1 == len(data) && !eof {
					return 0, lexNeedMore, i
				}
				if quote := standardStringQuote(data[i:]); quote > 0 {
					lx.otherToken()
					lx.state = stString
					i += quote + 1
					continue
				}
				lx.word(data[i:j])
				i = j
			default:
				lx.token(i)
				lx.otherToken()
				i++
			}

		case stLineComment:
			nl := bytes.IndexByte(data[i:], '\n')
			if nl < 0 {
				i = len(data)
				continue
			}
			i += nl
			lx.noteComment(data, i)
			lx.state = stNormal

		case stBlockComment:
			// Comments nest, as in the server's scanner.
			k := bytes.IndexAny(data[i:], "*/")
			if k < 0 {
				i = len(data)
				continue
			}
			i += k
			if i+1 == len(data) && !eof {
				return 0, lexNeedMore, i
			}
			switch {
			case i+1 < len(data) && data[i] == '*' && data[i+1] == '/':
				lx.commentDepth--
				i += 2
				if lx.commentDepth == 0 {
					lx.state = stNormal
					if lx.leadingComment {
						// It ended: the statement starts at its first token.
						lx.tokStart, lx.leadingComment = -1, false
						if lx.oversized {
							return i, lexSkip, i
						}
					}
				}
			case i+1 < len(data) && data[i] == '/' && data[i+1] == '*':
				lx.commentDepth++
				i += 2
			default:
				i++
			}

		case stString, stQuotedIdent:
			quote := byte('\'')
			if lx.state == stQuotedIdent {
				quote = '"'
			}
			k := bytes.IndexByte(data[i:], quote)
			if k < 0 {
				i = len(data)
				continue
			}
			i += k
			if i+1 == len(data) && !eof {
				return 0, lexNeedMore, i
			}
			if i+1 < len(data) && data[i+1] == quote {
				i += 2 // a doubled quote stands for itself
				continue
			}
			lx.state = stNormal
			i++

		case stEscString:
			k := bytes.IndexAny(data[i:], `'\`)
			if k < 0 {
				i = len(data)
				continue
			}
			i += k
			if i+1 == len(data) && !eof {
				return 0, lexNeedMore, i
			}
			if data[i] == '\\' {
				if lx.escRegular && i+1 < len(data) && data[i+1] == '\'' {
					lx.escapedQuotes = append(lx.escapedQuotes, i)
				}
				i += 2
				continue
			}
			if i+1 < len(data) && data[i+1] == '\'' {
				i += 2
				continue
			}
			lx.state = stNormal
			i++

		case stWord:
			for i < len(data) && IsIdentCont(data[i]) {
				i++
			}
			if i < len(data) {
				lx.state = stNormal
			}

		case stDollarTag:
			t := lx.long
			j := i
			for j < len(data) && IsIdentCont(data[j]) && data[j] != '$' {
				j++
			}
			t.hash.Write(data[i:j])
			t.seen += j - i
			i = j
			switch {
			case i == len(data):
			case data[i] == '$':
				// The tag is whole: a dollar quote opens.
				t.length, t.sum, t.open = t.seen, t.hash.Sum64(), false
				lx.state = stDollar
				i++
			default:
				// No dollar quote: the $ was an operator, and the tag
				// a word after it.
				lx.long = nil
				lx.word(nil)
				lx.state = stNormal
			}

		case stDollar:
			if lx.long != nil {
				if i = lx.long.close(data, i); i < 0 {
					i = len(data)
					continue
				}
				lx.long = nil
				lx.state = stNormal
				continue
			}
			k := bytes.Index(data[i:], lx.dollarTag)
			if k < 0 {
				// The closing tag may straddle the end of the window.
				if keep := len(data) - len(lx.dollarTag) + 1; keep > i {
					i = keep
				}
				if eof {
					i = len(data)
					continue
				}
				return 0, lexNeedMore, i
			}
			i += k + len(lx.dollarTag)
			lx.state = stNormal

		case stMeta:
			nl := bytes.IndexByte(data[i:], '\n')
			if nl < 0 {
				i = len(data)
				if eof {
					return i, lexDone, i
				}
				return 0, lexNeedMore, i
			}
			i += nl
			return i, lexDone, i
		}
	}
	if !eof {
		return 0, lexNeedMore, i
	}
	if lx.state == stLineComment {
		lx.noteComment(data, len(data))
		lx.state = stNormal
	}
	if lx.tokStart >= 0 {
		// psql runs what is left in its buffer at the end of a script.
		return len(data), lexDone, i
	}
	return 0, lexEOF, i
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// noteComment records the -- comment ending at end when it speaks to
// pgseqlint.
func (lx *lexer) noteComment(data []byte, end int) {
	if lx.commentCut {
		return
	}
	text := bytes.TrimLeft(data[lx.commentStart+2:end], " \t")
	if bytes.HasPrefix(text, []byte("pgseqlint-")) {
		lx.comments = append(lx.comments, commentRange{lx.commentStart, end})
	}
}

// otherToken notes a token that is not a word: after COPY ... FROM, it
// means the rows do not come from STDIN.
func (lx *lexer) otherToken() {
	if lx.copyStep == 1 && lx.parenDepth == 0 {
		lx.copyStep = 2
	}
}

// word follows the words of the statement that decide how it is split and
// read: psql's BEGIN ATOMIC heuristic and COPY ... FROM STDIN.
func (lx *lexer) word(w []byte) {
	if lx.words < len(lx.firstWords) {
		switch {
		case equalFold(w, "create"), equalFold(w, "function"), equalFold(w, "procedure"),
			equalFold(w, "or"), equalFold(w, "replace"):
			lx.firstWords[lx.words] = lower(w[0])
		}
	}
	lx.words++
	if lx.words == 1 {
		switch {
		case equalFold(w, "copy"):
			lx.first = firstCopy
		case equalFold(w, "set"), equalFold(w, "reset"):
			lx.first = firstSet
		}
		return
	}
	if lx.parenDepth == 0 && lx.createsFunction() {
		switch {
		case equalFold(w, "begin"):
			lx.beginDepth++
		case equalFold(w, "case"):
			// CASE also ends with END; it matters only inside BEGIN.
			if lx.beginDepth > 0 {
				lx.beginDepth++
			}
		case equalFold(w, "end"):
			if lx.beginDepth > 0 {
				lx.beginDepth--
			}
		}
	}
	if lx.first == firstCopy && lx.parenDepth == 0 {
		switch lx.copyStep {
		case 0:
			if equalFold(w, "from") {
				lx.copyStep = 1
			} else if equalFold(w, "to") {
				lx.copyStep = 2
			}
		case 1:
			lx.copyFromStdin = fromClient(w)
			lx.copyStep = 2
		}
	}
}

// standardStringQuote returns the offset of the opening quote when w
// starts a bit string (B'...'), a hexadecimal one (X'...') or one with
// Unicode escapes (U&'...'), else 0.
func standardStringQuote(w []byte) int {
	if len(w) < 2 {
		return 0
	}
	switch lower(w[0]) {
	case 'b', 'x':
		if w[1] == '\'' {
			return 1
		}
	case 'u':
		if len(w) > 2 && w[1] == '&' && w[2] == '\'' {
			return 2
		}
	}
	return 0
}

// createsFunction reports whether the statement starts CREATE [OR REPLACE]
// FUNCTION or PROCEDURE.
func (lx *lexer) createsFunction() bool {
	f := lx.firstWords
	return f[0] == 'c' && (f[1] == 'f' || f[1] == 'p' || f[1] == 'o' && f[2] == 'r' && (f[3] == 'f' || f[3] == 'p'))
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// equalFold compares an ASCII word with a lower-case one, ignoring case.
func equalFold(w []byte, lowerWord string) bool {
	if len(w) != len(lowerWord) {
		return false
	}
	for i := range w {
		if lower(w[i]) != lowerWord[i] {
			return false
		}
	}
	return true
}

// standardStringsSetting reads SET/RESET standard_conforming_strings.
func standardStringsSetting(lx *lexer, text []byte) (on bool, ok bool) {
	if lx.first != firstSet {
		return false, false
	}
	fields := bytes.FieldsFunc(text, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '=' || r == ';' || r == '\''
	})
	if len(fields) >= 2 && equalFold(fields[0], "reset") {
		if equalFold(fields[1], "all") || equalFold(fields[1], "standard_conforming_strings") {
			return true, true
		}
		return false, false
	}
	for i := 1; i < len(fields); i++ {
		if !equalFold(fields[i], "standard_conforming_strings") {
			continue
		}
		for _, v := range fields[i+1:] {
			switch {
			case equalFold(v, "to"):
				continue
			case equalFold(v, "off"), equalFold(v, "false"), equalFold(v, "no"), equalFold(v, "0"):
				return false, true
			}
			return true, true
		}
	}
	return false, false
}

// MetaCommand splits a meta-command into its name and argument text.
func MetaCommand(text []byte) (name string, args []byte) {
	text = bytes.TrimPrefix(text, []byte{'\\'})
	end := 0
	for end < len(text) && !isSpace(text[end]) {
		end++
	}
	return string(text[:end]), bytes.TrimSpace(text[end:])
}

// metaResetsSession reports whether a meta-command opens a new session
// (\connect), which brings every setting back to its default.
func metaResetsSession(text []byte) bool {
	name, _ := MetaCommand(text)
	return name == "c" || name == "connect"
}

// fromClient reports whether the word after COPY ... FROM names the client:
// the grammar takes STDOUT there for STDIN, and psql's \copy does too, so
// the rows follow in the script either way.
func fromClient(w []byte) bool {
	return equalFold(w, "stdin") || equalFold(w, "stdout")
}

// metaCopyFromStdin reports whether a \copy reads its rows from the script:
// `\copy ... from stdin`. (pstdin is psql's own standard input.)
func metaCopyFromStdin(text []byte) bool {
	name, args := MetaCommand(text)
	if name != "copy" {
		return false
	}
	words := metaCopyWords(args)
	for i := 0; i+1 < len(words); i++ {
		if equalFold(words[i], "from") {
			return fromClient(words[i+1])
		}
	}
	return false
}

// metaCopyWords splits \copy arguments into words outside quotes and
// parentheses.
func metaCopyWords(args []byte) [][]byte {
	var words [][]byte
	depth, start := 0, -1
	var quote byte
	for i := 0; i <= len(args); i++ {
		if i == len(args) || quote == 0 && depth == 0 && isSpace(args[i]) {
			if start >= 0 {
				words = append(words, args[start:i])
				start = -1
			}
			continue
		}
		c := args[i]
		if start < 0 {
			start = i
		}
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
		}
	}
	return words
}
