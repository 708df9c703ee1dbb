package livedb_test

import (
	"context"
	"slices"
	"strings"
	"testing"

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
