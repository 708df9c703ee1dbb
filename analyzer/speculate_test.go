package analyzer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
)

// TestSpeculationMatchesReference: reading runs of INSERTs on two cores
// finds what the reference path finds, read in place and streamed.
func TestSpeculationMatchesReference(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "runs.sql")
	if err := os.WriteFile(path, []byte(analyzer.SpeculationScript()), 0o644); err != nil {
		t.Fatal(err)
	}
	fast, reference := referenceReport(t, path)
	if fast != reference {
		t.Errorf("two cores and the reference path differ:\n%s\n%s", fast, reference)
	}
	// The planted findings: the fake keys inside strings do not count.
	for _, want := range []string{`keys up to 60001 were loaded into public.a.id`, `"statements": 60009`} {
		if !strings.Contains(reference, want) {
			t.Errorf("the reference report lacks %s:\n%s", want, reference)
		}
	}
}
