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

// benchDumpKey names a generated dump.
type benchDumpKey struct {
	shape  dumpgen.Shape
	format dumpgen.Format
}

var (
	benchDumps   = map[benchDumpKey]string{}
	benchDumpsMu sync.Mutex
)

// benchDump writes a dump of a shape and format once and returns its path.
func benchDump(b *testing.B, shape dumpgen.Shape, format dumpgen.Format) (string, int64) {
	b.Helper()
	benchDumpsMu.Lock()
	defer benchDumpsMu.Unlock()
	key := benchDumpKey{shape, format}
	path, ok := benchDumps[key]
	if !ok {
		dir, err := os.MkdirTemp("", "pgseqlint-bench")
		if err != nil {
			b.Fatal(err)
		}
		path = filepath.Join(dir, fmt.Sprintf("dump-%s-%d.sql", shape, format))
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := dumpgen.Write(f, dumpgen.Options{Size: benchSize(), Format: format, Shape: shape}); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		benchDumps[key] = path
	}
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return path, info.Size()
}

// benchShapes runs a benchmark on a dump of each shape: the synthetic one
// of short rows, and the one shaped like an application's database.
func benchShapes(b *testing.B, format dumpgen.Format, run func(b *testing.B, path string)) {
	for _, shape := range []dumpgen.Shape{dumpgen.Synthetic, dumpgen.App} {
		b.Run(shape.String(), func(b *testing.B) {
			path, size := benchDump(b, shape, format)
			b.SetBytes(size)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				run(b, path)
			}
		})
	}
}

func benchmarkCheck(b *testing.B, format dumpgen.Format) {
	benchShapes(b, format, func(b *testing.B, path string) {
		res, err := analyzer.Check(context.Background(), analyzer.Options{Paths: []string{path}, Rules: rules.All()})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Diagnostics) != 2 {
			b.Fatalf("%d findings, want the 2 the generator plants", len(res.Diagnostics))
		}
	})
}

func BenchmarkCheckCopy(b *testing.B)          { benchmarkCheck(b, dumpgen.Copy) }
func BenchmarkCheckInserts(b *testing.B)       { benchmarkCheck(b, dumpgen.Inserts) }
func BenchmarkCheckColumnInserts(b *testing.B) { benchmarkCheck(b, dumpgen.ColumnInserts) }
func BenchmarkCheckRowsPerInsert(b *testing.B) { benchmarkCheck(b, dumpgen.RowsPerInsert) }

// benchmarkNaiveParse is the obvious approach the fast paths are measured
// against: every statement through the cgo parser.
func benchmarkNaiveParse(b *testing.B, format dumpgen.Format) {
	benchShapes(b, format, func(b *testing.B, path string) {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
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
	})
}

func BenchmarkNaiveParseInserts(b *testing.B)       { benchmarkNaiveParse(b, dumpgen.Inserts) }
func BenchmarkNaiveParseRowsPerInsert(b *testing.B) { benchmarkNaiveParse(b, dumpgen.RowsPerInsert) }

// TestFastPathsMatchReference: on every format of generated dump, the
// fast paths (INSERTs read in Go, COPY rows split across cores) find
// exactly what the reference path finds, every statement through the
// parser on one core.
func TestFastPathsMatchReference(t *testing.T) {
	for _, tc := range []struct {
		shape  dumpgen.Shape
		format dumpgen.Format
	}{
		{dumpgen.Synthetic, dumpgen.Copy}, {dumpgen.Synthetic, dumpgen.Inserts},
		{dumpgen.Synthetic, dumpgen.ColumnInserts}, {dumpgen.Synthetic, dumpgen.RowsPerInsert},
		{dumpgen.App, dumpgen.Copy}, {dumpgen.App, dumpgen.Inserts},
		{dumpgen.App, dumpgen.ColumnInserts}, {dumpgen.App, dumpgen.RowsPerInsert},
	} {
		shape, format := tc.shape, tc.format
		path := filepath.Join(t.TempDir(), "dump.sql")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		// Big enough that COPY blocks are split between cores, and that the
		// largest are read from the file after two windows of rows.
		size := int64(6 << 20)
		if format == dumpgen.Copy {
			size = 40 << 20
		}
		if err := dumpgen.Write(f, dumpgen.Options{Size: size, Format: format, Seed: 11, Shape: shape}); err != nil {
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
				t.Errorf("%s, format %d: %d findings, want the 2 the generator plants", shape, format, len(res.Diagnostics))
			}
			if err := report.WriteJSON(&reports[i], res, report.Tool{}); err != nil {
				t.Fatal(err)
			}
		}
		if reports[0].String() != reports[1].String() {
			t.Errorf("%s, format %d: the fast paths and the reference path differ:\n%s\n%s", shape, format, reports[0].String(), reports[1].String())
		}
	}
}
