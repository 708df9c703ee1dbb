package main

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// loadsDump loads explicit keys into a serial column and never moves the
// sequence: one missing-setval at line 6 (the last load), whatever the bytes around it.
const loadsDump = "CREATE TABLE t (id serial PRIMARY KEY, v text);\n" +
	"COPY t (id, v) FROM stdin;\n" +
	"1\ta\n" +
	"7\tb\n" +
	"\\.\n" +
	"INSERT INTO t VALUES (9, 'c');\n"

var missingSetval = `(?m)^f\.sql:6:1: error: keys up to 9 were loaded into public\.t\.id, but nothing moves sequence public\.t_id_seq past them: it hands out 1 next \[missing-setval\]$`

// TestHostileInputs runs check on inputs that are broken, odd or not SQL
// at all: each ends in the one-line error or the finding it deserves,
// never in a panic or a hang.
func TestHostileInputs(t *testing.T) {
	random := make([]byte, 64<<10)
	r := rand.NewChaCha8([32]byte{1})
	r.Read(random)
	tests := []struct {
		name string
		// file is written to f.sql, which args name; nil writes nothing.
		file []byte
		args []string
		exit int
		// stdout and stderr must match (stderr, when given, is one line).
		stdout, stderr string
	}{
		{name: "empty file", file: []byte{}, exit: 0, stdout: `^0 errors, 0 warnings in 1 file \(0 statements\)\n$`},
		// Random bytes are no compressed format, so they are read as SQL:
		// syntax errors, escaped on the way to the terminal.
		{name: "binary", file: random, exit: 1, stdout: `\A(f\.sql:\d+:\d+: error: [^\n]* \[syntax-error\]\n    [^\x00-\x08\x0a-\x1f\x7f]*\n)+\d+ errors, `},
		{name: "NUL bytes", file: []byte(strings.Replace(loadsDump, "'c'", "'c\x00d'", 1)), exit: 1, stdout: missingSetval + `\n    INSERT INTO t VALUES \(9, 'c\\x00d'\);`},
		{name: "invalid UTF-8", file: []byte(strings.Replace(loadsDump, "'c'", "'\xff\xfe'", 1)), exit: 1, stdout: missingSetval},
		{name: "Latin-1 dump", file: []byte("SET client_encoding = 'LATIN1';\n" + strings.Replace(loadsDump, "\ta\n", "\tcaf\xe9\n", 1)), exit: 1,
			stdout: strings.Replace(missingSetval, `f\.sql:6:1`, `f\.sql:7:1`, 1)},
		{name: "CRLF line endings", file: []byte(strings.ReplaceAll(loadsDump, "\n", "\r\n")), exit: 1, stdout: missingSetval},
		{name: "byte-order mark", file: []byte("\ufeff" + loadsDump), exit: 1, stdout: missingSetval},
		{name: "COPY cut off before its end", file: []byte(strings.Split(loadsDump, "\\.")[0]), exit: 1,
			stdout: `(?m)^f\.sql:2:1: error: COPY data never ends with a line \\\. \(the input may be cut short\) \[malformed-copy\]$`},
		{name: "unterminated string", file: []byte("SELECT 1;\nSELECT 'abc;\n"), exit: 1, stdout: `(?m)^f\.sql:2:8: error: unterminated quoted string at or near "'abc;" \[syntax-error\]$`},
		{name: "unterminated dollar quote", file: []byte("SELECT 1;\nSELECT $x$ abc"), exit: 1, stdout: `(?m)^f\.sql:2:8: error: unterminated dollar-quoted string at or near "\$x\$ abc" \[syntax-error\]$`},
		{name: "unterminated comment", file: []byte("SELECT 1;\n/* abc"), exit: 1, stdout: `(?m)^f\.sql:2:1: error: unterminated /\* comment at or near "/\* abc" \[syntax-error\]$`},
		// The grammar's stack is bounded: bison gives up with its own
		// message, as the server does.
		{name: "deeply nested parentheses", file: []byte("SELECT " + strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000) + ";\n"), exit: 1,
			stdout: `(?m)^f\.sql:1:\d+: error: memory exhausted at or near "\(" \[syntax-error\]$`},
		{name: "statement over the limit", file: []byte(loadsDump + "SELECT '" + strings.Repeat("x", 5000) + "';\n"), args: []string{"check", "--max-statement-bytes", "4K", "f.sql"}, exit: 1,
			stdout: `(?m)^f\.sql:7:1: warning: statement of 5010 bytes is longer than --max-statement-bytes \(4096\): it was not parsed, so what it does is not checked \[statement-too-long\]$`},
		{name: "missing path", args: []string{"check", "nosuch.sql"}, exit: 2, stderr: `^pgseqlint: nosuch\.sql: no such file or directory$`},
		{name: "directory as the configuration", file: []byte(loadsDump), args: []string{"check", "--config", ".", "f.sql"}, exit: 2, stderr: `^pgseqlint: \. is a directory, not a regular file: not read$`},
		{name: "directory as the patch file", file: []byte(loadsDump), args: []string{"fix", "-o", ".", "f.sql"}, exit: 2, stderr: `^pgseqlint: \.: is a directory$`},
		{name: "directory with no scripts", args: []string{"check", "."}, exit: 2, stderr: `^pgseqlint: \.: no migration files to run \(plain layout\)$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			if tt.file != nil {
				if err := os.WriteFile("f.sql", tt.file, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			args := tt.args
			if args == nil {
				args = []string{"check", "f.sql"}
			}
			code, stdout, stderr := runCLI(args, nil)
			holdRun(t, code, stdout, stderr, tt.exit, tt.stdout, tt.stderr)
		})
	}
}

// TestUnreadableFile: a file without read permission is an error that
// names it.
func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file: run as another user to test an unreadable one")
	}
	t.Chdir(t.TempDir())
	if err := os.WriteFile("f.sql", []byte(loadsDump), 0o000); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI([]string{"check", "f.sql"}, nil)
	holdRun(t, code, stdout, stderr, 2, "", `^pgseqlint: f\.sql: permission denied$`)
}

// TestGigabyteLine reads a single line of 1 GiB from standard input: it is
// reported as too long to parse, the statements after it are checked, and
// memory stays far below the line's size.
func TestGigabyteLine(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("reads 1 GiB: a minute under -race, so .ci/run runs it without")
	}
	const size = 1 << 30
	stdin := io.MultiReader(
		strings.NewReader("CREATE TABLE t (id serial);\nSELECT '"),
		io.LimitReader(repeatReader('x'), size),
		strings.NewReader("';\nINSERT INTO t VALUES (5);\n"),
	)
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	code, stdout, stderr := runCLI([]string{"check", "-"}, stdin)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	want := `(?m)^<stdin>:2:1: warning: statement of 1073741834 bytes is longer than --max-statement-bytes \(67108864\): it was not parsed, so what it does is not checked \[statement-too-long\]$` +
		`[\s\S]*^<stdin>:3:1: error: keys up to 5 were loaded into public\.t\.id`
	holdRun(t, code, stdout, stderr, 1, want, "")
	// What the heap took from the system: the statement's first 64 MiB
	// and the read window, not the line.
	if grown := after.HeapSys - before.HeapSys; grown > 512<<20 {
		t.Errorf("the heap grew by %d MiB", grown>>20)
	}
}

type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

func runCLI(args []string, stdin io.Reader) (code int, stdout, stderr string) {
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errOut bytes.Buffer
	code = run(args, streams{in: stdin, out: &out, err: &errOut})
	return code, out.String(), errOut.String()
}

// holdRun holds a run to its exit status and output patterns; an error
// is one line.
func holdRun(t *testing.T, code int, stdout, stderr string, exit int, wantOut, wantErr string) {
	t.Helper()
	if code != exit {
		t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exit, stdout, stderr)
	}
	if i := strings.IndexFunc(stdout, func(r rune) bool { return r < ' ' && r != '\n' && r != '\t' || r == 0x7f }); i >= 0 {
		t.Errorf("stdout holds a control character at byte %d: %q", i, stdout[max(0, i-40):i+1])
	}
	if !regexp.MustCompile(wantOut).MatchString(stdout) {
		t.Errorf("stdout does not match %s:\n%.2000s", wantOut, stdout)
	}
	if wantErr == "" {
		wantErr = `^$`
	}
	if !regexp.MustCompile(wantErr).MatchString(strings.TrimSuffix(stderr, "\n")) {
		t.Errorf("stderr does not match %s:\n%s", wantErr, stderr)
	}
}
