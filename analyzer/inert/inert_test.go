package inert

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, with a tab\tand ünïcode", "plain text, with a tab\tand ünïcode"},
		{"1_x\n::warning file=README.md::INJECTED\n.sql", `1_x\x0a::warning file=README.md::INJECTED\x0a.sql`},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"a\rb\x00c\x7f", `a\x0db\x00c\x7f`},
		{"caf\xe9", `caf\xe9`},
		{"\u009b2J", `\u009b2J`},
		{"abc\u202edcba", `abc\u202edcba`},
		{"line\u2028break", `line\u2028break`},
		{`back\slash`, `back\slash`},
	}
	for _, tt := range tests {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if Safe(tt.in) != (tt.in == tt.want) {
			t.Errorf("Safe(%q) = %v", tt.in, Safe(tt.in))
		}
	}
}

// FuzzString holds String to its promise whatever the input: what it
// returns is UTF-8 without a control character other than a tab, without a
// character that reorders or breaks lines, and it changes nothing that is
// safe already.
func FuzzString(f *testing.F) {
	for _, s := range []string{"", "select 1;", "a\n::error::x\n", "\x1b]8;;http://x\x07", "\xff\xfe", "\u202e", "\u0085"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := String(s)
		if !utf8.ValidString(out) {
			t.Fatalf("String(%q) = %q is not UTF-8", s, out)
		}
		for _, r := range out {
			if r < ' ' && r != '\t' || r >= 0x7f && r <= 0x9f || !safeRune(r) {
				t.Fatalf("String(%q) = %q holds %U", s, out, r)
			}
		}
		if strings.Contains(out, "\n::") || strings.HasPrefix(out, "::") && !strings.HasPrefix(s, "::") {
			t.Fatalf("String(%q) = %q starts a line with ::", s, out)
		}
		if Safe(s) && out != s {
			t.Fatalf("String(%q) = %q changed a safe string", s, out)
		}
		if String(out) != out {
			t.Fatalf("String is not idempotent on %q: %q then %q", s, out, String(out))
		}
	})
}
