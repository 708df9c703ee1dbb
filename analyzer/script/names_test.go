package script

import (
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
)

func TestQuoteIdent(t *testing.T) {
	// What PostgreSQL 17's quote_ident returns for each.
	for in, want := range map[string]string{
		"users":        "users",
		"user":         `"user"`, // reserved
		"order":        `"order"`,
		"name":         "name",   // unreserved
		"int":          `"int"`,  // column-name keyword
		"left":         `"left"`, // type/function-name keyword
		"MixedCase":    `"MixedCase"`,
		"Sales Data":   `"Sales Data"`,
		"_x1":          "_x1",
		"1abc":         `"1abc"`,
		`say "hi"`:     `"say ""hi"""`,
		"café":         `"café"`,
		"":             `""`,
		"json_table":   `"json_table"`,
		"merge_action": `"merge_action"`,
	} {
		if got := QuoteIdent(in); got != want {
			t.Errorf("QuoteIdent(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestSerialSequenceNames(t *testing.T) {
	none := func(string) bool { return false }
	long := strings.Repeat("t", 40)
	col := strings.Repeat("c", 40)
	tests := []struct {
		table, column string
		taken         []string
		want          string
	}{
		{"users", "id", nil, "users_id_seq"},
		{"customer", "customer_id", []string{"customer_customer_id_seq"}, "customer_customer_id_seq1"},
		{"customer", "customer_id", []string{"customer_customer_id_seq", "customer_customer_id_seq1"}, "customer_customer_id_seq2"},
		// 63 bytes: the longer name is cut first, then both in turn.
		{strings.Repeat("t", 60), "id", nil, strings.Repeat("t", 56) + "_id_seq"},
		{long, col, nil, strings.Repeat("t", 29) + "_" + strings.Repeat("c", 29) + "_seq"},
		{long, col, []string{strings.Repeat("t", 29) + "_" + strings.Repeat("c", 29) + "_seq"}, strings.Repeat("t", 29) + "_" + strings.Repeat("c", 28) + "_seq1"},
		// A multibyte character is never cut in half.
		{strings.Repeat("é", 30), "id", nil, strings.Repeat("é", 28) + "_id_seq"},
	}
	for _, tt := range tests {
		taken := none
		if tt.taken != nil {
			taken = func(n string) bool {
				for _, x := range tt.taken {
					if x == n {
						return true
					}
				}
				return false
			}
		}
		got := ChooseRelationName(tt.table, tt.column, "seq", taken)
		if got != tt.want {
			t.Errorf("%s.%s: got %s (%d bytes), want %s", tt.table, tt.column, got, len(got), tt.want)
		}
		if len(got) > 63 {
			t.Errorf("%s is longer than 63 bytes", got)
		}
	}
}

func TestParseQualifiedName(t *testing.T) {
	tests := map[string]ast.QName{
		"users_id_seq":              {Name: "users_id_seq"},
		"public.Users_ID_seq":       {Schema: "public", Name: "users_id_seq"},
		`public."MixedCase_id_seq"`: {Schema: "public", Name: "MixedCase_id_seq"},
		` "Sales Data" . "a""b" `:   {Schema: "Sales Data", Name: `a"b`},
		"db.app.s":                  {Schema: "app", Name: "s"},
		`"with.dot"`:                {Name: "with.dot"},
	}
	for in, want := range tests {
		got, ok := ParseQualifiedName(in)
		if !ok || got != want {
			t.Errorf("parseQualifiedName(%q) = %+v, %v; want %+v", in, got, ok, want)
		}
	}
	for _, bad := range []string{`"unterminated`, "a..b", "a b", `""`, "a.b.c.d"} {
		if got, ok := ParseQualifiedName(bad); ok {
			t.Errorf("parseQualifiedName(%q) = %+v, want an error", bad, got)
		}
	}
}
