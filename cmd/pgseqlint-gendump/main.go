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
	"strconv"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer/dumpgen"
)

func main() {
	size := flag.String("size", "100M", "approximate size: bytes, or with a K, M or G suffix")
	format := flag.String("format", "copy", "copy, inserts or rows-per-insert")
	rows := flag.Int("rows-per-insert", 100, "rows per INSERT for -format rows-per-insert")
	seed := flag.Uint64("seed", 1, "varies the data; the same flags always write the same bytes")
	flag.Parse()
	if err := run(*size, *format, *rows, *seed); err != nil {
		fmt.Fprintf(os.Stderr, "pgseqlint-gendump: %v\n", err)
		os.Exit(2)
	}
}

func run(size, format string, rows int, seed uint64) error {
	n, err := parseSize(size)
	if err != nil {
		return err
	}
	f, err := dumpgen.ParseFormat(format)
	if err != nil {
		return err
	}
	return dumpgen.Write(os.Stdout, dumpgen.Options{Size: n, Format: f, RowsPerInsert: rows, Seed: seed})
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return n * mult, nil
}
