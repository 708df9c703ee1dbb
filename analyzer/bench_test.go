package analyzer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/dumpgen"
	"github.com/pgseqlint/pgseqlint/analyzer/pgparse"
	"github.com/pgseqlint/pgseqlint/analyzer/report"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
	"github.com/pgseqlint/pgseqlint/rules"
)

// benchSize is the size of the generated dumps the benchmarks read:
// PGSEQLINT_BENCH_MB megabytes, 64 by default.
func benchSize() int64 {
	if mb, err := strconv.Atoi(os.Getenv("PGSEQLINT_BENCH_MB")); err == nil && mb > 0 {
		return int64(mb) << 20
	}
	return 64 << 20
}

var (
	benchDumps   = map[dumpgen.Format]string{}
	benchDumpsMu sync.Mutex
)

// benchDump writes a synthetic dump once per format and returns its path.
func benchDump(b *testing.B, format dumpgen.Format) (string, int64) {
	b.Helper()
	benchDumpsMu.Lock()
	defer benchDumpsMu.Unlock()
	path, ok := benchDumps[format]
	if !ok {
		dir, err := os.MkdirTemp("", "pgseqlint-bench")
		if err != nil {
			b.Fatal(err)
		}
		path = filepath.Join(dir, fmt.Sprintf("dump-%d.sql", format))
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := dumpgen.Write(f, dumpgen.Options{Size: benchSize(), Format: format}); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		benchDumps[format] = path
	}
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return path, info.Size()
}

func benchmarkCheck(b *testing.B, format dumpgen.Format) {
	path, size := benchDump(b, format)
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := analyzer.Check(context.Background(), analyzer.Options{Paths: []string{path}, Rules: rules.All()})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Diagnostics) != 2 {
			b.Fatalf("%d findings, want the 2 the generator plants", len(res.Diagnostics))
		}
	}
}

func BenchmarkCheckCopy(b *testing.B)          { benchmarkCheck(b, dumpgen.Copy) }
func BenchmarkCheckInserts(b *testing.B)       { benchmarkCheck(b, dumpgen.Inserts) }
func BenchmarkCheckColumnInserts(b *testing.B) { benchmarkCheck(b, dumpgen.ColumnInserts) }
func BenchmarkCheckRowsPerInsert(b *testing.B) { benchmarkCheck(b, dumpgen.RowsPerInsert) }

// benchmarkNaiveParse is the obvious approach the fast paths are measured
// against: every statement through the cgo parser.
func benchmarkNaiveParse(b *testing.B, format dumpgen.Format) {
	path, size := benchDump(b, format)
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		sp := script.NewSplitter(path, f)
		for {
			st, err := sp.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			pgparse.Parse(string(st.Text))
		}
		f.Close()
	}
}

func BenchmarkNaiveParseInserts(b *testing.B)       { benchmarkNaiveParse(b, dumpgen.Inserts) }
func BenchmarkNaiveParseRowsPerInsert(b *testing.B) { benchmarkNaiveParse(b, dumpgen.RowsPerInsert) }

// TestFastPathsMatchReference: on every format of generated dump, the
// fast paths (INSERTs read in Go, COPY rows split across cores) find
// exactly what the reference path finds, every statement through the
// parser on one core.
func TestFastPathsMatchReference(t *testing.T) {
	for _, format := range []dumpgen.Format{dumpgen.Copy, dumpgen.Inserts, dumpgen.ColumnInserts, dumpgen.RowsPerInsert} {
		path := filepath.Join(t.TempDir(), "dump.sql")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		// Big enough that COPY blocks are split between cores.
		if err := dumpgen.Write(f, dumpgen.Options{Size: 6 << 20, Format: format, Seed: 11}); err != nil {
			t.Fatal(err)
		}
		f.Close()
		var reports [2]bytes.Buffer
		for i, reference := range []bool{false, true} {
			res, err := analyzer.Check(context.Background(), analyzer.Options{Paths: []string{path}, Rules: rules.All(), Reference: reference})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Diagnostics) != 2 {
				t.Errorf("format %d: %d findings, want the 2 the generator plants", format, len(res.Diagnostics))
			}
			if err := report.WriteJSON(&reports[i], res, report.Tool{}); err != nil {
				t.Fatal(err)
			}
		}
		if reports[0].String() != reports[1].String() {
			t.Errorf("format %d: the fast paths and the reference path differ:\n%s\n%s", format, reports[0].String(), reports[1].String())
		}
	}
}
