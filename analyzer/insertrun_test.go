package analyzer_test

import (
	"fmt"
	"strings"
	"testing"
)

// insertRunScript holds runs of INSERTs like those pg_dump writes, broken
// by every kind of statement a run must stop before: a NULL or an out of
// range key, NULL into a NOT NULL column, DEFAULT, a cast, a comment, a
// blank line, a string over two lines, a transaction rolled back or
// aborted, and rows of --rows-per-insert with a bad one among them. It is
// long enough that windows of input end inside runs.
func insertRunScript() string {
	var b strings.Builder
	b.WriteString("CREATE TABLE public.r (id integer NOT NULL, k bigint, v text, n numeric, f boolean, w text NOT NULL);\n")
	b.WriteString("CREATE SEQUENCE public.r_id_seq AS integer;\n")
	b.WriteString("ALTER TABLE ONLY public.r ALTER COLUMN id SET DEFAULT nextval('public.r_id_seq'::regclass);\n")
	b.WriteString("CREATE SEQUENCE public.r_k_seq;\n")
	b.WriteString("ALTER TABLE ONLY public.r ALTER COLUMN k SET DEFAULT nextval('public.r_k_seq'::regclass);\n")
	for i := 1; i <= 70000; i++ {
		id, k := fmt.Sprint(i), fmt.Sprint(200000-i)
		v, w := fmt.Sprintf("'row %d, it''s'", i), "'w'"
		if i%613 == 0 {
			switch i / 613 % 12 {
			case 0:
				id = "NULL" // fails
			case 1:
				k = "NULL"
			case 2:
				w = "NULL" // fails
			case 3:
				id = "3000000000" // out of range: fails
			case 4:
				v = "'two\nlines'"
			case 5:
				k = "DEFAULT"
			case 6:
				b.WriteString("-- a comment\n")
			case 7:
				b.WriteString("\n")
			case 8:
				id = "'7'"
			case 9:
				id = fmt.Sprint(-i) // the smallest key so far
			case 10:
				k = "5::bigint"
			case 11:
				id = "0000" + id
			}
		}
		fmt.Fprintf(&b, "INSERT INTO public.r VALUES (%s, %s, %s, -1.5e3, true, %s);\n", id, k, v, w)
	}
	b.WriteString("SELECT pg_catalog.setval('public.r_id_seq', 10, true);\n")

	// Rolled back, and aborted by a failing INSERT: nothing is loaded.
	b.WriteString("CREATE TABLE public.x (id serial, v text);\nBEGIN;\n")
	for i := 1; i <= 50; i++ {
		fmt.Fprintf(&b, "INSERT INTO public.x VALUES (%d, 'a');\n", i)
	}
	b.WriteString("ROLLBACK;\nBEGIN;\nINSERT INTO public.x VALUES (1, 'a');\nINSERT INTO public.x VALUES (2, NULL, 'b');\n")
	for i := 3; i <= 50; i++ {
		fmt.Fprintf(&b, "INSERT INTO public.x VALUES (%d, 'a');\n", i)
	}
	b.WriteString("COMMIT;\n")

	// --rows-per-insert, with a bad row inside one statement.
	b.WriteString("CREATE TABLE public.m (id bigserial, v text);\n")
	for s := 0; s < 40; s++ {
		b.WriteString("INSERT INTO public.m VALUES\n")
		for r := 0; r < 10; r++ {
			sep := ",\n"
			if r == 9 {
				sep = ";\n"
			}
			v := fmt.Sprintf("'m%d'", r)
			if s == 17 && r == 4 {
				v = "'m', 'too many'"
			}
			fmt.Fprintf(&b, "\t(%d, %s)%s", 1000+s*10+r, v, sep)
		}
	}
	// Its 390 rows (the 17th statement fails) each take a key from
	// public.c_id_seq.
	b.WriteString("CREATE TABLE public.c (id serial, v text);\nINSERT INTO public.c (v) SELECT v FROM public.m;\nINSERT INTO public.c VALUES (395, 'x');\n")

	// --column-inserts into an identity column, with and without
	// OVERRIDING SYSTEM VALUE, and a table whose trigger runs code.
	b.WriteString("CREATE TABLE public.g (id integer GENERATED ALWAYS AS IDENTITY, v text);\n")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&b, "INSERT INTO public.g (id, v) OVERRIDING SYSTEM VALUE VALUES (%d, 'g');\n", i)
	}
	for i := 31; i <= 33; i++ {
		fmt.Fprintf(&b, "INSERT INTO public.g (id, v) VALUES (%d, 'g');\n", i)
	}
	b.WriteString("CREATE TABLE public.tr (id serial, v text);\nCREATE TABLE public.log (id serial, n integer);\n")
	b.WriteString("CREATE FUNCTION public.note() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN INSERT INTO public.log VALUES (NEW.id, 1); RETURN NEW; END$$;\n")
	b.WriteString("CREATE TRIGGER tr_note AFTER INSERT ON public.tr FOR EACH ROW EXECUTE FUNCTION public.note();\n")
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&b, "INSERT INTO public.tr VALUES (%d, 't');\n", i)
	}
	// PostgreSQL rejects a column named twice.
	b.WriteString("CREATE TABLE public.dup (a serial, b integer);\n")
	b.WriteString("INSERT INTO public.dup (a, a) VALUES (1, 2);\nINSERT INTO public.dup (a, a) VALUES (3, 4);\n")
	return b.String()
}

// TestInsertRunsMatchReference: runs of INSERTs folded as a whole find
// exactly what the reference path finds, which reads every statement with
// the parser.
func TestInsertRunsMatchReference(t *testing.T) {
	for path, reference := range sameAsReference(t, "runs.sql", insertRunScript()) {
		for _, want := range []string{
			`keys up to 70000 were loaded into public.r.id`,
			`keys up to 199999 were loaded into public.r.k`,
			`keys up to 1399 were loaded into public.m.id`,
			`keys up to 395 were loaded into public.c.id, but nothing moves sequence public.c_id_seq past them: it hands out 391 next`,
			`keys up to 30 were loaded into public.g.id`,
			`keys up to 20 were loaded into public.tr.id`,
			`"rule": "identity-needs-override"`,
		} {
			if !strings.Contains(reference, want) {
				t.Errorf("%s: the reference report lacks %s:\n%s", path, want, reference)
			}
		}
		for _, table := range []string{"public.x", "public.dup"} {
			if strings.Contains(reference, table) {
				t.Errorf("%s: keys of %s were rolled back or not loaded, yet reported:\n%s", path, table, reference)
			}
		}
	}
}
