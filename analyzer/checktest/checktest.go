// Package checktest holds what the tests of the analyzer, report and fix
// packages share: a check of paths with every rule, the comparison of
// pgseqlint's verdict with PostgreSQL's, and reading a file a test needs.
//
// Only tests import it.
package checktest

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/rules"
)

// Run checks the paths (standard input is stdin) with every rule.
func Run(t testing.TB, stdin io.Reader, paths ...string) *analyzer.Result {
	t.Helper()
	res, err := analyzer.Check(context.Background(), analyzer.Options{Paths: paths, Stdin: stdin, Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Compare fails the test when pgseqlint's list differs from PostgreSQL's.
func Compare(t testing.TB, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n  pgseqlint reports  %q\n  PostgreSQL reports %q", what, got, want)
	}
}

// ReadFile reads a file a test needs.
func ReadFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
