package fix

import (
	"bytes"
	"errors"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestEditLinesDiff checks the rewrite and the diff of insertions at the
// edges of a file's lines against GNU diff -u of the file and the rewrite.
func TestEditLinesDiff(t *testing.T) {
	if _, err := osexec.LookPath("diff"); err != nil {
		t.Fatalf("diff -u is the judge: %v", err)
	}
	lines := func(n int) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			b.WriteString("SELECT " + strings.Repeat("x", i) + ";\n")
		}
		return b.String()
	}
	at := func(text, mark string) int64 { return int64(strings.Index(text, mark)) }
	twenty := lines(20)
	cases := []struct {
		name string
		text string
		// offsets of insertions, and the file as it must be after them
		offsets []int64
		want    string
	}{
		{"empty file", "", []int64{0}, "-- fix\nSELECT 1;\n"},
		{"at the start", "a;\n", []int64{0}, "-- fix\nSELECT 1;\na;\n"},
		{"after a line", "a;\nb;\n", []int64{2}, "a;\n-- fix\nSELECT 1;\nb;\n"},
		{"at the end", "a;\n", []int64{3}, "a;\n-- fix\nSELECT 1;\n"},
		{"no final line ending", "a;\nb;", []int64{5}, "a;\nb;\n-- fix\nSELECT 1;\n"},
		{"a comment follows", "a; -- why\nb;\n", []int64{2}, "a; -- why\n-- fix\nSELECT 1;\nb;\n"},
		{"a statement follows", "a; b;\nc;\n", []int64{2}, "a;\n-- fix\nSELECT 1;\n b;\nc;\n"},
		{"two on a line", "a; b; c;\n", []int64{2, 5}, "a;\n-- fix\nSELECT 1;\n b;\n-- fix\nSELECT 1;\n c;\n"},
		{"split and after", "a; b; -- c\n", []int64{2, 5}, "a;\n-- fix\nSELECT 1;\n b; -- c\n-- fix\nSELECT 1;\n"},
		{"start and split", "a;\nb; c;\n", []int64{3, 5}, "a;\n-- fix\nSELECT 1;\nb;\n-- fix\nSELECT 1;\n c;\n"},
		{"crlf", "a;\r\nb;\r\n", []int64{4}, "a;\r\n-- fix\r\nSELECT 1;\r\nb;\r\n"},
		{"inside a line ending", "a;\r\nb;\r", []int64{3, 7}, "a;\r\n-- fix\r\nSELECT 1;\r\nb;\r\n-- fix\r\nSELECT 1;\r\n"},
		{"same place twice", "a;\nb;\n", []int64{3, 3}, "a;\n-- fix\nSELECT 1;\n-- fix\nSELECT 1;\nb;\n"},
		{"six lines apart", twenty, []int64{at(twenty, "SELECT xxx;"), at(twenty, "SELECT xxxxxxxxx;")}, ""},
		{"seven lines apart", twenty, []int64{at(twenty, "SELECT xxx;"), at(twenty, "SELECT xxxxxxxxxx;")}, ""},
		{"near both ends", twenty, []int64{at(twenty, "SELECT xx;"), at(twenty, "SELECT xxxxxxxxxxxxxxxxxxx;")}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var ins []insertion
			for _, o := range tc.offsets {
				ins = append(ins, insertion{offset: o, lines: []string{"-- fix", "SELECT 1;"}})
			}
			var rewritten bytes.Buffer
			err := editLines(strings.NewReader(tc.text), ins, func(op byte, line []byte) error {
				if op != lineRemoved {
					rewritten.Write(line)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if tc.want != "" && rewritten.String() != tc.want {
				t.Errorf("rewritten:\n%q\nwant\n%q", rewritten.String(), tc.want)
			}
			var diff bytes.Buffer
			d := newUnifiedDiff(&diff, "f.sql")
			if err := editLines(strings.NewReader(tc.text), ins, d.line); err != nil {
				t.Fatal(err)
			}
			if err := d.close(); err != nil {
				t.Fatal(err)
			}
			if want := gnuDiff(t, tc.text, rewritten.String()); diff.String() != want {
				t.Errorf("diff:\n%s\ndiff -u:\n%s", diff.String(), want)
			}
		})
	}
}

func TestEditLinesShortFile(t *testing.T) {
	err := editLines(strings.NewReader("a;\n"), []insertion{{offset: 10}}, func(byte, []byte) error { return nil })
	if !errors.Is(err, errFileChanged) {
		t.Errorf("an insertion past the end: %v", err)
	}
}

func gnuDiff(t *testing.T, old, new string) string {
	t.Helper()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.WriteFile(a, []byte(old), 0o644)
	os.WriteFile(b, []byte(new), 0o644)
	out, err := osexec.Command("diff", "-u", "--label", "f.sql", "--label", "f.sql", a, b).Output()
	var exit *osexec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		t.Fatalf("diff: %v", err)
	}
	return string(out)
}
