package analyzer_test

import (
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
		sp := analyzer.NewSplitter(path, f)
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
