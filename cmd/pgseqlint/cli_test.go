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
// (the command line, one argument per line), optionally "stdin", and the
// expected "stdout", "stderr" and "exit" status. The command runs in the
// case's folder.
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
			var out, errOut bytes.Buffer
			code := run(args, streams{in: bytes.NewReader(stdin), out: &out, err: &errOut})
			golden.Check(t, filepath.Join(dir, "stdout"), out.Bytes())
			golden.Check(t, filepath.Join(dir, "stderr"), errOut.Bytes())
			golden.Check(t, filepath.Join(dir, "exit"), []byte(strconv.Itoa(code)+"\n"))
		})
	}
}
