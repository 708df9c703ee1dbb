package analyzer

import (
	"context"
	"io"
)

// Options says what to check and how.
type Options struct {
	// Paths are read in order as one script; "-" is Stdin.
	Paths []string
	Stdin io.Reader
	Rules []*Rule
}

// Result is what a run found.
type Result struct {
	Diagnostics []Diagnostic // sorted by file order, then position
	Files       int
	Statements  int
}

// Check reads the script and runs the rules over it.
func Check(ctx context.Context, opts Options) (*Result, error) {
	return &Result{}, nil
}
