package report_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
	"github.com/pgseqlint/pgseqlint/analyzer/report"
	"github.com/pgseqlint/pgseqlint/rules"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// shopFiles are the several-file example: a schema, data that loads keys
// without moving two sequences, and a later script with a stale setval and
// a syntax error.
var shopFiles = []string{
	"../../testdata/examples/shop/schema.sql",
	"../../testdata/examples/shop/data.sql",
	"../../testdata/examples/shop/late fixes, 50%.sql",
}

const serverpodDump = "../../testdata/examples/serverpod/dump.sql"

// sharedFile finds a file of the shared folder that sits beside the
// repository (or beside the folder holding the worktree), skipping the test
// when there is none.
func sharedFile(t *testing.T, rel string) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		path := filepath.Join(dir, "shared", rel)
		if _, err := os.Stat(path); err == nil {
			return path
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skipf("no shared/%s beside the repository or above it", rel)
		}
		dir = parent
	}
}

// repoRoot is the source root of the tests: the repository.
func repoRoot(t *testing.T) report.SourceRoot {
	t.Helper()
	root, err := report.NewSourceRoot("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func sarifOf(t *testing.T, res *analyzer.Result, root report.SourceRoot) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := report.WriteSARIF(&out, res, rules.All(), root, report.Tool{Version: "v1.2.3", SemanticVersion: "1.2.3"}); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// sarifLog is what the tests read back of a SARIF log.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID               string
					ShortDescription struct{ Text string }
					FullDescription  struct{ Text string }
					Help             struct{ Text, Markdown string }
					HelpURI          string
				}
			}
		}
		Results []struct {
			RuleID    string
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI, URIBaseID string }
					Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
				}
			}
			PartialFingerprints map[string]string
			Fixes               []struct {
				ArtifactChanges []struct {
					ArtifactLocation struct{ URI, URIBaseID string }
					Replacements     []struct {
						DeletedRegion   struct{ StartLine, StartColumn, EndLine, EndColumn int }
						InsertedContent struct{ Text string }
					}
				}
			}
		}
	}
}

func readSARIF(t *testing.T, data []byte) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log
}

// TestSARIFSchema validates the output against the official SARIF 2.1.0
// schema, formats (URIs) included.
func TestSARIFSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schema, err := c.Compile(sharedFile(t, "schemas/sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	clean := filepath.Join(t.TempDir(), "clean.sql")
	if err := os.WriteFile(clean, []byte("CREATE TABLE t (id serial PRIMARY KEY);\nINSERT INTO t (id) VALUES (DEFAULT);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	outside, err := report.NewSourceRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		res   *analyzer.Result
		root  report.SourceRoot
		count int
	}{
		{"serverpod", checktest.Run(t, nil, serverpodDump), repoRoot(t), 1},
		{"several files", checktest.Run(t, nil, shopFiles...), repoRoot(t), 4},
		{"stdin", checktest.Run(t, strings.NewReader("CREATE TABLE t (id serial);\nINSERT INTO t VALUES (5);\n"), "-"), repoRoot(t), 1},
		{"clean", checktest.Run(t, nil, clean), repoRoot(t), 0},
		{"outside the root", checktest.Run(t, nil, shopFiles...), outside, 4},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := sarifOf(t, tc.res, tc.root)
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			log := readSARIF(t, out)
			if n := len(log.Runs[0].Results); n != tc.count {
				t.Errorf("%d results, want %d", n, tc.count)
			}
			for _, r := range log.Runs[0].Results {
				// Code scanning rejects a result without a location.
				if len(r.Locations) != 1 {
					t.Fatalf("%s: %d locations, want 1", r.RuleID, len(r.Locations))
				}
				a := r.Locations[0].PhysicalLocation.ArtifactLocation
				u, err := url.Parse(a.URI)
				if err != nil {
					t.Fatal(err)
				}
				if tc.name == "stdin" {
					if a.URI != "%3Cstdin%3E" || a.URIBaseID != "" || r.Locations[0].PhysicalLocation.Region.StartLine != 0 {
						t.Errorf("standard input is at %q (base %q, line %d), want %%3Cstdin%%3E with no base and no region", a.URI, a.URIBaseID, r.Locations[0].PhysicalLocation.Region.StartLine)
					}
					continue
				}
				if inRoot := tc.name != "outside the root"; inRoot != (a.URIBaseID == "%SRCROOT%" && !u.IsAbs()) || !inRoot && u.Scheme != "file" {
					t.Errorf("uri %q (base %q): want it relative to the root exactly when the file is inside it", a.URI, a.URIBaseID)
				}
			}
		})
	}
}

// TestSARIFRules checks the descriptors: one per rule, in order, within
// what code scanning shows (1024 characters for each description).
func TestSARIFRules(t *testing.T) {
	log := readSARIF(t, sarifOf(t, &analyzer.Result{}, repoRoot(t)))
	descriptors := log.Runs[0].Tool.Driver.Rules
	all := rules.All()
	if len(descriptors) != len(all) {
		t.Fatalf("%d descriptors for %d rules", len(descriptors), len(all))
	}
	for i, r := range all {
		d := descriptors[i]
		if d.ID != r.Name || d.ShortDescription.Text != r.Doc.Title || d.FullDescription.Text != r.Doc.Why {
			t.Errorf("descriptor %d is %q, want rule %s with its title and why", i, d.ID, r.Name)
		}
		if !strings.Contains(d.Help.Text, r.Doc.Why) || !strings.Contains(d.Help.Markdown, "```sql\n"+r.Doc.Good+"\n```") {
			t.Errorf("%s: help lacks the rule's documentation", r.Name)
		}
		if want := "https://github.com/pgseqlint/pgseqlint/blob/main/docs/rules/" + r.Name + ".md"; d.HelpURI != want {
			t.Errorf("%s: helpUri %q, want %q", r.Name, d.HelpURI, want)
		}
		if len(d.ShortDescription.Text) > 1024 || len(d.FullDescription.Text) > 1024 {
			t.Errorf("%s: a description is longer than code scanning shows (1024)", r.Name)
		}
	}
}

// TestSARIFFixesRestore asks PostgreSQL about the examples: restored as
// they are, the sequences behind their keys are the ones pgseqlint reports;
// with the fixes of the SARIF log applied to copies of the files, as a
// SARIF viewer would, there are none, and pgseqlint agrees.
func TestSARIFFixesRestore(t *testing.T) {
	c := pgtest.Start(t)
	for _, tc := range []struct {
		name  string
		files []string
		// failing is what the restore may print: the example's deliberate
		// syntax error.
		failing string
	}{
		{name: "serverpod", files: []string{serverpodDump}},
		{name: "several files", files: shopFiles, failing: `syntax error at or near "name"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			restore := func(files []string) []pgtest.Collision {
				db := c.NewDatabase(t)
				for _, f := range files {
					if stderr := db.Run(t, f); stderr != "" && (tc.failing == "" || !strings.Contains(stderr, tc.failing) || strings.Count(stderr, "ERROR:") != 1) {
						t.Fatalf("restoring %s: %s", filepath.Base(f), stderr)
					}
				}
				return db.Collisions(t)
			}
			before := checktest.Run(t, nil, tc.files...)
			found := map[string]bool{}
			for _, d := range before.Diagnostics {
				if d.Subject != nil {
					found[d.Subject.Sequence] = true
				}
			}
			truth := map[string]bool{}
			for _, col := range restore(tc.files) {
				truth[col.Sequence] = true
			}
			checktest.Compare(t, "before the fixes", slices.Sorted(maps.Keys(found)), slices.Sorted(maps.Keys(truth)))
			log := readSARIF(t, sarifOf(t, before, repoRoot(t)))
			// The copies keep their paths relative to the repository, so
			// that the log's relative URIs name them.
			dir := t.TempDir()
			copies := make([]string, len(tc.files))
			texts := map[string][]byte{}
			for i, f := range tc.files {
				rel, err := filepath.Rel("../..", f)
				if err != nil {
					t.Fatal(err)
				}
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				copies[i] = filepath.Join(dir, rel)
				texts[filepath.ToSlash(rel)] = data
			}
			insertions := map[string][]insertion{}
			fixes := 0
			for _, r := range log.Runs[0].Results {
				for _, f := range r.Fixes {
					for _, ch := range f.ArtifactChanges {
						if ch.ArtifactLocation.URIBaseID != "%SRCROOT%" {
							t.Fatalf("fix for %q outside the root", ch.ArtifactLocation.URI)
						}
						rel, err := url.PathUnescape(ch.ArtifactLocation.URI)
						if err != nil {
							t.Fatal(err)
						}
						for _, rep := range ch.Replacements {
							reg := rep.DeletedRegion
							if reg.StartLine != reg.EndLine || reg.StartColumn != reg.EndColumn {
								t.Fatalf("%s: replacement deletes %+v, want an insertion point", r.RuleID, reg)
							}
							insertions[rel] = append(insertions[rel], insertion{offset: offsetOf(t, texts[rel], reg.StartLine, reg.StartColumn), text: rep.InsertedContent.Text})
							fixes++
						}
					}
				}
			}
			if fixes == 0 {
				t.Fatal("the log has no fixes")
			}
			for rel, data := range texts {
				path := filepath.Join(dir, filepath.FromSlash(rel))
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, applyInsertions(data, insertions[rel]), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if got := restore(copies); len(got) != 0 {
				t.Errorf("PostgreSQL still finds collisions after the fixes: %+v", got)
			}
			for _, d := range checktest.Run(t, nil, copies...).Diagnostics {
				if d.Rule == "missing-setval" || d.Rule == "stale-setval" {
					t.Errorf("after the fixes: %s: %s", d.Span, d.Message)
				}
			}
		})
	}
}

type insertion struct {
	offset int
	text   string
}

// offsetOf turns a SARIF line and column (in characters) into a byte
// offset of text.
func offsetOf(t *testing.T, text []byte, line, col int) int {
	t.Helper()
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(text[off:], '\n')
		if i < 0 {
			t.Fatalf("no line %d", line)
		}
		off += i + 1
	}
	for c := 1; c < col; c++ {
		if off >= len(text) || text[off] == '\n' {
			t.Fatalf("no column %d on line %d", col, line)
		}
		_, size := utf8.DecodeRune(text[off:])
		off += size
	}
	return off
}

// applyInsertions makes the insertions, all at offsets of the original.
func applyInsertions(text []byte, ins []insertion) []byte {
	var out []byte
	last := 0
	for len(ins) > 0 {
		next := 0
		for i := range ins {
			if ins[i].offset < ins[next].offset {
				next = i
			}
		}
		out = append(append(out, text[last:ins[next].offset]...), ins[next].text...)
		last = ins[next].offset
		ins = append(ins[:next], ins[next+1:]...)
	}
	return append(out, text[last:]...)
}
