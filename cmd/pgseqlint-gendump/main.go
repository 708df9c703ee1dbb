// Command pgseqlint-gendump writes a deterministic synthetic pg_dump of
// about the given size, for benchmarks anyone can reproduce:
//
//	go run ./cmd/pgseqlint-gendump -size 1800M -format copy >copy.sql
//	go run ./cmd/pgseqlint-gendump -size 300M -format inserts >inserts.sql
//	go run ./cmd/pgseqlint-gendump -size 300M -format rows-per-insert >rows.sql
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
	flag.Parse()
	if err := run(*size, *format, *rows, *seed); err != nil {
		fmt.Fprintf(os.Stderr, "pgseqlint-gendump: %v\n", err)
		os.Exit(2)
	}
}

func run(size, format string, rows int, seed uint64) error {
	n, err := analyzer.ParseSize(size)
	if err != nil {
		return err
	}
	f, err := dumpgen.ParseFormat(format)
	if err != nil {
		return err
	}
	return dumpgen.Write(os.Stdout, dumpgen.Options{Size: n, Format: f, RowsPerInsert: rows, Seed: seed})
}
