// Package inert makes text safe to print to a terminal or a CI log: what a
// script holds (file names, identifiers, database names, SQL, row data in
// an error) is shown, but cannot act there. A control character could move
// the cursor or rewrite the screen (ESC), end a line so that the next one
// starts a CI workflow command (GitHub's "::error::"), or hide what follows
// it (a carriage return, a right-to-left override).
package inert

import (
	"fmt"
	"unicode/utf8"
)

// String returns s with every byte that could act on a terminal or a log
// written as an escape: C0 and C1 control characters and DEL as \xHH (a
// tab stays a tab), a byte that is not UTF-8 as \xHH, and the characters
// that reorder or break lines as \uHHHH (bidirectional controls, the line
// and paragraph separators). A backslash stays as it is: the result is for
// reading, not for reading back.
func String(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !safeASCII(c) {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || !safeRune(r) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, 0, len(s)+16)
	b = append(b, s[:i]...)
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, r < utf8.RuneSelf && !safeASCII(byte(r)):
			b = fmt.Appendf(b, `\x%02x`, s[i])
		case r >= utf8.RuneSelf && !safeRune(r):
			b = fmt.Appendf(b, `\u%04x`, r)
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(b)
}

// Safe reports whether String would leave s as it is.
func Safe(s string) bool { return len(String(s)) == len(s) }

func safeASCII(c byte) bool { return c >= ' ' && c != 0x7f || c == '\t' }

// safeRune reports whether a character above ASCII prints as itself.
func safeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f: // C1 controls: 0x9b is CSI on some terminals
		return false
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		// Bidirectional controls: text after them reads in another order.
		return false
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return false
	}
	return true
}
