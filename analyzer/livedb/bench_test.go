package livedb_test

import (
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/pgseqlint/pgseqlint/analyzer/livedb"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
)

// BenchmarkAudit audits a database of 5,000 tables (PGSEQLINT_BENCH_TABLES
// sets another number), each with its own sequence, each behind its keys:
// the catalog is read, then every key, then the rules run. The database is
// made once, in the test binary's cluster. It reports the round trips of
// one audit, which do not grow with the tables.
func BenchmarkAudit(b *testing.B) {
	n := 5000
	if s := os.Getenv("PGSEQLINT_BENCH_TABLES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	c := pgtest.Start(b)
	db := c.NewDatabase(b)
	start := time.Now()
	manyTables(b, db, n)
	b.Logf("%d tables made in %v", n, time.Since(start).Round(time.Second))
	conn := db.ConnString("postgres")
	b.ResetTimer()
	trips := 0
	for b.Loop() {
		lc, err := livedb.Connect(b.Context(), conn)
		if err != nil {
			b.Fatal(err)
		}
		res, _ := audit(b, lc, livedb.Options{})
		if got := len(found(res, "missing-setval")); got != n {
			b.Fatalf("%d findings, want %d", got, n)
		}
		trips = lc.RoundTrips()
		lc.Close()
	}
	b.ReportMetric(float64(trips), "round-trips/op")
	b.ReportMetric(float64(n), "tables")
}
