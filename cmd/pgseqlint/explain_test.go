package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/rules"
)

// TestExplainShowsFix holds explain to what fix does: for each rule whose
// example fix repairs, explain shows the statements `pgseqlint fix` writes
// for that example on standard input.
func TestExplainShowsFix(t *testing.T) {
	repaired := 0
	for _, r := range rules.All() {
		if r.Live {
			continue
		}
		var patch, errOut bytes.Buffer
		run([]string{"fix", "-"}, streams{in: strings.NewReader(r.Doc.Bad), out: &patch, err: &errOut})
		var explained bytes.Buffer
		if code := run([]string{"explain", r.Name}, streams{in: strings.NewReader(""), out: &explained, err: &errOut}); code != 0 {
			t.Fatalf("explain %s: exit %d: %s", r.Name, code, errOut.String())
		}
		for _, line := range strings.Split(patch.String(), "\n") {
			if strings.HasPrefix(line, "SELECT ") || strings.HasPrefix(line, "ALTER ") {
				repaired++
				if !strings.Contains(explained.String(), "\n    "+line+"\n") {
					t.Errorf("explain %s lacks what fix writes for its example:\n%s\n--- explain:\n%s", r.Name, line, explained.String())
				}
			}
		}
	}
	if repaired == 0 {
		t.Fatal("fix repaired none of the rules' examples")
	}
}
