package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
)

// TestMain lets the test binary stand in for pgseqlint, for the tests of
// the GitHub Action's scripts.
func TestMain(m *testing.M) {
	if os.Getenv("PGSEQLINT_TEST_AS_CLI") == "1" {
		if f := os.Getenv("PGSEQLINT_TEST_RUNS"); f != "" {
			if log, err := os.OpenFile(f, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
				fmt.Fprintln(log, strings.Join(os.Args[1:], " "))
				log.Close()
			}
		}
		os.Exit(run(os.Args[1:], streams{in: os.Stdin, out: os.Stdout, err: os.Stderr}))
	}
	pgtest.Main(m)
}

// needTools skips a test when a tool the Action's scripts use is missing.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
}

// scriptPath is a script of .github/scripts.
func scriptPath(t *testing.T, name string) string {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("../../.github/scripts", name))
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// writeFile writes a file, making its folder.
func writeFile(t *testing.T, path, text string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
}

func readOrEmpty(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(data)
}

// actionRun is one run of a script as a step of the Action runs it.
type actionRun struct {
	stdout, stderr  string
	exit            int
	output, summary string // what it wrote to GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
	path            string // what it added to GITHUB_PATH
}

func runStep(t *testing.T, dir, script string, env ...string) actionRun {
	t.Helper()
	files := t.TempDir()
	cmd := exec.Command("bash", script)
	cmd.Dir = dir
	cmd.Env = append(environ("GITHUB_ACTIONS", "GITHUB_WORKSPACE", "CI_PROJECT_DIR", "NO_COLOR"),
		"GITHUB_OUTPUT="+filepath.Join(files, "output"),
		"GITHUB_STEP_SUMMARY="+filepath.Join(files, "summary"),
		"GITHUB_PATH="+filepath.Join(files, "path"),
		"RUNNER_TEMP="+t.TempDir())
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := actionRun{stdout: stdout.String(), stderr: stderr.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.exit = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	r.output = readOrEmpty(t, filepath.Join(files, "output"))
	r.summary = readOrEmpty(t, filepath.Join(files, "summary"))
	r.path = readOrEmpty(t, filepath.Join(files, "path"))
	return r
}

// TestActionCheck runs the Action's check step on a workspace whose paths
// hold blanks, with this test binary as pgseqlint.
func TestActionCheck(t *testing.T) {
	needTools(t, "bash", "jq")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	writeFile(t, filepath.Join(bin, "pgseqlint"), fmt.Sprintf("#!/bin/sh\nPGSEQLINT_TEST_AS_CLI=1 exec %q \"$@\"\n", exe), 0o755)

	ws := t.TempDir()
	dump, err := os.ReadFile("../../testdata/examples/serverpod/dump.sql")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(ws, "my db", "dump.sql"), string(dump), 0o644)
	writeFile(t, filepath.Join(ws, "données €", "dump.sql"), string(dump), 0o644)
	writeFile(t, filepath.Join(ws, "schema.sql"), "CREATE TABLE t (id serial PRIMARY KEY, name text);\n", 0o644)
	writeFile(t, filepath.Join(ws, "data.sql"), "INSERT INTO t (id, name) VALUES (5, 'x');\n", 0o644)
	writeFile(t, filepath.Join(ws, "conf dir", "pgseqlint.yaml"), "rules:\n  missing-setval: off\n", 0o644)

	const finding = "my db/dump.sql:216:1: error: keys up to 7 were loaded into public.serverpod_user_info.id"
	const annotation = "::error file=my db/dump.sql,line=216,col=1,endLine=216,endColumn=142,title=pgseqlint missing-setval::keys up to 7 were loaded"
	const row = "| error | `missing-setval` | [my db/dump.sql:216](https://github.com/pgseqlint/example/blob/0123abc/my%20db/dump.sql#L216) | keys up to 7 were loaded"
	const dataRow = "| error | `missing-setval` | [data.sql:1](https://github.com/pgseqlint/example/blob/0123abc/data.sql#L1) |"
	cases := []struct {
		name     string
		env      []string
		exit     int
		stdout   []string // lines of the log
		summary  []string
		sarif    string // the SARIF file asked for; "" for none
		results  int    // in it
		stderr   string
		runsWant int
	}{
		{
			name: "finding, SARIF file", env: []string{"PATHS=my db/dump.sql\n", "SARIF_FILE=out/pgseqlint report.sarif"},
			exit: 1, stdout: []string{finding, "    hint: SELECT pg_catalog.setval('public.serverpod_user_info_id_seq'", annotation},
			summary: []string{"### pgseqlint", "1 error, 0 warnings", row}, sarif: "out/pgseqlint report.sarif", results: 1,
		},
		{
			// SARIF's URIs are percent-encoded, UTF-8 bytes and all.
			name: "a path beyond ASCII", env: []string{"PATHS=données €/dump.sql\n"},
			exit: 1, stdout: []string{"données €/dump.sql:216:1: error: keys up to 7", "::error file=données €/dump.sql,line=216,col=1,"},
			summary: []string{"| error | `missing-setval` | [données €/dump.sql:216](https://github.com/pgseqlint/example/blob/0123abc/donn%C3%A9es%20%E2%82%AC/dump.sql#L216) |"},
		},
		{
			name: "fail-on never", env: []string{"PATHS=my db/dump.sql\n", "FAIL_ON=never"},
			exit: 0, stdout: []string{finding, annotation}, summary: []string{row},
		},
		{
			name: "patterns, one a line", env: []string{"PATHS=schema.sql\nmy db/*.sql\n"},
			exit: 1, stdout: []string{finding}, summary: []string{row},
		},
		{
			name: "paths on one line, read in order as one script", env: []string{"PATHS=schema.sql data.sql"},
			exit: 1, stdout: []string{"data.sql:1:1: error: keys up to 5"}, summary: []string{dataRow},
		},
		{
			name: "schema", env: []string{"PATHS=data.sql", "SCHEMA=schema.sql"},
			exit: 1, summary: []string{dataRow},
		},
		{
			name: "config with a blank in its path", env: []string{"PATHS=my db/dump.sql\n", "CONFIG=conf dir/pgseqlint.yaml"},
			exit: 0, summary: []string{"No findings."},
		},
		{
			name: "extra args", env: []string{"PATHS=my db/dump.sql\n", "ARGS=--disable\nmissing-setval\n"},
			exit: 0, summary: []string{"No findings."},
		},
		{
			name: "layout", env: []string{"PATHS=my db", "LAYOUT=no-such-tool"},
			exit: 2, summary: []string{"The check could not run (exit status 2)", "no-such-tool"}, stderr: "no-such-tool",
		},
		{
			name: "a file that is not there", env: []string{"PATHS=missing.sql"},
			exit: 2, summary: []string{"The check could not run (exit status 2)", "missing.sql"}, stderr: "missing.sql",
		},
		{
			name: "no paths", env: []string{"PATHS=\n \n"},
			exit: 2, stdout: []string{"::error title=pgseqlint::no paths to check"}, runsWant: -1,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			runs := filepath.Join(t.TempDir(), "runs")
			env := append([]string{
				"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"),
				"PGSEQLINT_TEST_RUNS=" + runs,
				"GITHUB_WORKSPACE=" + ws,
				"GITHUB_SERVER_URL=https://github.com", "GITHUB_REPOSITORY=pgseqlint/example", "GITHUB_SHA=0123abc",
			}, c.env...)
			if c.sarif != "" {
				os.MkdirAll(filepath.Join(ws, filepath.Dir(c.sarif)), 0o755)
			}
			r := runStep(t, ws, scriptPath(t, "action-check.sh"), env...)
			if r.exit != c.exit {
				t.Errorf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", r.exit, c.exit, r.stdout, r.stderr)
			}
			if c.runsWant >= 0 {
				if n := strings.Count(readOrEmpty(t, runs), "\n"); n != 1 {
					t.Errorf("pgseqlint ran %d times, want once", n)
				}
				if !strings.Contains(r.output, fmt.Sprintf("status=%d\n", c.exit)) {
					t.Errorf("outputs %q, want status=%d", r.output, c.exit)
				}
			}
			for _, want := range c.stdout {
				if !containsLine(r.stdout, want) {
					t.Errorf("no log line starting %q in\n%s", want, r.stdout)
				}
			}
			for _, want := range c.summary {
				if !strings.Contains(r.summary, want) {
					t.Errorf("the summary lacks %q:\n%s", want, r.summary)
				}
			}
			if c.stderr != "" && !strings.Contains(r.stderr, c.stderr) {
				t.Errorf("stderr lacks %q:\n%s", c.stderr, r.stderr)
			}
			if c.sarif != "" {
				var log struct {
					Runs []struct {
						Results []struct {
							Locations []struct {
								PhysicalLocation struct {
									ArtifactLocation struct{ URI string }
								}
							}
						}
					}
				}
				if err := json.Unmarshal([]byte(readOrEmpty(t, filepath.Join(ws, c.sarif))), &log); err != nil {
					t.Fatalf("%s: %v", c.sarif, err)
				}
				if len(log.Runs) != 1 || len(log.Runs[0].Results) != c.results {
					t.Fatalf("%s: %d runs, want 1 with %d results", c.sarif, len(log.Runs), c.results)
				}
				if uri := log.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != "my%20db/dump.sql" {
					t.Errorf("%s names %q, want my%%20db/dump.sql", c.sarif, uri)
				}
			}
		})
	}
}

func containsLine(text, prefix string) bool {
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, prefix) {
			return true
		}
	}
	return false
}

// TestActionInstall runs the Action's install step against releases laid
// out as GitHub serves them, in a folder: one good, and others whose
// checksums.txt or binary are not what they should be.
func TestActionInstall(t *testing.T) {
	needTools(t, "bash", "curl", "tar", "sha256sum")
	releases := t.TempDir()
	// release lays out a release for linux/amd64 whose binary prints line;
	// sum, when set, replaces the archive's checksum.
	release := func(version, line, sum string, listed bool) {
		name := "pgseqlint_" + strings.TrimPrefix(version, "v") + "_linux_amd64"
		var buf bytes.Buffer
		gz := gzip.NewWriter(&buf)
		tw := tar.NewWriter(gz)
		for _, f := range []struct {
			name, text string
			mode       int64
		}{
			{name + "/pgseqlint", "#!/bin/sh\necho '" + line + "'\n", 0o755},
			{name + "/README.md", "# pgseqlint\n", 0o644},
			{name + "/LICENSE", "Apache License\n", 0o644},
		} {
			tw.WriteHeader(&tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(f.text)), Typeflag: tar.TypeReg})
			tw.Write([]byte(f.text))
		}
		tw.Close()
		gz.Close()
		dir := filepath.Join(releases, version)
		writeFile(t, filepath.Join(dir, name+".tar.gz"), buf.String(), 0o644)
		h := sha256.Sum256(buf.Bytes())
		if sum == "" {
			sum = hex.EncodeToString(h[:])
		}
		other := strings.Repeat("ab", 32)
		sums := other + "  pgseqlint_" + strings.TrimPrefix(version, "v") + "_darwin_arm64.tar.gz\n"
		if listed {
			sums += sum + "  " + name + ".tar.gz\n"
		}
		writeFile(t, filepath.Join(dir, "checksums.txt"), sums, 0o644)
	}
	release("v1.2.3", "pgseqlint v1.2.3 (commit 0123456789ab, built 2026-12-05T10:00:00Z)", "", true)
	release("v1.2.4", "pgseqlint v1.2.4 (commit 0123456789ab, built 2026-12-05T10:00:00Z)", strings.Repeat("0", 64), true)
	release("v1.2.5", "pgseqlint v1.2.5", "", false)
	release("v1.2.6", "pgseqlint v9.9.9", "", true)

	actions := "/home/runner/work/_actions/pgseqlint/pgseqlint/"
	cases := []struct {
		name       string
		actionRef  string
		version    string
		exit       int
		build      bool
		installed  string // the version line of the binary put on PATH
		errMessage string
	}{
		{name: "the action at a release tag", actionRef: "v1.2.3", installed: "pgseqlint v1.2.3 (commit"},
		{name: "the version input, without its v", actionRef: "main", version: "1.2.3", installed: "pgseqlint v1.2.3 (commit"},
		{name: "the action at a branch", actionRef: "main", build: true},
		{name: "the action at a commit", actionRef: "0123456789abcdef0123456789abcdef01234567", build: true},
		{name: "a tag that is no version", actionRef: "v1", build: true},
		{name: "a tampered archive", actionRef: "v1.2.4", exit: 1, errMessage: "does not match checksums.txt"},
		{name: "an archive checksums.txt does not list", actionRef: "main", version: "v1.2.5", exit: 1, errMessage: "lists no pgseqlint_1.2.5_linux_amd64.tar.gz"},
		{name: "a binary of another version", actionRef: "v1.2.6", exit: 1, errMessage: "not pgseqlint v1.2.6"},
		{name: "a release that does not exist", actionRef: "v1.3.0", exit: 1, errMessage: "cannot download checksums.txt"},
		{name: "a version input that is no version", actionRef: "v1.2.3", version: "latest", exit: 1, errMessage: "is not a release"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runStep(t, t.TempDir(), scriptPath(t, "install-pgseqlint.sh"),
				"GITHUB_ACTION_PATH="+actions+c.actionRef,
				"PGSEQLINT_VERSION="+c.version,
				"PGSEQLINT_RELEASES=file://"+releases,
				"RUNNER_OS=Linux", "RUNNER_ARCH=X64")
			if r.exit != c.exit {
				t.Fatalf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", r.exit, c.exit, r.stdout, r.stderr)
			}
			if c.errMessage != "" {
				if !strings.Contains(r.stdout, "::error title=pgseqlint::") || !strings.Contains(r.stdout, c.errMessage) {
					t.Errorf("no error annotation saying %q:\n%s", c.errMessage, r.stdout)
				}
			}
			if got := strings.Contains(r.output, "build=true"); got != c.build {
				t.Errorf("outputs %q: build from source %v, want %v", r.output, got, c.build)
			}
			if c.installed == "" {
				if r.path != "" {
					t.Errorf("added %q to PATH, want nothing", r.path)
				}
				return
			}
			dirs := strings.Split(strings.TrimSpace(r.path), "\n")
			if len(dirs) != 1 || dirs[0] == "" {
				t.Fatalf("added %q to PATH, want one folder", r.path)
			}
			out, err := exec.Command(filepath.Join(dirs[0], "pgseqlint"), "version").Output()
			if err != nil || !strings.HasPrefix(string(out), c.installed) {
				t.Errorf("the pgseqlint installed says %q (%v), want %q...", out, err, c.installed)
			}
		})
	}
}
