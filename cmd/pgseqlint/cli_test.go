package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/golden"
)

// TestCLICases runs the cases in testdata/cli: each folder holds "args"
// (the command line, one argument per line), optionally "stdin" and "env"
// (NAME=value lines), and the expected "stdout", "stderr" and "exit"
// status. The command runs in the case's folder, outside any CI system
// unless "env" says otherwise. What the build says of its version (which
// depends on how the test binary was built: TestDescribeBuild holds each
// way), and the version the JSON and SARIF reports give, read {{version}}
// in the golden files.
func TestCLICases(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/cli/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no CLI cases: %v", err)
	}
	for _, dir := range dirs {
		dir, _ := filepath.Abs(dir)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			argText, err := os.ReadFile(filepath.Join(dir, "args"))
			if err != nil {
				t.Fatal(err)
			}
			args := strings.Split(strings.TrimRight(string(argText), "\n"), "\n")
			var stdin []byte
			if data, err := os.ReadFile(filepath.Join(dir, "stdin")); err == nil {
				stdin = data
			}
			t.Chdir(dir)
			t.Setenv("NO_COLOR", "")
			for _, name := range []string{"GITHUB_ACTIONS", "GITHUB_WORKSPACE", "CI_PROJECT_DIR"} {
				t.Setenv(name, "")
			}
			if env, err := os.ReadFile(filepath.Join(dir, "env")); err == nil {
				for _, line := range strings.Split(strings.TrimRight(string(env), "\n"), "\n") {
					name, value, _ := strings.Cut(line, "=")
					t.Setenv(name, value)
				}
			}
			var out, errOut bytes.Buffer
			code := run(args, streams{in: bytes.NewReader(stdin), out: &out, err: &errOut})
			b := currentVersion()
			stdout := bytes.ReplaceAll(out.Bytes(), []byte(b.String()), []byte("{{version}}"))
			stdout = bytes.ReplaceAll(stdout, []byte(`"version": "`+b.Version+`"`), []byte(`"version": "{{version}}"`))
			golden.Check(t, filepath.Join(dir, "stdout"), stdout)
			golden.Check(t, filepath.Join(dir, "stderr"), errOut.Bytes())
			golden.Check(t, filepath.Join(dir, "exit"), []byte(strconv.Itoa(code)+"\n"))
		})
	}
}
