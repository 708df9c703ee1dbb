package script

import (
	"strings"
	"testing"
	"time"
)

// TestSubstitutionBounded holds substitution to a bounded size when values
// refer to other values many times over, as psql would expand them without
// end.
func TestSubstitutionBounded(t *testing.T) {
	v := NewPsqlVars()
	prev := "x"
	for i := 0; i < 40; i++ {
		name := "v" + strings.Repeat("a", i)
		if err := v.Assign(name, strings.Repeat(":"+prev, 4), false); err != nil {
			t.Fatal(err)
		}
		prev = name
	}
	const limit = 1 << 20
	sub := v.SubstituteSQL([]byte("SELECT :"+prev+";"), true, limit)
	if !sub.Oversized || len(sub.Text) > 2*limit {
		t.Errorf("oversized %v, %d bytes", sub.Oversized, len(sub.Text))
	}

	// Values that come to nothing: the text stays short while the
	// references double at each of forty levels.
	v = NewPsqlVars()
	prev = "empty"
	if err := v.Assign(prev, "", false); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 40; i++ {
		name := "w" + strings.Repeat("a", i)
		if err := v.Assign(name, ":"+prev+":"+prev, false); err != nil {
			t.Fatal(err)
		}
		prev = name
	}
	done := make(chan Substitution, 1)
	go func() { done <- v.SubstituteSQL([]byte("SELECT 1 :"+prev+";"), true, limit) }()
	select {
	case sub = <-done:
		if !sub.Oversized {
			t.Errorf("expanding 2^40 empty values is not cut short: %q", sub.Text)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("expanding 2^40 empty values does not end")
	}
}

// TestMetaArgs reads arguments the way psqlscanslash.l does.
func TestMetaArgs(t *testing.T) {
	v := NewPsqlVars()
	if err := v.Assign("x", "it's", false); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args string
		want []string
		err  error
	}{
		{`a 'b c' "d e" f`, []string{"a", "b c", `"d e"`, "f"}, nil},
		{`'a''b' 'x\ty' '\101\x42' 'a\qb'`, []string{"a'b", "x\ty", "AB", "aqb"}, nil},
		{`:x :'x' :"x" :{?x} :{?y} :y`, []string{"it's", `'it''s'`, `"it's"`, "TRUE", "FALSE", ":y"}, nil},
		{`pre:x:x post \\ rest`, []string{"preit'sit's", "post"}, nil},
		{`a 'unterminated`, []string{"a"}, ErrUnterminatedQuote},
		{"`date` b", []string{"", "b"}, nil},
		{`'' x`, []string{"", "x"}, nil},
	} {
		words, err := v.MetaArgs([]byte(tc.args))
		var got []string
		for _, w := range words {
			got = append(got, w.Text)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") || err != tc.err {
			t.Errorf("%s: got %q, %v; want %q, %v", tc.args, got, err, tc.want, tc.err)
		}
	}
}

// FuzzSubstituteSQL: any statement, under any variables, substitutes
// without a panic and keeps what no reference touches.
func FuzzSubstituteSQL(f *testing.F) {
	f.Add([]byte("SELECT :a, :'b', :\"c\", :{?d} -- :a\n;"), []byte(":a'"), false)
	f.Add([]byte("SELECT $x$ :a $x$, E'\\':a', /* /* :a */ */ :a::int;"), []byte("'"), true)
	f.Fuzz(func(t *testing.T, text, value []byte, standardStrings bool) {
		v := NewPsqlVars()
		for _, name := range []string{"a", "b", "c"} {
			if err := v.Assign(name, string(value), false); err != nil {
				t.Fatal(err)
			}
		}
		sub := v.SubstituteSQL(text, standardStrings, DefaultMaxStmtBytes)
		if !sub.Changed && string(sub.Text) != string(text) {
			t.Errorf("unchanged, but %q became %q", text, sub.Text)
		}
		v.MetaArgs(text)
	})
}
