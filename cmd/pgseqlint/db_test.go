package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
)

// runDB runs pgseqlint with the arguments and returns its output and exit
// status.
func runDB(args ...string) (stdout, stderr string, code int) {
	var out, errOut bytes.Buffer
	code = run(args, streams{in: strings.NewReader(""), out: &out, err: &errOut})
	return out.String(), errOut.String(), code
}

// TestDBServerpod is the README's walk through: the Serverpod example
// loaded into a database, audited in every format, repaired, audited
// again, and repaired again to no effect.
func TestDBServerpod(t *testing.T) {
	c := pgtest.Start(t)
	db := c.NewDatabase(t)
	db.RunStrict(t, "../../testdata/examples/serverpod/dump.sql")
	conn := db.ConnString("postgres")
	want := "keys up to 7 are already in public.serverpod_user_info.id, but sequence public.serverpod_user_info_id_seq hands out 1 next"

	out, stderr, code := runDB("db", conn)
	if code != 1 || !strings.Contains(out, want) || stderr != "" {
		t.Fatalf("db: exit %d\n%s%s", code, out, stderr)
	}
	for _, format := range []string{"json", "sarif", "gitlab"} {
		out, _, code := runDB("db", "--format", format, conn)
		if code != 1 || !json.Valid([]byte(out)) || !strings.Contains(out, want) {
			t.Errorf("db --format %s: exit %d\n%s", format, code, out)
		}
	}
	var report struct {
		Diagnostics []struct{ Database, File, Sequence string }
	}
	out, _, _ = runDB("db", "--format", "json", conn)
	if err := json.Unmarshal([]byte(out), &report); err != nil || len(report.Diagnostics) != 1 ||
		report.Diagnostics[0].Database != db.Name || !strings.HasPrefix(report.Diagnostics[0].File, "postgres://postgres@/"+db.Name) {
		t.Errorf("db --format json: %v\n%s", err, out)
	}
	if out, _, code := runDB("db", "--format", "github", conn); code != 1 || !strings.HasPrefix(out, "::error title=pgseqlint missing-setval::"+want) {
		t.Errorf("db --format github: exit %d\n%s", code, out)
	}
	if out, _, code := runDB("db", "--fail-on", "never", conn); code != 0 || !strings.Contains(out, want) {
		t.Errorf("db --fail-on never: exit %d\n%s", code, out)
	}

	fixSQL := "SELECT pg_catalog.setval('public.serverpod_user_info_id_seq', greatest(max(id), 1), coalesce(max(id) >= 1, false)) FROM public.serverpod_user_info;"
	if out, _, code := runDB("db", "--fix", conn); code != 0 || out != "-- public.serverpod_user_info.id: keys already in the database\n"+fixSQL+"\n" {
		t.Errorf("db --fix: exit %d\n%s", code, out)
	}
	if got := db.Exec(t, "SELECT last_value, is_called FROM serverpod_user_info_id_seq"); got != "1|f" {
		t.Errorf("db and db --fix wrote: the sequence stands at %s", got)
	}
	out, _, code = runDB("db", "--apply", conn)
	wantApply := fixSQL + "\n-- public.serverpod_user_info_id_seq hands out 8 next (it handed out 1), past keys up to 7 in public.serverpod_user_info.id\n" +
		"1 sequence repaired in database " + db.Name + "\n"
	if code != 0 || out != wantApply {
		t.Errorf("db --apply: exit %d\n%s", code, out)
	}
	if out, _, code := runDB("db", conn); code != 0 || out != "0 errors, 0 warnings in database "+db.Name+"\n" {
		t.Errorf("db after --apply: exit %d\n%s", code, out)
	}
	if out, _, code := runDB("db", "--apply", conn); code != 0 || out != "0 sequences repaired in database "+db.Name+"\n" {
		t.Errorf("db --apply again: exit %d\n%s", code, out)
	}
}

// TestCheckDB checks the Serverpod example's data against a database that
// already holds its schema and a user with a larger key.
func TestCheckDB(t *testing.T) {
	c := pgtest.Start(t)
	db := c.NewDatabase(t)
	db.Exec(t, `CREATE TABLE public.serverpod_user_info (id bigserial PRIMARY KEY, "userIdentifier" text NOT NULL, "userName" text, "fullName" text, email text, created timestamp without time zone NOT NULL, "imageUrl" text, "scopeNames" json NOT NULL, blocked boolean NOT NULL);
INSERT INTO serverpod_user_info (id, "userIdentifier", created, "scopeNames", blocked) VALUES (20, 'old', now(), '[]', false);
CREATE TABLE other (id serial PRIMARY KEY);
INSERT INTO other VALUES (5);`)
	data := t.TempDir() + "/data.sql"
	writeFile(t, data, "COPY public.serverpod_user_info (id, \"userIdentifier\", created, \"scopeNames\", blocked) FROM stdin;\n1\ta\t2023-01-01\t[]\tf\n2\tb\t2023-01-01\t[]\tf\n\\.\n", 0o644)
	out, _, code := runDB("check", "--db", db.ConnString("postgres"), data)
	want := "keys up to 20 are already in public.serverpod_user_info.id, but sequence public.serverpod_user_info_id_seq hands out 1 next"
	if code != 1 || !strings.Contains(out, want) || !strings.Contains(out, "2 errors, 0 warnings in 1 file (1 statement) on database "+db.Name) {
		t.Errorf("check --db: exit %d\n%s", code, out)
	}
	// The file is patched after its COPY; other's sequence is the
	// database's to repair.
	out, stderr, code := runDB("fix", "-d", "--db", db.ConnString("postgres"), data)
	if code != 0 || !strings.Contains(out, "+SELECT pg_catalog.setval('public.serverpod_user_info_id_seq'") ||
		stderr != "pgseqlint: sequence public.other_id_seq is already behind its keys in database "+db.Name+": repair it with pgseqlint db --apply\n" {
		t.Errorf("fix -d --db: exit %d\n%s%s", code, out, stderr)
	}
	if out, stderr, code := runDB("check", "--db", "host=127.0.0.1 port=1 password=hunter2", data); code != 2 || out != "" ||
		stderr != "pgseqlint: connection to server at \"127.0.0.1\", port 1 failed: connect: connection refused\n" {
		t.Errorf("check --db, no server: exit %d\n%s%s", code, out, stderr)
	}
}
