package livedb_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/livedb"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
)

// manyTables creates n tables, each fed by its own sequence, each behind
// its keys: 500 to a transaction, each of which locks what it creates.
func manyTables(t testing.TB, db *pgtest.DB, n int) {
	t.Helper()
	var sql strings.Builder
	for from := 1; from <= n; from += 500 {
		fmt.Fprintf(&sql, `DO $$ BEGIN
FOR i IN %d..%d LOOP
	EXECUTE format('CREATE TABLE t%%s (id bigserial PRIMARY KEY, v text)', i);
	EXECUTE format('INSERT INTO t%%s (id) VALUES (1), (%%s)', i, i + 1);
END LOOP; END $$;
`, from, min(from+499, n))
	}
	db.Exec(t, sql.String())
}

// TestRoundTripsDoNotGrow reads a database of 3 tables and one of 250: the
// catalog and the keys are read in the same number of round trips.
func TestRoundTripsDoNotGrow(t *testing.T) {
	c := pgtest.Start(t)
	trips := map[int]int{}
	for _, n := range []int{3, 250} {
		db := c.NewDatabase(t)
		manyTables(t, db, n)
		lc := connect(t, db.ConnString("postgres"))
		res, _ := audit(t, lc, livedb.Options{})
		if got := len(found(res, "missing-setval")); got != n {
			t.Errorf("%d tables: %d findings", n, got)
		}
		trips[n] = lc.RoundTrips()
	}
	if trips[3] != trips[250] || trips[3] > 3 {
		t.Errorf("round trips: %v; want the same few for both", trips)
	}
}

// TestConnectionForms connects in each way PostgreSQL's clients take: a
// URL, a key/value string, the PG* environment, a service file.
func TestConnectionForms(t *testing.T) {
	c := pgtest.Start(t)
	db := c.NewDatabase(t)
	dir, port := c.SocketDir(), c.Port()
	services := filepath.Join(t.TempDir(), "pg_service.conf")
	os.WriteFile(services, []byte(fmt.Sprintf("[audit]\nhost=%s\nport=%d\nuser=postgres\ndbname=%s\n", dir, port, db.Name)), 0o600)
	for _, tc := range []struct {
		name, conn string
		env        map[string]string
	}{
		{"url", fmt.Sprintf("postgres://postgres@/%s?host=%s&port=%d", db.Name, dir, port), nil},
		{"key/value", db.ConnString("postgres"), nil},
		{"environment", "", map[string]string{"PGHOST": dir, "PGPORT": fmt.Sprint(port), "PGUSER": "postgres", "PGDATABASE": db.Name}},
		{"service", "service=audit", map[string]string{"PGSERVICEFILE": services}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			lc := connect(t, tc.conn)
			want := fmt.Sprintf("postgres://postgres@/%s?host=%s&port=%d", db.Name, dir, port)
			if lc.Database != db.Name || lc.Place != want {
				t.Errorf("database %q at %q, want %q at %q", lc.Database, lc.Place, db.Name, want)
			}
		})
	}
}

// TestPasswords connects over TCP with password authentication: from the
// URL, from a password file; a wrong password fails on one line that names
// the server and the reason, and no message shows a password.
func TestPasswords(t *testing.T) {
	c := pgtest.StartTCP(t)
	db := c.NewDatabase(t)
	c.CreateRole(t, "app_"+db.Name, "s3cr%t pass")
	role := "app_" + db.Name
	db.Exec(t, "CREATE TABLE t (id serial PRIMARY KEY); GRANT SELECT ON t TO "+role+"; GRANT USAGE, SELECT ON SEQUENCE t_id_seq TO "+role)
	url := fmt.Sprintf("postgres://%s:s3cr%%25t%%20pass@127.0.0.1:%d/%s?sslmode=disable", role, c.Port(), db.Name)
	lc := connect(t, url)
	if want := fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s", role, c.Port(), db.Name); lc.Place != want {
		t.Errorf("place %q, want %q", lc.Place, want)
	}
	if _, err := lc.Read(context.Background(), livedb.Options{}); err != nil {
		t.Fatal(err)
	}

	passfile := filepath.Join(t.TempDir(), "pgpass")
	os.WriteFile(passfile, []byte(fmt.Sprintf("127.0.0.1:%d:*:%s:s3cr%%t pass\n", c.Port(), role)), 0o600)
	t.Setenv("PGPASSFILE", passfile)
	connect(t, fmt.Sprintf("host=127.0.0.1 port=%d user=%s dbname=%s sslmode=disable", c.Port(), role, db.Name))

	for _, conn := range []string{
		fmt.Sprintf("postgres://%s:wrong-s3cret@127.0.0.1:%d/%s?sslmode=disable", role, c.Port(), db.Name),
		fmt.Sprintf("host=127.0.0.1 port=%d user=%s dbname=%s password='wrong-s3cret' sslmode=prefer", c.Port(), role, db.Name),
	} {
		_, err := livedb.Connect(context.Background(), conn)
		want := fmt.Sprintf(`connection to server at "127.0.0.1", port %d failed: password authentication failed for user "%s"`, c.Port(), role)
		if err == nil || err.Error() != want {
			t.Errorf("%s:\n got %v\nwant %s", conn, err, want)
		}
	}
	for _, conn := range []string{
		"postgres://app:wrong-s3cret@127.0.0.1:99999/x",
		"postgres://app:wrong-s3cret@[::1/x",
		"host=127.0.0.1 password='wrong-s3cret' port=x",
		"host=127.0.0.1 password=wrong-s3cret 'unterminated",
	} {
		_, err := livedb.Connect(context.Background(), conn)
		if err == nil || strings.Contains(err.Error(), "s3cret") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v", conn, err)
		}
	}
	_, err := livedb.Connect(context.Background(), fmt.Sprintf("host=127.0.0.1 port=%d user=%s dbname=%s sslmode=require", c.Port(), role, db.Name))
	if want := fmt.Sprintf(`connection to server at "127.0.0.1", port %d failed: server refused TLS connection`, c.Port()); err == nil || err.Error() != want {
		t.Errorf("sslmode=require on a server without TLS:\n got %v\nwant %s", err, want)
	}
}
