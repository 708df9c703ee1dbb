// Command pgseqlint-gendump writes a deterministic pg_dump of about the
// given size, for benchmarks anyone can reproduce: of three tables of short
// rows (-shape synthetic), or of five shaped like an application's
// (-shape app: users, orders, events with escaped multibyte payloads,
// items, and a wide table with a jsonb column):
//
//	go run ./cmd/pgseqlint-gendump -size 1800M -format copy >copy.sql
//	go run ./cmd/pgseqlint-gendump -size 300M -format inserts >inserts.sql
//	go run ./cmd/pgseqlint-gendump -size 300M -format rows-per-insert >rows.sql
//	go run ./cmd/pgseqlint-gendump -shape app -size 1800M -format copy >app-copy.sql
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/dumpgen"
)

func main() {
	size := flag.String("size", "100M", "approximate size: bytes, or with a K, M or G suffix")
	format := flag.String("format", "copy", "copy, inserts, column-inserts or rows-per-insert")
	rows := flag.Int("rows-per-insert", 100, "rows per INSERT for -format rows-per-insert")
	seed := flag.Uint64("seed", 1, "varies the data; the same flags always write the same bytes")
	shape := flag.String("shape", "synthetic", "synthetic or app")
	flag.Parse()
	if err := run(*size, *format, *shape, *rows, *seed); err != nil {
		fmt.Fprintf(os.Stderr, "pgseqlint-gendump: %v\n", err)
		os.Exit(2)
	}
}

func run(size, format, shape string, rows int, seed uint64) error {
	n, err := analyzer.ParseSize(size)
	if err != nil {
		return err
	}
	f, err := dumpgen.ParseFormat(format)
	if err != nil {
		return err
	}
	s, err := dumpgen.ParseShape(shape)
	if err != nil {
		return err
	}
	return dumpgen.Write(os.Stdout, dumpgen.Options{Size: n, Format: f, RowsPerInsert: rows, Seed: seed, Shape: s})
}
