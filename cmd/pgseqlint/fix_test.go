package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const fixScript = `CREATE TABLE users (id serial PRIMARY KEY, name text);
COPY users (id, name) FROM stdin;
1	ada
7	grace
\.

CREATE TABLE notes (id bigserial, body text);
INSERT INTO notes VALUES (3, 'x');
`

func runFix(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(append([]string{"fix"}, args...), streams{in: strings.NewReader(""), out: &out, err: &errOut})
	return out.String(), errOut.String(), code
}

// TestFixWrite: -w makes the change -d shows, after which nothing is left
// to fix; the patch on standard output and the one -o writes are the same.
func TestFixWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "dump.sql")
	if err := os.WriteFile(path, []byte(fixScript), 0o600); err != nil {
		t.Fatal(err)
	}
	patch, _, code := runFix(t, path)
	if code != 0 || strings.Count(patch, "SELECT pg_catalog.setval(") != 2 {
		t.Fatalf("fix: exit %d\n%s", code, patch)
	}
	out := filepath.Join(dir, "fixup.sql")
	if _, stderr, code := runFix(t, "-o", out, path); code != 0 || readFile(out) != patch {
		t.Errorf("fix -o: exit %d %s\n%s", code, stderr, readFile(out))
	}
	diff, _, code := runFix(t, "-d", path)
	if code != 0 || !strings.HasPrefix(diff, "--- "+path+"\n+++ "+path+"\n@@ ") {
		t.Fatalf("fix -d: exit %d\n%s", code, diff)
	}
	if readFile(path) != fixScript {
		t.Fatal("fix -d changed the file")
	}
	if _, stderr, code := runFix(t, "-w", path); code != 0 {
		t.Fatalf("fix -w: exit %d %s", code, stderr)
	}
	var added []string
	for _, line := range strings.Split(diff, "\n") {
		if strings.HasPrefix(line, "+") && !strings.HasPrefix(line, "+++") {
			added = append(added, line[1:])
		}
	}
	rewritten := readFile(path)
	if want := strings.Replace(strings.Replace(fixScript, "\\.\n", "\\.\n"+strings.Join(added[:2], "\n")+"\n", 1),
		"(3, 'x');\n", "(3, 'x');\n"+strings.Join(added[2:], "\n")+"\n", 1); rewritten != want {
		t.Errorf("fix -w wrote\n%s\nwant\n%s", rewritten, want)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("fix -w changed the mode: %v %v", info.Mode(), err)
	}
	if again, _, code := runFix(t, path); code != 0 || again != "" {
		t.Errorf("fix after fix -w: exit %d\n%s", code, again)
	}
}

func TestFixOutputFails(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "dump.sql")
	if err := os.WriteFile(path, []byte(fixScript), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "missing", "fixup.sql")
	_, stderr, code := runFix(t, "-o", out, path)
	if code != 2 || !strings.HasPrefix(stderr, "pgseqlint: "+out+": cannot write a temporary file beside it: ") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// readFile reads a file; one that cannot be read reads as empty, which no
// test expects.
func readFile(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

// TestFixWriteSignal sends SIGTERM, then SIGINT, to fix -w while it writes
// the rewritten copy of a large file: the run ends with the status a shell
// gives the signal, and the directory holds the original alone, byte for
// byte, without the temporary file.
func TestFixWriteSignal(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The repair goes after the COPY, before 200 MB of comments that the
	// rewrite copies after it.
	var b strings.Builder
	b.WriteString(fixScript)
	line := "-- " + strings.Repeat("filler ", 20) + "\n"
	for b.Len() < 200<<20 {
		b.WriteString(line)
	}
	original := b.String()
	for _, tc := range []struct {
		sig  syscall.Signal
		exit int
	}{{syscall.SIGTERM, 143}, {syscall.SIGINT, 130}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "dump.sql")
			if err := os.WriteFile(path, []byte(original), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(exe, "fix", "-w", path)
			cmd.Env = append(os.Environ(), "PGSEQLINT_TEST_AS_CLI=1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Signalled once the temporary file exists.
			deadline := time.Now().Add(time.Minute)
			for len(dirNames(t, dir)) < 2 {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatal("no temporary file appeared within a minute")
				}
				time.Sleep(time.Millisecond)
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != tc.exit {
				t.Errorf("fix -w after %v: %v, want exit %d; stderr: %s", tc.sig, err, tc.exit, stderr.String())
			}
			if names := dirNames(t, dir); len(names) != 1 || names[0] != "dump.sql" {
				t.Errorf("the directory holds %q, want dump.sql alone", names)
			}
			if readFile(path) != original {
				t.Error("dump.sql changed")
			}
		})
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
