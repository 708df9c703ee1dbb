package livedb_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/livedb"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
	"github.com/pgseqlint/pgseqlint/rules"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// shapes builds testdata/shapes.sql in a new database.
func shapes(t *testing.T) (*pgtest.Cluster, *pgtest.DB) {
	t.Helper()
	c := pgtest.Start(t)
	db := c.NewDatabase(t)
	db.RunStrict(t, "testdata/shapes.sql")
	return c, db
}

func connect(t testing.TB, conn string) *livedb.Conn {
	t.Helper()
	lc, err := livedb.Connect(context.Background(), conn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(lc.Close)
	return lc
}

// audit reads the database and runs every rule over it, as db does.
func audit(t testing.TB, lc *livedb.Conn, opts livedb.Options) (*analyzer.Result, *livedb.Snapshot) {
	t.Helper()
	snap, err := lc.Read(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	res, err := analyzer.Check(context.Background(), analyzer.Options{Database: snap.Catalog, Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	return res, snap
}

// found are the sequences a rule reports, each with its key.
func found(res *analyzer.Result, rule string) []string {
	var out []string
	for _, d := range res.Diagnostics {
		if d.Rule == rule {
			out = append(out, d.Subject.Sequence+" "+d.Subject.MaxKey)
		}
	}
	slices.Sort(out)
	return out
}

// truth are the sequences PostgreSQL's catalog says collide, each with its
// key, except those named in leave.
func truth(t testing.TB, db *pgtest.DB, leave ...string) []string {
	t.Helper()
	var out []string
	for _, c := range db.Collisions(t) {
		if !slices.Contains(leave, c.Sequence) {
			out = append(out, c.Sequence+" "+c.MaxKey)
		}
	}
	slices.Sort(out)
	return out
}

func compare(t testing.TB, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n  pgseqlint reports  %q\n  PostgreSQL reports %q", what, got, want)
	}
}

// TestAuditMatchesCatalog reads a database with a sequence of every shape
// and checks that db reports exactly the sequences the catalog says
// collide, each with the key it runs into.
func TestAuditMatchesCatalog(t *testing.T) {
	_, db := shapes(t)
	res, snap := audit(t, connect(t, db.ConnString("postgres")), livedb.Options{})
	want := truth(t, db)
	if len(want) < 12 {
		t.Fatalf("the shapes database should have a dozen collisions, PostgreSQL finds %q", want)
	}
	compare(t, "missing-setval", found(res, "missing-setval"), want)
	for _, d := range res.Diagnostics {
		if d.Span.File != snap.Catalog.Origin().Site.Span.File || d.Subject.Database != db.Name {
			t.Errorf("%s: %s: not placed in the database", d.Span, d.Message)
		}
	}
	var scanned []string
	for _, s := range snap.Scanned {
		scanned = append(scanned, s.Column.QualifiedName())
	}
	// An inheritance child and partitions have no index of their own on
	// id; the other tables have their primary key.
	slices.Sort(scanned)
	compare(t, "keys read without an index", scanned, []string{"public.child_t.id", "public.no_index.id", "public.part_eu.id", "public.part_us.id"})
}

// TestNarrowedAudit narrows the audit with --schema and --table, as a
// user of a big database does: exactly the collisions of the sequences
// that feed the selected tables are reported, and a selector that matches
// nothing is an error rather than a clean audit.
func TestNarrowedAudit(t *testing.T) {
	_, db := shapes(t)
	lc := connect(t, db.ConnString("postgres"))
	all := truth(t, db)
	only := func(prefixes ...string) []string {
		var out []string
		for _, c := range all {
			for _, p := range prefixes {
				if strings.HasPrefix(c, p) {
					out = append(out, c)
				}
			}
		}
		return out
	}
	for _, tc := range []struct {
		name string
		opts livedb.Options
		want []string
	}{
		{"schema", livedb.Options{Schemas: []string{"Sales Data"}}, only(`"Sales Data".`)},
		{"table pattern", livedb.Options{Tables: []string{"shared_*", "down_t"}}, only("public.shared_seq ", "public.down_seq ")},
		// The sequence lives in another schema than the table it feeds.
		{"table in public, sequence elsewhere", livedb.Options{Tables: []string{"public.uses_other"}}, only("seqs.other_id ")},
	} {
		if len(tc.want) == 0 {
			t.Fatalf("%s: the shapes database should have a collision there, PostgreSQL finds %q", tc.name, all)
		}
		res, _ := audit(t, lc, tc.opts)
		compare(t, tc.name, found(res, "missing-setval"), tc.want)
	}
	for _, tc := range []struct {
		opts livedb.Options
		want string
	}{
		{livedb.Options{Schemas: []string{"sales data"}}, `schema "sales data" does not exist in database`},
		{livedb.Options{Tables: []string{"public.nosuch*"}}, `matches "public.nosuch*"`},
	} {
		if _, err := lc.Read(context.Background(), tc.opts); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: got error %v, want one saying %s", tc.opts, err, tc.want)
		}
	}
}

// TestAuditAsRestrictedRole reads the database as a role with SELECT on
// every table but one, USAGE on every sequence and SELECT on all but two:
// the table it may not read, and the sequences whose position USAGE does
// not show (those not called yet, which hand out their last_value), are
// warnings that name them; everything else is reported as the catalog says.
func TestAuditAsRestrictedRole(t *testing.T) {
	c, db := shapes(t)
	c.CreateRole(t, "auditor_"+db.Name, "")
	role := "auditor_" + db.Name
	db.Exec(t, `GRANT USAGE ON SCHEMA seqs, "Sales Data" TO `+role+`;
GRANT SELECT ON ALL TABLES IN SCHEMA public, seqs, "Sales Data" TO `+role+`;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public, seqs, "Sales Data" TO `+role+`;
REVOKE SELECT ON secret FROM `+role+`;
REVOKE SELECT ON SEQUENCE not_called_id_seq, empty_t_id_seq FROM `+role)
	res, _ := audit(t, connect(t, db.ConnString(role)), livedb.Options{})
	var denied []string
	for _, d := range res.Diagnostics {
		if d.Rule == "permission-denied" {
			denied = append(denied, d.Subject.Sequence)
			if d.Severity != analyzer.SeverityWarning || !strings.Contains(d.Message, "GRANT") {
				t.Errorf("%s: %s", d.Severity, d.Message)
			}
		}
	}
	slices.Sort(denied)
	// not_called was set with is_called false, empty_t's was never used:
	// only SELECT shows where they start.
	compare(t, "permission-denied", denied, []string{"public.empty_t_id_seq", "public.not_called_id_seq", "public.secret_id_seq"})
	// With USAGE alone, a sequence not called yet is not checked.
	db.Exec(t, `REVOKE SELECT ON ALL SEQUENCES IN SCHEMA public, seqs, "Sales Data" FROM `+role)
	res, _ = audit(t, connect(t, db.ConnString(role)), livedb.Options{})
	notCalled := strings.Split(db.Exec(t, `SELECT format('%I.%I', schemaname, sequencename) FROM pg_sequences WHERE last_value IS NULL ORDER BY 1`), "\n")
	denied = nil
	for _, d := range res.Diagnostics {
		if d.Rule == "permission-denied" && d.Subject.Table == "" {
			denied = append(denied, d.Subject.Sequence)
		}
	}
	slices.Sort(denied)
	compare(t, "permission-denied with USAGE alone", denied, notCalled)
	compare(t, "missing-setval with USAGE alone", found(res, "missing-setval"), truth(t, db, append(notCalled, "public.secret_id_seq")...))
	compare(t, "missing-setval", found(res, "missing-setval"), truth(t, db, denied...))
}

// positions are where every sequence of the database stands.
func positions(t testing.TB, db *pgtest.DB) string {
	t.Helper()
	return db.Exec(t, `SELECT string_agg(format('%s %s %s', schemaname, sequencename, last_value), E'\n' ORDER BY schemaname, sequencename) FROM pg_sequences`)
}

// repair audits the database and repairs what missing-setval reports, as
// db --apply does.
func repair(t testing.TB, lc *livedb.Conn) []livedb.Change {
	t.Helper()
	res, snap := audit(t, lc, livedb.Options{})
	var seqs []string
	for _, d := range res.Diagnostics {
		if d.Rule == "missing-setval" {
			seqs = append(seqs, d.Subject.Sequence)
		}
	}
	changes, err := lc.Repair(context.Background(), snap.Catalog, seqs, livedb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return changes
}

// TestApply repairs the shapes database: afterwards PostgreSQL's catalog
// finds no collision but the one no setval can mend (a CYCLE sequence whose
// keys reach its limit), which the repair says it left colliding; a second
// repair changes nothing.
func TestApply(t *testing.T) {
	_, db := shapes(t)
	lc := connect(t, db.ConnString("postgres"))
	changes := repair(t, lc)
	var still []string
	for _, ch := range changes {
		if ch.Collision == nil || ch.SQL == "" {
			t.Errorf("%s: not repaired", ch.Sequence.QualifiedName())
		}
		if ch.Still {
			still = append(still, ch.Sequence.QualifiedName())
		}
		if name := ch.Sequence.QualifiedName(); name == "public.near_limit_id_seq" && ch.HasAfter {
			t.Errorf("%s hands out %d next: it should stand at its limit", name, ch.After)
		}
	}
	compare(t, "left colliding", still, []string{"public.cycle_full"})
	compare(t, "collisions after the repair", truth(t, db), []string{"public.cycle_full 10"})
	before := positions(t, db)
	for _, ch := range repair(t, lc) {
		if ch.Sequence.QualifiedName() != "public.cycle_full" {
			t.Errorf("the second repair moved %s", ch.Sequence.QualifiedName())
		}
	}
	if after := positions(t, db); after != before {
		t.Errorf("the second repair changed positions:\n%s\nto\n%s", before, after)
	}
}

// TestApplyWithConcurrentInserter repairs a sequence while another session
// inserts rows that take it, as fast as it can: none of them gets a key that
// is taken, before, during or after the repair.
func TestApplyWithConcurrentInserter(t *testing.T) {
	c := pgtest.Start(t)
	db := c.NewDatabase(t)
	// The keys leave a gap the sequence is handing out: the inserts go on
	// there until the repair moves it past 1000000.
	db.Exec(t, `CREATE TABLE busy (id serial PRIMARY KEY, at timestamptz DEFAULT clock_timestamp());
INSERT INTO busy (id) SELECT generate_series(1, 10);
INSERT INTO busy (id) VALUES (1000000);
SELECT setval('busy_id_seq', 10);`)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	inserter, err := pgconn.Connect(context.Background(), db.ConnString("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer inserter.Close(context.Background())
	inserts, failures := make(chan int), make(chan error, 1)
	go func() {
		n := 0
		for ctx.Err() == nil {
			_, err := inserter.Exec(context.Background(), "INSERT INTO busy DEFAULT VALUES").ReadAll()
			if err != nil {
				failures <- err
				break
			}
			n++
		}
		inserts <- n
	}()
	waitForRows(t, db, 50)
	changes := repair(t, connect(t, db.ConnString("postgres")))
	if len(changes) != 1 || changes[0].Collision == nil {
		t.Fatalf("the repair should move busy_id_seq: %+v", changes)
	}
	waitForRows(t, db, 100+countRows(t, db))
	stop()
	select {
	case err := <-failures:
		t.Fatalf("an insert failed: %v", err)
	case n := <-inserts:
		t.Logf("%d inserts, sequence moved from %d to %d", n, changes[0].Before, changes[0].After)
	}
	if got := db.Exec(t, "SELECT count(*) FROM busy WHERE id > 1000000"); got == "0" {
		t.Error("no insert took a key past the repaired sequence")
	}
	compare(t, "collisions after the repair", truth(t, db), nil)
}

func countRows(t testing.TB, db *pgtest.DB) int {
	n, _ := strconv.Atoi(db.Exec(t, "SELECT count(*) FROM busy"))
	return n
}

// waitForRows waits, for a few seconds at most, until busy holds n rows.
func waitForRows(t testing.TB, db *pgtest.DB, n int) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); countRows(t, db) < n; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("busy never reached %d rows", n)
		}
	}
}
