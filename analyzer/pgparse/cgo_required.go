//go:build !cgo

package pgparse

// pgseqlint parses SQL with PostgreSQL's own parser, compiled from C by cgo
// (github.com/pganalyze/pg_query_go). This file is built only when cgo is
// off: CGO_ENABLED=0, or no C compiler on PATH, in which case Go turns cgo
// off by itself. It stops the build with an error whose text says why; the
// other errors that follow (undefined: pg.Parse) come from the same cause.
//
// To build pgseqlint, install a C compiler (gcc or clang) and build with
// CGO_ENABLED=1, or download a release binary.

var _ = pgseqlint_needs_cgo_and_a_C_compiler__install_gcc_or_clang_and_set_CGO_ENABLED_1
