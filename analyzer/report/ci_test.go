package report_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/report"
)

// gitlabIssue is what GitLab reads of a Code Quality issue.
type gitlabIssue struct {
	Description string `json:"description"`
	CheckName   string `json:"check_name"`
	Fingerprint string `json:"fingerprint"`
	Severity    string `json:"severity"`
	Location    struct {
		Path  string `json:"path"`
		Lines struct {
			Begin int `json:"begin"`
		} `json:"lines"`
	} `json:"location"`
}

func gitlabOf(t *testing.T, res *analyzer.Result, root report.SourceRoot) []gitlabIssue {
	t.Helper()
	var out bytes.Buffer
	if err := report.WriteGitLab(&out, res, root); err != nil {
		t.Fatal(err)
	}
	var issues []gitlabIssue
	dec := json.NewDecoder(&out)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&issues); err != nil {
		t.Fatalf("%v\n%s", err, out.Bytes())
	}
	if issues == nil {
		t.Fatalf("not an array: %s", out.Bytes())
	}
	return issues
}

// copyShop copies the several-file example into a new directory, with
// edit applied to each file, and checks it there with that directory as
// the source root.
func copyShop(t *testing.T, edit func(name string, data []byte) []byte) (*analyzer.Result, report.SourceRoot) {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for _, f := range shopFiles {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "db", filepath.Base(f))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, edit(filepath.Base(f), data), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	root, err := report.NewSourceRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	return checktest.Run(t, nil, paths...), root
}

// TestFingerprintsStable moves every finding down and loads more keys: the
// findings keep their fingerprints in SARIF and GitLab's report alike.
func TestFingerprintsStable(t *testing.T) {
	as, asRoot := copyShop(t, func(_ string, data []byte) []byte { return data })
	moved, movedRoot := copyShop(t, func(name string, data []byte) []byte {
		data = append([]byte("-- edited\n--\n\n"), data...)
		if name == "data.sql" {
			data = bytes.Replace(data, []byte("3\tJosé\n"), []byte("3\tJosé\n4\tAlan\n"), 1)
		}
		return data
	})
	if len(as.Diagnostics) != 4 || len(moved.Diagnostics) != 4 {
		t.Fatalf("%d and %d findings, want 4 each", len(as.Diagnostics), len(moved.Diagnostics))
	}
	for i := range as.Diagnostics {
		if as.Diagnostics[i].Span.Line == moved.Diagnostics[i].Span.Line {
			t.Fatalf("finding %d did not move", i)
		}
	}
	before, after := gitlabOf(t, as, asRoot), gitlabOf(t, moved, movedRoot)
	sarifBefore, sarifAfter := readSARIF(t, sarifOf(t, as, asRoot)), readSARIF(t, sarifOf(t, moved, movedRoot))
	for i := range before {
		if before[i].Fingerprint != after[i].Fingerprint {
			t.Errorf("%s: fingerprint changed from %s to %s", before[i].CheckName, before[i].Fingerprint, after[i].Fingerprint)
		}
		if s := sarifBefore.Runs[0].Results[i].PartialFingerprints; !slices.Contains(slices.Collect(maps.Values(s)), before[i].Fingerprint) {
			t.Errorf("%s: SARIF fingerprints %v lack GitLab's %s", before[i].CheckName, s, before[i].Fingerprint)
		}
		if b, a := sarifBefore.Runs[0].Results[i].PartialFingerprints, sarifAfter.Runs[0].Results[i].PartialFingerprints; !maps.Equal(b, a) {
			t.Errorf("%s: SARIF fingerprints changed from %v to %v", before[i].CheckName, b, a)
		}
	}
}

// TestGitLabReport checks the fields GitLab requires, and that identical
// findings stay apart: GitLab shows findings with one fingerprint as one.
func TestGitLabReport(t *testing.T) {
	script := "INSERT INTO t VALUES (1 'a');\nINSERT INTO t VALUES (1 'a');\nCREATE TABLE u (id serial);\nINSERT INTO u VALUES (9);\n"
	path := filepath.Join(t.TempDir(), "twice.sql")
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := report.NewSourceRoot(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	res := checktest.Run(t, nil, path)
	issues := gitlabOf(t, res, root)
	if len(issues) != 3 {
		t.Fatalf("%d issues, want 3: %+v", len(issues), issues)
	}
	seen := map[string]bool{}
	for i, is := range issues {
		d := res.Diagnostics[i]
		if is.Description != d.Message || is.CheckName != d.Rule || is.Location.Path != "twice.sql" || is.Location.Lines.Begin != d.Span.Line {
			t.Errorf("issue %+v does not describe %s: %s", is, d.Span, d.Message)
		}
		if !slices.Contains([]string{"info", "minor", "major", "critical", "blocker"}, is.Severity) {
			t.Errorf("severity %q is not one of GitLab's", is.Severity)
		}
		if is.Fingerprint == "" || seen[is.Fingerprint] {
			t.Errorf("fingerprint %q empty or repeated", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
	if got := gitlabOf(t, &analyzer.Result{}, root); len(got) != 0 {
		t.Errorf("no findings give %+v, want []", got)
	}
	var empty bytes.Buffer
	if err := report.WriteGitLab(&empty, &analyzer.Result{}, root); err != nil || strings.TrimSpace(empty.String()) != "[]" {
		t.Errorf("no findings give %q, %v; want []", empty.String(), err)
	}
}
