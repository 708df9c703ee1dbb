package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// goTool is the go command of the toolchain running the tests.
func goTool(t *testing.T) string {
	t.Helper()
	if path, err := exec.LookPath("go"); err == nil {
		return path
	}
	path := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no go command: %v", err)
	}
	return path
}

// environ is the environment without the named variables.
func environ(drop ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !slices.Contains(drop, name) {
			env = append(env, kv)
		}
	}
	return env
}

// TestBuildWithoutCgo builds the command with cgo off, as a machine without
// a C compiler does, and expects the first error to say what is missing.
func TestBuildWithoutCgo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds pgseqlint's dependencies without cgo: not in -short mode")
	}
	goCmd := goTool(t)
	// Without CGO_ENABLED, go turns cgo off when it finds no C compiler:
	// a PATH that holds only the go command shows it.
	goDir := filepath.Dir(goCmd)
	cases := []struct {
		name string
		env  []string
	}{
		{"CGO_ENABLED=0", []string{"CGO_ENABLED=0"}},
		{"no C compiler on PATH", []string{"PATH=" + goDir}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if strings.HasPrefix(c.env[0], "PATH=") {
				for _, cc := range []string{"gcc", "clang", "cc"} {
					if _, err := os.Stat(filepath.Join(goDir, cc)); err == nil {
						t.Skipf("%s is beside the go command", cc)
					}
				}
			}
			cmd := exec.Command(goCmd, "build", "-buildvcs=false", "-o", filepath.Join(t.TempDir(), "pgseqlint"), "./cmd/pgseqlint")
			cmd.Dir = "../.."
			cmd.Env = append(environ("CGO_ENABLED", "CC", "PATH"), c.env...)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the build succeeded without cgo:\n%s", out)
			}
			var first string
			for _, line := range strings.Split(string(out), "\n") {
				if line != "" && !strings.HasPrefix(line, "#") {
					first = line
					break
				}
			}
			if !strings.Contains(first, "needs_cgo_and_a_C_compiler") || !strings.Contains(first, "gcc_or_clang") {
				t.Errorf("the first error does not name the C compiler: %q\n%s", first, out)
			}
		})
	}
}
