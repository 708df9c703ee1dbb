package analyzer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
	"github.com/pgseqlint/pgseqlint/rules"
)

// TestIncludes follows \i and \ir as psql does, and names the included
// file in findings: psql runs the same script from the same directory.
func TestIncludes(t *testing.T) {
	c := pgtest.Start(t)
	t.Chdir("../testdata/include")
	got, read := readSteps(t, analyzer.Options{Paths: []string{"main.sql"}})
	sameList(t, "files", read, []string{
		"main.sql", `parts/load.sql (\ir at main.sql:4:1)`, `parts/more.sql (\ir at parts/load.sql:2:1)`,
		`parts/fix_a.sql (\i at main.sql:5:1)`,
	})
	checktest.Compare(t, "includes", got, truth(t, c, "main.sql"))
	res, err := analyzer.Check(context.Background(), analyzer.Options{Paths: []string{"main.sql"}, Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Span.String() != "parts/more.sql:2:1" {
		t.Errorf("want one finding at parts/more.sql:2:1, got %v", res.Diagnostics)
	}
	// From standard input, \ir names files from the current directory.
	_, read = readSteps(t, analyzer.Options{Paths: []string{"-"}, Stdin: strings.NewReader("\\ir parts/more.sql\n")})
	sameList(t, "files from standard input", read, []string{"<stdin>", `parts/more.sql (\ir at <stdin>:1:1)`})
}

// TestIncludeErrors: an include that cannot be followed stops the run with
// the place of the command, and a loop with its chain.
func TestIncludeErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("loop_a.sql", "SELECT 1;\n\\ir loop_b.sql\n")
	write("loop_b.sql", "\\ir loop_a.sql\n")
	write("self.sql", "\\ir 'self.sql'\n")
	write("missing.sql", "SELECT 1;\n\\ir nowhere.sql\n")
	write("bare.sql", "\\i\n")
	write("folder.sql", "\\ir .\n")
	in := func(name string) string { return filepath.Join(dir, name) }
	for _, tc := range []struct{ file, want string }{
		{"loop_a.sql", in("loop_b.sql") + `:1:1: \ir: include loop: ` + in("loop_a.sql") + " -> " + in("loop_b.sql") + " -> " + in("loop_a.sql")},
		{"self.sql", in("self.sql") + `:1:1: \ir: include loop: ` + in("self.sql") + " -> " + in("self.sql")},
		{"missing.sql", in("missing.sql") + `:2:1: \ir: ` + in("nowhere.sql") + ": no such file or directory"},
		{"bare.sql", in("bare.sql") + `:1:1: \i: missing required argument`},
		{"folder.sql", in("folder.sql") + `:1:1: \ir: ` + dir + ": is a directory"},
	} {
		_, err := analyzer.Check(context.Background(), analyzer.Options{Paths: []string{in(tc.file)}, Rules: rules.All()})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got error %v, want %q", tc.file, err, tc.want)
		}
	}
}
