package analyzer_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// psqlSets are the \set commands TestSubstitutionAgreesWithPsql runs
// before its statements, checked by the statements that use them.
var psqlSets = []string{
	`\set v 42`,
	`\set name items`,
	`\set quote 'it''s'`,
	`\set slash 'a\\b'`,
	`\set ident 'Mixed "Case"'`,
	`\set joined 1 2 '3'`,
	`\set escapes 'a\tb' \x41 \101`,
	`\set selfref ':selfref + 1'`,
	`\set expr ':v * 2'`,
	`\set semi 'x;'`,
	`\set empty`,
	`\set dq "quoted ident"`,
	`\set fromvar :v:joined`,
	`\set unset_me 1`,
	`\unset unset_me`,
}

// psqlStatements use the variables in every place psql's scanner treats
// apart: plain, quoted, as casts, in strings, identifiers, dollar quotes and
// comments.
var psqlStatements = []string{
	`SELECT :v, :'v', :"v", :{?v}, :{?nope}, :nope;`,
	`SELECT 1::int, :v::int, :'v'::text, a::b FROM (SELECT 1 AS a) s(a);`,
	`SELECT ':v', ":v", $$:v$$, $t$ :v $t$, E'\':v', U&':v', B'1', X'1F' /* :v /* :v */ :v */;`,
	`SELECT :'quote', :'slash', :"ident", :'joined', :'escapes', :'dq', :'empty', :'fromvar';`,
	`SELECT :selfref, :expr, :'selfref';`,
	`SELECT :unset_me, :'unset_me', :"unset_me", :{?unset_me}, :{?empty};`,
	`SELECT :'v' || :'nope', :"nope", :'', :{?}, :{, a:v FROM (SELECT 1 AS a) s;`,
	`SELECT foo:v, $1:v, 1:v, arr[1:v], :'v':'v', :v:v;`,
	`SELECT :v -- :v :'v'
;`,
}

// TestSubstitutionAgreesWithPsql runs statements that use psql variables
// through psql, which echoes each query as it sends it (ECHO=queries),
// and checks that pgseqlint substitutes them to the same text.
func TestSubstitutionAgreesWithPsql(t *testing.T) {
	c := pgtest.Start(t)
	db := c.NewDatabase(t)
	var src strings.Builder
	src.WriteString("\\o /dev/null\n")
	for _, s := range psqlSets {
		src.WriteString(s + "\n")
	}
	for _, s := range psqlStatements {
		src.WriteString(s + "\n")
	}
	path := filepath.Join(t.TempDir(), "subst.sql")
	if err := os.WriteFile(path, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr := db.RunOutput(t, path, pgtest.RunOptions{Vars: []string{"ECHO=queries"}})
	var want strings.Builder
	vars := script.NewPsqlVars()
	sp := script.NewSplitter("subst.sql", strings.NewReader(src.String()))
	defer sp.Close()
	for {
		st, err := sp.Next()
		if err != nil {
			break
		}
		if st.Kind == script.KindMeta {
			name, args := script.MetaCommand(st.Text)
			if name != "set" && name != "unset" {
				continue
			}
			words, err := vars.MetaArgs(args)
			if err != nil {
				t.Fatalf("%s: %v", st.Text, err)
			}
			var value strings.Builder
			for _, w := range words[1:] {
				value.WriteString(w.Text)
			}
			if err := vars.Assign(words[0].Text, value.String(), name == "unset"); err != nil {
				t.Fatalf("%s: %v", st.Text, err)
			}
			continue
		}
		want.Write(vars.SubstituteSQL(st.Text, true, script.DefaultMaxStmtBytes).Text)
		want.WriteByte('\n')
	}
	got := strings.TrimSpace(stdout)
	if got != strings.TrimSpace(want.String()) {
		t.Errorf("psql sent (stderr %s):\n%s\npgseqlint substitutes:\n%s", stderr, got, want.String())
	}
	if !bytes.Contains([]byte(stdout), []byte("'it''s'")) {
		t.Errorf("the statements did not reach psql's echo:\n%s", stdout)
	}
}

// TestConditionsAgreeWithPsql runs \if on words psql may or may not take
// for booleans, and checks which branch psql runs against
// ParseVariableBool (psql takes a value that is no boolean as false).
func TestConditionsAgreeWithPsql(t *testing.T) {
	values := []string{"on", "ON", "o", "of", "off", "offf", "t", "TR", "true", "truex", "f", "FALSE", "y", "ye", "yes",
		"n", "NO", "1", "0", "01", "10", "2", "", "'on'", "maybe", "true false", "-1", "oN", "Of"}
	c := pgtest.Start(t)
	db := c.NewDatabase(t)
	var src, want strings.Builder
	for i, v := range values {
		fmt.Fprintf(&src, "\\if %s\n\\echo %d t\n\\else\n\\echo %d f\n\\endif\n", v, i, i)
		word := strings.Trim(v, "'")
		if v == "true false" {
			word = v
		}
		branch := "f"
		if on, _ := script.ParseVariableBool(word); on {
			branch = "t"
		}
		fmt.Fprintf(&want, "%d %s\n", i, branch)
	}
	path := filepath.Join(t.TempDir(), "if.sql")
	if err := os.WriteFile(path, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _ := db.RunOutput(t, path, pgtest.RunOptions{})
	if stdout != want.String() {
		t.Errorf("psql ran the branches:\n%s\nParseVariableBool says:\n%s", stdout, want.String())
	}
}
