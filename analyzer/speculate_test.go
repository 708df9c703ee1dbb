package analyzer_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
)

// TestSpeculationMatchesReference: reading runs of INSERTs on two cores
// finds what the reference path finds, in a file read in place and in one
// streamed through gzip.
func TestSpeculationMatchesReference(t *testing.T) {
	dir := t.TempDir()
	script := analyzer.SpeculationScript()
	plain := filepath.Join(dir, "runs.sql")
	if err := os.WriteFile(plain, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(script))
	zw.Close()
	compressed := filepath.Join(dir, "runs.sql.gz")
	if err := os.WriteFile(compressed, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{plain, compressed} {
		fast, reference := referenceReport(t, path)
		if fast != reference {
			t.Errorf("%s: two cores and the reference path differ:\n%s\n%s", path, fast, reference)
		}
		// The planted findings: the fake keys inside strings do not count.
		for _, want := range []string{`keys up to 60001 were loaded into public.a.id`, `"statements": 60009`} {
			if !strings.Contains(reference, want) {
				t.Errorf("%s: the reference report lacks %s:\n%s", path, want, reference)
			}
		}
	}
}
