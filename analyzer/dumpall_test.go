package analyzer_test

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
	"github.com/pgseqlint/pgseqlint/rules"
)

// verdictByDatabase is verdict for a script that holds several databases:
// the colliding sequences of each database, as "database: sequence".
func verdictByDatabase(t *testing.T, files ...string) []string {
	t.Helper()
	return verdictBy(t, func(s *analyzer.Subject) string { return s.Database + ": " + s.Sequence }, files...)
}

// rolesExist matches what restoring pg_dumpall's output into the cluster it
// came from prints: its roles are there already.
var rolesExist = regexp.MustCompile(`(?m)\A(psql:[^\n]*ERROR:  role "[^"]+" already exists\n)*\z`)

// TestDumpAllDatabases dumps two databases built from different scenarios
// with the machine's pg_dumpall, drops them, restores the script with psql
// (which recreates them), and checks that pgseqlint finds, database by
// database, the sequences PostgreSQL says collide. One database's name needs
// pg_dumpall's connection-string form of \connect.
func TestDumpAllDatabases(t *testing.T) {
	c := pgtest.Start(t)
	databases := map[string]string{
		"pgseqlint_dumpall_loads":    "loads.sql",
		"Pgseqlint DumpAll Identity": "identity.sql",
	}
	admin := c.NewDatabase(t)
	for name, scenario := range databases {
		db := c.CreatedDatabase(t, name)
		admin.Exec(t, "CREATE DATABASE "+script.QuoteIdent(name)+" TEMPLATE template0")
		db.RunStrict(t, filepath.Join("../testdata/scenarios", scenario))
	}
	dumpall := filepath.Join(t.TempDir(), "dumpall.sql")
	writeFile(t, dumpall, c.DumpAll(t, "--exclude-database=pgtest_*"))
	for name := range databases {
		admin.Exec(t, "DROP DATABASE "+script.QuoteIdent(name)+" WITH (FORCE)")
	}
	if stderr := c.Database("postgres").Run(t, dumpall); !rolesExist.MatchString(stderr) {
		t.Fatalf("restoring the pg_dumpall script: %s", stderr)
	}
	var want []string
	perDatabase := map[string]string{}
	for name := range databases {
		var seqs []string
		for _, col := range c.Database(name).Collisions(t) {
			want = append(want, name+": "+col.Sequence)
			seqs = append(seqs, col.Sequence)
		}
		perDatabase[name] = strings.Join(seqs, " ")
	}
	if perDatabase["pgseqlint_dumpall_loads"] == perDatabase["Pgseqlint DumpAll Identity"] {
		t.Fatalf("the two databases should collide differently, both have %q", perDatabase["pgseqlint_dumpall_loads"])
	}
	checktest.Compare(t, "the pg_dumpall script", verdictByDatabase(t, dumpall), sortedKeys(setOf(want)))
}

func setOf(items []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range items {
		m[s] = true
	}
	return m
}

// TestConnectLikePsql runs \connect lines through the machine's psql and
// checks that pgseqlint follows each into the database psql opens.
func TestConnectLikePsql(t *testing.T) {
	c := pgtest.Start(t)
	admin := c.NewDatabase(t)
	for _, name := range []string{"pgseqlint_conn", "Pgseqlint_Conn", "pgseqlint conn", "pgseqlint conn;"} {
		c.CreatedDatabase(t, name)
		admin.Exec(t, "CREATE DATABASE "+script.QuoteIdent(name)+" TEMPLATE template0")
	}
	lines := []string{
		`\c pgseqlint_conn`,
		`\c pgseqlint_conn;`,
		`\connect pgseqlint_conn;;`,
		`\c Pgseqlint_Conn`,
		`\c "Pgseqlint_Conn";`,
		`\c 'pgseqlint conn'`,
		`\c "pgseqlint conn";`,
		`\c "pgseqlint conn;"`,
		`\c "pgseqlint"_conn`,
		`\c -`,
		`\c`,
		`\c - postgres`,
		`\connect -reuse-previous=on "dbname='pgseqlint conn'"`,
		`\c dbname=Pgseqlint_Conn`,
		`\c postgresql:///pgseqlint_conn`,
		`\c pgseqlint_conn postgres`,
	}
	const start = "pgseqlint_conn"
	for _, line := range lines {
		t.Run(line, func(t *testing.T) {
			got := admin.Exec(t, `\c `+start+"\n"+line+"\nSELECT current_database();\n")
			if i := strings.LastIndexByte(got, '\n'); i >= 0 {
				got = got[i+1:] // after psql's "You are now connected" lines
			}
			script := filepath.Join(t.TempDir(), "connect.sql")
			writeFile(t, script, []byte(`\c `+start+"\n"+line+"\nCREATE TABLE t (id serial);\nINSERT INTO t VALUES (1);\n"))
			res, err := analyzer.Check(context.Background(), analyzer.Options{Paths: []string{script}, Rules: rules.All()})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Diagnostics) != 1 || res.Diagnostics[0].Subject == nil {
				t.Fatalf("want one finding, got %+v", res.Diagnostics)
			}
			if db := res.Diagnostics[0].Subject.Database; db != got {
				t.Errorf("psql connects to %q, pgseqlint follows into %q", got, db)
			}
		})
	}
}
