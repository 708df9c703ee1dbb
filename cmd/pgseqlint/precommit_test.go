package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// preCommitHook is what pre-commit reads of a hook in .pre-commit-hooks.yaml.
type preCommitHook struct {
	ID            string
	Name          string
	Description   string
	Entry         string
	Args          []string
	Language      string
	Files         string
	RequireSerial bool  `yaml:"require_serial"`
	PassFilenames *bool `yaml:"pass_filenames"`
}

// run runs the hook as pre-commit does, on the files it would be given
// (their paths relative to the repository, in order), from the
// repository's top directory.
func (h preCommitHook) run(t *testing.T, files []string) (stdout, stderr string, code int) {
	t.Helper()
	entry := strings.Fields(h.Entry)
	if entry[0] != "pgseqlint" {
		t.Fatalf("hook %s runs %q, not pgseqlint", h.ID, h.Entry)
	}
	args := append(entry[1:], h.Args...)
	if h.PassFilenames == nil || *h.PassFilenames {
		match := regexp.MustCompile(h.Files)
		for _, f := range files {
			if match.MatchString(f) {
				args = append(args, f)
			}
		}
	}
	var out, errOut bytes.Buffer
	// pre-commit hands a hook no standard input to read.
	code = run(args, streams{in: strings.NewReader(""), out: &out, err: &errOut})
	return out.String(), errOut.String(), code
}

func readHooks(t *testing.T) map[string]preCommitHook {
	t.Helper()
	var hooks []preCommitHook
	readYAML(t, ".pre-commit-hooks.yaml", &hooks)
	byID := map[string]preCommitHook{}
	for _, h := range hooks {
		byID[h.ID] = h
	}
	return byID
}

// TestPreCommitHooksOnGit makes a git repository with a golang-migrate
// directory named by paths: in .pgseqlint.yaml, stages a new migration
// that loads keys into a table an earlier one creates, and runs each hook
// as pre-commit would. The project hook sees the finding, which needs the
// earlier migration; the per-file hook, given the staged file alone, does
// not. With every file (pre-commit --all-files: path order, 10_ before
// 1_), the per-file hook warns of the order it reads them in.
func TestPreCommitHooksOnGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	hooks := readHooks(t)
	project, perFile := hooks["pgseqlint"], hooks["pgseqlint-files"]
	if project.PassFilenames == nil || *project.PassFilenames || perFile.ID == "" {
		t.Fatalf("want hook pgseqlint with pass_filenames: false and hook pgseqlint-files: %+v", hooks)
	}
	repo := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Dir = repo
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	write := func(name, text string) {
		t.Helper()
		path := filepath.Join(repo, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	staged := func() []string {
		return strings.Fields(git("diff", "--cached", "--name-only"))
	}
	git("init", "-q")
	write(".pgseqlint.yaml", "paths: [db/migrations]\n")
	write("db/migrations/1_create.up.sql", "CREATE TABLE t (id serial PRIMARY KEY, v text);\n")
	write("db/migrations/1_create.down.sql", "DROP TABLE t;\n")
	git("add", ".")
	git("commit", "-q", "-m", "create t")
	write("db/migrations/2_seed.up.sql", "INSERT INTO t (id, v) VALUES (1, 'a'), (2, 'b');\n")
	git("add", "db/migrations/2_seed.up.sql")
	t.Chdir(repo)

	out, errOut, code := project.run(t, staged())
	if code != 1 || !strings.Contains(out, "db/migrations/2_seed.up.sql:1:1: error: keys up to 2 were loaded into public.t.id") {
		t.Errorf("hook pgseqlint on the staged migration: exit %d, want 1 and the finding in 2_seed.up.sql:\n%s%s", code, out, errOut)
	}
	// Alone, the migration loads a table it never creates: the per-file
	// hook cannot check its keys, and says so rather than pass.
	out, errOut, code = perFile.run(t, staged())
	if code != 1 || !strings.Contains(out, "db/migrations/2_seed.up.sql:1:1: error: INSERT loads 2 rows into t, a table the script never creates") {
		t.Errorf("hook pgseqlint-files on the staged migration alone: exit %d, want 1 and unknown-table (it cannot see table t):\n%s%s", code, out, errOut)
	}

	write("db/migrations/10_fix.up.sql", "SELECT setval('t_id_seq', 2);\n")
	git("add", ".")
	all := strings.Fields(git("ls-files"))
	out, errOut, code = project.run(t, all)
	if code != 0 {
		t.Errorf("hook pgseqlint with every migration: exit %d, want 0:\n%s%s", code, out, errOut)
	}
	_, errOut, _ = perFile.run(t, all)
	const warning = "pgseqlint: warning: golang-migrate runs these migrations in another order: read in the order given, 10_fix.up.sql, 1_create.down.sql, 1_create.up.sql, 2_seed.up.sql; golang-migrate runs 1_create.up.sql, 2_seed.up.sql, 10_fix.up.sql (give their directory to check them in its order)\n"
	if !strings.Contains(errOut, warning) {
		t.Errorf("hook pgseqlint-files with every file (%s): want the order warning\n%s, got\n%s", strings.Join(all, " "), warning, errOut)
	}
}
