package rules_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
)

// neverSilentForms are the ways a script loads keys into, or moves, a
// sequence-fed column, each in a script after which the sequence t_id_seq
// collides with the keys.
var neverSilentForms = map[string]string{
	"insert values":         `INSERT INTO t VALUES (10);`,
	"copy from stdin":       "COPY t (id) FROM stdin;\n10\n\\.",
	"insert select const":   `INSERT INTO t SELECT 10;`,
	"insert select values":  `INSERT INTO t SELECT * FROM (VALUES (9), (10)) AS v(k);`,
	"insert generate":       `INSERT INTO t SELECT g FROM generate_series(1, 10) AS g;`,
	"insert select table":   "CREATE TABLE src (k int); INSERT INTO src VALUES (10);\nINSERT INTO t SELECT k FROM src;",
	"unseen after setval":   "INSERT INTO t VALUES (DEFAULT);\nSELECT setval('t_id_seq', 5);\nINSERT INTO t SELECT id + 100 FROM t;",
	"stale setval":          "INSERT INTO t VALUES (10);\nSELECT setval('t_id_seq', 3);",
	"stale restart":         "INSERT INTO t VALUES (10);\nALTER SEQUENCE t_id_seq RESTART WITH 2;",
	"update key constant":   "INSERT INTO t VALUES (DEFAULT);\nUPDATE t SET id = 10;",
	"update key plus":       "INSERT INTO t VALUES (DEFAULT);\nUPDATE t SET id = id + 10;",
	"view insert":           "CREATE VIEW tv AS SELECT id FROM t;\nINSERT INTO tv VALUES (10);",
	"committed transaction": "BEGIN;\nINSERT INTO t VALUES (10);\nCOMMIT;",
	"rollback to savepoint": "BEGIN;\nINSERT INTO t VALUES (10);\nSAVEPOINT s;\nALTER SEQUENCE t_id_seq RESTART;\nSELECT setval('t_id_seq', 20);\nROLLBACK TO s;\nCOMMIT;",
	"data-modifying with":   `WITH x AS (INSERT INTO t VALUES (10) RETURNING id) SELECT * FROM x;`,
	"merge":                 "MERGE INTO t USING (VALUES (10)) AS v(k) ON t.id = v.k\nWHEN NOT MATCHED THEN INSERT VALUES (v.k);",
	"do block":              "DO $$ BEGIN INSERT INTO t VALUES (10); END $$;",
	"sql function":          "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS 'INSERT INTO t VALUES (10)';\nSELECT f();",
	"plpgsql procedure":     "CREATE PROCEDURE p() LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (10); END $$;\nCALL p();",
	"psql variable":         "\\set k 10\nINSERT INTO t VALUES (:k);",
	"psql variable table":   "\\set tbl t\nCOPY :tbl (id) FROM stdin;\n10\n\\.",
	"psql variable setval":  "INSERT INTO t VALUES (10);\n\\set s t_id_seq\nSELECT setval(:'s', 3);",
	"psql variable as sql":  "\\set load 'INSERT INTO t VALUES (10)'\n:load;",
	"psql gset":             "SELECT 10 AS k \\gset\nINSERT INTO t VALUES (:k);",
	"psql if branch":        "\\if yes\nINSERT INTO t VALUES (10);\n\\endif",
	"psql elif branch":      "\\if off\n\\elif on\nINSERT INTO t VALUES (10);\n\\endif",
	"psql unknown if":       "SELECT true AS go \\gset\n\\if :go\nINSERT INTO t VALUES (10);\n\\endif",
	"on_error_rollback":     "\\set ON_ERROR_ROLLBACK on\nBEGIN;\nINSERT INTO t VALUES (10);\nSELEC 1;\nCOMMIT;",
	"with unread":           `WITH x AS (INSERT INTO t VALUES (10)) SELECT 1;`,
	"with update":           "INSERT INTO t VALUES (DEFAULT);\nWITH x AS (UPDATE t SET id = 10 RETURNING id) SELECT 1;",
	"with default then key": "WITH x AS (INSERT INTO t DEFAULT VALUES RETURNING id) SELECT 1;\nINSERT INTO t VALUES (2);",
	"merge from table":      "CREATE TABLE src (k int); INSERT INTO src VALUES (10);\nMERGE INTO t USING src ON t.id = src.k\nWHEN NOT MATCHED THEN INSERT VALUES (src.k);",
	"merge some rows":       "INSERT INTO t VALUES (DEFAULT);\nMERGE INTO t USING (VALUES (1), (10)) AS v(k) ON t.id = v.k\nWHEN NOT MATCHED THEN INSERT VALUES (v.k);",
	"merge matched update":  "INSERT INTO t VALUES (DEFAULT);\nMERGE INTO t USING (VALUES (1)) AS v(k) ON t.id = v.k\nWHEN MATCHED THEN UPDATE SET id = 10;",
	"update where":          "INSERT INTO t VALUES (DEFAULT), (DEFAULT);\nUPDATE t SET id = 10 WHERE id = 2;",
	"insert select where":   "CREATE TABLE src (k int); INSERT INTO src VALUES (1), (10);\nINSERT INTO t SELECT k FROM src WHERE k > 5;",
	"generate after setval": "INSERT INTO t SELECT g FROM generate_series(1, 3) AS g;\nSELECT setval('t_id_seq', 3);\nINSERT INTO t SELECT g FROM generate_series(4, 10) AS g;",
	"delete where":          "INSERT INTO t VALUES (5), (10);\nDELETE FROM t WHERE id = 5;",
	"do block loop":         "DO $$ BEGIN FOR i IN 1..10 LOOP INSERT INTO t VALUES (i); END LOOP; END $$;",
	"do block execute":      "DO $$ BEGIN EXECUTE 'INSERT INTO t VALUES (10)'; END $$;",
	"do block variable":     "DO $$ DECLARE k int := 10; BEGIN INSERT INTO t VALUES (k); END $$;",
	"function argument":     "CREATE FUNCTION f(k int) RETURNS void LANGUAGE sql AS 'INSERT INTO t VALUES (k)';\nSELECT f(10);",
	"function in values":    "CREATE TABLE log (n int);\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'INSERT INTO t VALUES (10) RETURNING 1';\nINSERT INTO log VALUES (f());",
	"function in from":      "CREATE FUNCTION f() RETURNS int BEGIN ATOMIC INSERT INTO t VALUES (10); SELECT 1; END;\nSELECT * FROM f();",
	"function per row":      "CREATE TABLE src (k int);\nINSERT INTO src SELECT g FROM generate_series(1, 10) AS g;\nCREATE FUNCTION f(k int) RETURNS void LANGUAGE sql AS 'INSERT INTO t VALUES (k)';\nSELECT f(k) FROM src;",
	"function in update":    "CREATE TABLE src (k int);\nINSERT INTO src VALUES (1);\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'INSERT INTO t VALUES (10) RETURNING 1';\nUPDATE src SET k = f();",
	"function in query":     "CREATE TABLE src (k int);\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'INSERT INTO t VALUES (10) RETURNING 1';\nINSERT INTO src SELECT f() FROM generate_series(1, 1);",
	"perform":               "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS 'INSERT INTO t VALUES (10)';\nDO $$ BEGIN PERFORM f(); END $$;",
	"after trigger":         "CREATE TABLE src (k int);\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (NEW.k); RETURN NULL; END $$;\nCREATE TRIGGER tr AFTER INSERT ON src FOR EACH ROW EXECUTE FUNCTION f();\nINSERT INTO src VALUES (10);",
	"trigger on copy":       "CREATE TABLE src (k int);\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (NEW.k); RETURN NULL; END $$;\nCREATE TRIGGER tr AFTER INSERT ON src FOR EACH ROW EXECUTE FUNCTION f();\nCOPY src FROM stdin;\n10\n\\.",
	"instead of trigger":    "CREATE VIEW tv AS SELECT DISTINCT id FROM t;\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (NEW.id); RETURN NEW; END $$;\nCREATE TRIGGER tr INSTEAD OF INSERT ON tv FOR EACH ROW EXECUTE FUNCTION f();\nINSERT INTO tv VALUES (10);",
	"partition trigger":     "CREATE TABLE p (k int, at int) PARTITION BY RANGE (at);\nCREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (NEW.k); RETURN NULL; END $$;\nCREATE TRIGGER tr AFTER INSERT ON p1 FOR EACH ROW EXECUTE FUNCTION f();\nINSERT INTO p VALUES (10, 1);",
	"disabled then enabled": "CREATE TABLE src (k int);\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (NEW.k); RETURN NULL; END $$;\nCREATE TRIGGER tr AFTER INSERT ON src FOR EACH ROW EXECUTE FUNCTION f();\nALTER TABLE src DISABLE TRIGGER ALL;\nALTER TABLE src ENABLE TRIGGER tr;\nINSERT INTO src VALUES (10);",
	"branching trigger":     "CREATE TABLE src (k int);\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.k > 0 THEN INSERT INTO t VALUES (NEW.k); END IF; RETURN NULL; END $$;\nCREATE TRIGGER tr AFTER INSERT ON src FOR EACH ROW EXECUTE FUNCTION f();\nINSERT INTO src VALUES (10);",
	"merge trigger":         "CREATE TABLE src (k int);\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (NEW.k); RETURN NULL; END $$;\nCREATE TRIGGER tr AFTER INSERT ON src FOR EACH ROW EXECUTE FUNCTION f();\nMERGE INTO src USING (VALUES (10)) AS v(k) ON src.k = v.k\nWHEN NOT MATCHED THEN INSERT VALUES (v.k);",
	"truncate trigger":      "CREATE TABLE src (k int);\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (10); RETURN NULL; END $$;\nCREATE TRIGGER tr AFTER TRUNCATE ON src FOR EACH STATEMENT EXECUTE FUNCTION f();\nTRUNCATE src;",
	"upsert trigger":        "CREATE TABLE src (k int PRIMARY KEY, v int);\nINSERT INTO src VALUES (1, 1);\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (10); RETURN NEW; END $$;\nCREATE TRIGGER tr BEFORE UPDATE ON src FOR EACH ROW EXECUTE FUNCTION f();\nINSERT INTO src VALUES (1, 2) ON CONFLICT (k) DO UPDATE SET v = excluded.v;",
	"rule also insert":      "CREATE TABLE src (k int);\nCREATE RULE r AS ON INSERT TO src DO ALSO INSERT INTO t VALUES (NEW.k);\nINSERT INTO src VALUES (10);",
	"rule on insert select": "CREATE TABLE src (k int);\nCREATE RULE r AS ON INSERT TO src DO ALSO INSERT INTO t VALUES (NEW.k);\nINSERT INTO src SELECT 10;",
}

// provenForms are the forms pgseqlint models exactly: a warning that it
// cannot follow them is not enough, the collision must be reported.
var provenForms = []string{
	"insert values", "copy from stdin", "insert select const", "insert select values", "insert generate",
	"insert select table", "stale setval", "stale restart", "update key constant", "update key plus",
	"view insert", "committed transaction", "rollback to savepoint", "data-modifying with", "merge",
	"with unread", "with default then key", "merge from table", "generate after setval", "truncate trigger",
}

// TestNeverSilent holds pgseqlint to its promise for each form in
// neverSilentForms: PostgreSQL finds the sequence colliding after a real
// restore, and pgseqlint reports it (missing-setval, stale-setval) or
// warns that it cannot follow it.
func TestNeverSilent(t *testing.T) {
	for _, name := range provenForms {
		if _, ok := neverSilentForms[name]; !ok {
			t.Errorf("proven form %q is not among the forms", name)
		}
	}
	c := pgtest.Start(t)
	for name, body := range neverSilentForms {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "form.sql")
			text := "CREATE TABLE t (id serial);\n" + body + "\n"
			if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			db := c.NewDatabase(t)
			db.RunWith(t, file, pgtest.RunOptions{Dir: t.TempDir()})
			collides := false
			for _, col := range db.Collisions(t) {
				collides = collides || col.Sequence == "public.t_id_seq"
			}
			if !collides {
				t.Fatalf("the case is wrong: PostgreSQL does not find public.t_id_seq colliding after\n%s", text)
			}
			reported, warned := verdicts(t, file)
			switch {
			case slices.Contains(reported, "public.t_id_seq"):
			case slices.Contains(provenForms, name):
				t.Errorf("does not report the collision of public.t_id_seq after\n%s", text)
			case !slices.Contains(warned, "public.t_id_seq"):
				t.Errorf("silent on a collision of public.t_id_seq after\n%s", text)
			}
		})
	}
}
