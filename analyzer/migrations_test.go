package analyzer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
	"github.com/pgseqlint/pgseqlint/analyzer/source"
)

// readSteps runs check on paths and returns its verdict and the steps it
// read, from its -v listing: "dir/file" for a whole file, "dir/file:3-9"
// for lines 3 to 9 of it.
func readSteps(t *testing.T, opts analyzer.Options) (verdict, steps []string) {
	t.Helper()
	var log bytes.Buffer
	opts.Verbose = &log
	verdict = verdictOf(t, opts)
	for _, line := range strings.Split(log.String(), "\n") {
		if step, ok := strings.CutPrefix(line, "  read "); ok {
			steps = append(steps, strings.Replace(step, ", lines ", ":", 1))
		}
	}
	return verdict, steps
}

// stepScript is the script of a step: the file, or the lines of it the
// step names, copied to a file of their own.
func stepScript(t *testing.T, step string) string {
	t.Helper()
	path, lines, ok := strings.Cut(step, ":")
	if !ok {
		return path
	}
	first, last, _ := strings.Cut(lines, "-")
	from, err1 := strconv.Atoi(first)
	to, err2 := strconv.Atoi(last)
	data, err := os.ReadFile(path)
	if err1 != nil || err2 != nil || err != nil {
		t.Fatalf("step %s: %v %v %v", step, err1, err2, err)
	}
	all := strings.SplitAfter(string(data), "\n")
	part := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(part, []byte(strings.Join(all[from-1:to], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	return part
}

func joinAll(dir string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = filepath.Join(dir, n)
	}
	return out
}

func sameList(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("%s:\n  pgseqlint read %q\n  the tool runs  %q", what, got, want)
	}
}

// TestMigrationDirectories runs each directory of testdata/migrations twice:
// through pgseqlint, and step by step into PostgreSQL. The steps are
// written out here from each tool's own rules (versions compared as
// numbers, down and undo files and sections left out, Flyway's repeatable
// migrations and callbacks after the versioned ones); pgseqlint must read
// exactly them, and find what PostgreSQL finds. In each directory the
// order matters: a later migration repairs a load of an earlier one, and
// what would repair the other load is not run.
func TestMigrationDirectories(t *testing.T) {
	c := pgtest.Start(t)
	cases := []struct {
		layout source.Layout
		steps  []string
	}{
		{source.LayoutGolangMigrate, []string{"1_create.up.sql", "2_seed.up.sql", "10_fix_a.up.sql"}},
		{source.LayoutGoose, []string{"1_create.sql:2-5", "2_seed.sql:1-4", "10_fix_a.sql:1-11"}},
		{source.LayoutDbmate, []string{
			"20240101000000_create.sql:1-4", "20240102000000_seed.sql:3-6",
			"20240103000000_fix_a.sql:1-2", "20240103000000_fix_a.sql:5-6",
		}},
		{source.LayoutFlyway, []string{
			"callbacks/beforeMigrate.sql", "V1__create.sql", "V1.2.9__seed.sql", "V1_2_10__fix_a.sql",
			"V2__fix_c.sql", "repeatable/R__seed_c_and_d.sql", "callbacks/afterMigrate__fix_d.sql",
		}},
		{source.LayoutDiesel, []string{
			"00000000000000_diesel_initial_setup/up.sql", "2024-01-02-000000_create/up.sql",
			"2024-01-03-000000_seed/up.sql", "2024-01-10-000000_fix_a/up.sql",
		}},
		{source.LayoutServerpod, []string{
			"20240101120000000/migration.sql", "20240102120000000-seed/migration.sql",
			"20240110120000000-fix-a/migration.sql",
		}},
		{source.LayoutPlain, []string{"1_create.sql", "2_seed.sql", "10_fix_a.sql"}},
	}
	for _, tc := range cases {
		t.Run(string(tc.layout), func(t *testing.T) {
			dir := filepath.Join("../testdata/migrations", string(tc.layout))
			steps := joinAll(dir, tc.steps)
			got, read := readSteps(t, analyzer.Options{Paths: []string{dir}})
			sameList(t, "steps", read, steps)
			// The layout, given, reads the same steps.
			_, given := readSteps(t, analyzer.Options{Paths: []string{dir}, Layout: tc.layout})
			sameList(t, "steps with --layout", given, steps)
			var scripts []string
			for _, s := range steps {
				scripts = append(scripts, stepScript(t, s))
			}
			checktest.Compare(t, string(tc.layout), got, truth(t, c, scripts...))
		})
	}
}
