package pgparse

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/ast"
)

// TestRoutines checks what procedural code becomes: the statements it runs
// straight through, or why it cannot be followed.
func TestRoutines(t *testing.T) {
	for _, tc := range []struct {
		sql string
		// stmts are the kinds of the statements run, in order.
		stmts      string
		unfollowed string
		returns    string
	}{
		{sql: `DO $$ BEGIN INSERT INTO t VALUES (1); PERFORM setval('s', 5); END $$`, stmts: "Insert Select"},
		// SELECT ... INTO a variable reads; it does not create a table.
		{sql: `DO $$ DECLARE n int; BEGIN SELECT max(id) INTO n FROM t; n := n + 1; END $$`, stmts: "Select Select"},
		{sql: `DO $$ BEGIN BEGIN CALL p(); END; RETURN; INSERT INTO t VALUES (1); END $$`, stmts: "Call"},
		{sql: `DO $$ BEGIN RAISE NOTICE 'x'; INSERT INTO t VALUES (1); END $$`, stmts: "Insert"},
		{sql: `DO $$ BEGIN RAISE 'no'; END $$`, unfollowed: "RAISE of an error"},
		{sql: `DO $$ BEGIN EXECUTE 'INSERT INTO t VALUES (1)'; END $$`, unfollowed: "EXECUTE"},
		{sql: `DO $$ BEGIN FOR i IN 1..3 LOOP INSERT INTO t VALUES (i); END LOOP; END $$`, unfollowed: "a loop"},
		{sql: `DO $$ BEGIN IF true THEN INSERT INTO t VALUES (1); END IF; END $$`, unfollowed: "IF"},
		{sql: `DO $$ BEGIN INSERT INTO t VALUES (1); EXCEPTION WHEN others THEN NULL; END $$`, unfollowed: "an exception handler"},
		{sql: `DO $$ BEGIN not plpgsql; END $$`, unfollowed: "code that does not parse"},
		{sql: `DO LANGUAGE plperl $$ spi_exec_query('INSERT INTO t VALUES (1)') $$`, unfollowed: "code in language plperl"},
		{sql: `CREATE FUNCTION f() RETURNS SETOF int LANGUAGE plpgsql AS $$ BEGIN RETURN QUERY SELECT 1; END $$`, unfollowed: "RETURN QUERY"},
		{sql: `CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.id := 1; RETURN NEW; END $$`, unfollowed: "an assignment to NEW"},
		{sql: `CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO a VALUES (NEW.id); RETURN NEW; END $$`, stmts: "Insert Select", returns: "NEW"},
		{sql: `CREATE FUNCTION f(k int) RETURNS void LANGUAGE sql AS 'INSERT INTO t VALUES (k); SELECT 1'`, stmts: "Insert Select"},
		{sql: `CREATE FUNCTION f() RETURNS int BEGIN ATOMIC INSERT INTO t VALUES (1); SELECT 1; END`, stmts: "Insert Select"},
		{sql: `CREATE FUNCTION f() RETURNS void LANGUAGE c AS 'lib', 'sym'`, unfollowed: "code in language c"},
	} {
		stmts, err := Parse(tc.sql)
		if err != nil || len(stmts) != 1 {
			t.Fatalf("%s: %v", tc.sql, err)
		}
		var code ast.Routine
		switch st := stmts[0].(type) {
		case *ast.Do:
			code = st.Code
		case *ast.CreateFunction:
			code = st.Code
		}
		var kinds []string
		for _, st := range code.Stmts {
			kinds = append(kinds, strings.TrimPrefix(fmt.Sprintf("%T", st), "*ast."))
		}
		if got := strings.Join(kinds, " "); got != tc.stmts || code.Unfollowed != tc.unfollowed || code.Returns != tc.returns {
			t.Errorf("%s:\n got statements %q, unfollowed %q, returns %q\nwant %q, %q, %q", tc.sql, got, code.Unfollowed, code.Returns, tc.stmts, tc.unfollowed, tc.returns)
		}
	}
}

// TestTriggersAndRules checks the events and timing read from CREATE
// TRIGGER and CREATE RULE, and the names DROP reads.
func TestTriggersAndRules(t *testing.T) {
	stmts, err := Parse(`CREATE TRIGGER tr INSTEAD OF INSERT OR UPDATE ON s.v FOR EACH ROW EXECUTE FUNCTION f();
CREATE RULE r AS ON INSERT TO t WHERE NEW.k > 0 DO INSTEAD INSERT INTO u VALUES (NEW.k);
DROP TRIGGER tr ON s.v;
DROP FUNCTION f(int), s.g;`)
	if err != nil {
		t.Fatal(err)
	}
	want := []ast.Stmt{
		&ast.CreateTrigger{Name: "tr", Table: ast.QName{Schema: "s", Name: "v"}, Function: ast.QName{Name: "f"}, Insert: true, Update: true, Instead: true, ForEachRow: true},
		nil,
		&ast.DropTrigger{Name: "tr", Table: ast.QName{Schema: "s", Name: "v"}},
		&ast.DropFunction{Names: []ast.QName{{Name: "f"}, {Schema: "s", Name: "g"}}},
	}
	for i, st := range stmts {
		if r, ok := st.(*ast.CreateRule); ok {
			if r.Name != "r" || !r.Insert || !r.Instead || !r.Where || len(r.Actions.Stmts) != 1 || !strings.Contains(r.Actions.Text, "INSERT INTO u") {
				t.Errorf("rule read as %+v", r)
			}
			continue
		}
		if got, w := fmt.Sprintf("%+v", st), fmt.Sprintf("%+v", want[i]); got != w {
			t.Errorf("statement %d read as %s, want %s", i+1, got, w)
		}
	}
}
