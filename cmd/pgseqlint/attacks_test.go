package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"

	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
)

// secret stands for what a runner holds outside the project (a token in
// the environment, a key): no output may ever show it.
const secret = "SECRET_TOKEN=hunter2"

// attack is one way a pull request can try to make pgseqlint leak, inject
// or run away, made small.
type attack struct {
	name string
	// setup writes the project into the current directory, the project
	// root; ../secret.txt, outside it, holds secret.
	setup func(t *testing.T)
	args  []string
	env   []string // NAME=value, set for the run
	exit  int
	// line is the one line, in stdout or stderr, that says what happened.
	line string
	// took and heap bound the run: its time, and how far the Go heap grew.
	took time.Duration
	heap uint64
	// formats, when set, runs the attack in every output format, and
	// holds each to the same exit status without the secret or an
	// injected workflow command.
	formats bool
}

// TestAttacks runs each attack a hostile pull request can make on
// pgseqlint in CI: reading files outside the project, injecting CI
// workflow commands or terminal sequences, writing where it must not, and
// small inputs that would take unbounded time or memory. Each ends in a
// finding or a one-line error, within its bounds, and no output shows the
// secret or starts a line with a workflow command a test input wrote.
func TestAttacks(t *testing.T) {
	slow := time.Duration(1)
	if raceDetector {
		slow = 10
	}
	attacks := []attack{
		{name: "include of /proc/self/environ", setup: writes("f.sql", "CREATE TABLE t (id serial);\n\\i /proc/self/environ\n"),
			exit: 1, line: `^f\.sql:2:1: error: \\i: /proc/self/environ is outside the project root .*: not read \[outside-root\]$`, took: time.Second, heap: 8 << 20, formats: true},
		{name: "include of a file outside the root", setup: writes("f.sql", "\\ir ../secret.txt\n"),
			exit: 1, line: `^f\.sql:1:1: error: \\ir: \.\./secret\.txt is outside the project root .*: not read \[outside-root\]$`, took: time.Second, heap: 8 << 20, formats: true},
		{name: "migration that links out of the root", setup: links("f.sql", "../secret.txt"), args: []string{"check", "."},
			exit: 2, line: `^pgseqlint: f\.sql leads to .*/secret\.txt, outside the project root .*: not read$`, took: time.Second, heap: 8 << 20, formats: true},
		{name: "-Fd data file named by a path", setup: directoryArchive("../secret.txt"), args: []string{"check", "dir"},
			exit: 1, line: `^dir: TOC entry 3383 \(TABLE DATA public\.copied\):1:1: error: \.\./secret\.txt is outside the archive directory dir: not read \[outside-root\]$`, took: time.Second, heap: 16 << 20, formats: true},
		{name: "-Fd data file that is a link", setup: directoryArchive(""), args: []string{"check", "dir"},
			exit: 1, line: `^dir: TOC entry 3383 \(TABLE DATA public\.copied\):1:1: error: dir/3383\.dat leads to .*/secret\.txt, outside the archive directory .*: not read \[outside-root\]$`, took: time.Second, heap: 16 << 20, formats: true},
		{name: "include of /dev/zero", setup: writes("f.sql", "\\i /dev/zero\n"),
			exit: 1, line: `^f\.sql:1:1: error: \\i: /dev/zero is outside the project root .*: not read \[outside-root\]$`, took: time.Second, heap: 8 << 20},
		{name: "migration linked to /dev/zero", setup: links("f.sql", "/dev/zero"),
			exit: 1, line: `^f\.sql:1:1: error: f\.sql leads to /dev/zero, outside the project root .*: not read \[outside-root\]$`, took: time.Second, heap: 8 << 20},
		{name: "configuration linked to /dev/zero", setup: both(writes("f.sql", loadsDump), links(".pgseqlint.yaml", "/dev/zero")),
			exit: 2, line: `^pgseqlint: \.pgseqlint\.yaml: leads to /dev/zero, outside its directory: not read$`, took: time.Second, heap: 8 << 20},
		{name: "configuration too large", setup: both(writes("f.sql", loadsDump), writes(".pgseqlint.yaml", "# "+strings.Repeat("x", 2<<20)+"\n")),
			exit: 2, line: `^pgseqlint: \.pgseqlint\.yaml: larger than 1048576 bytes: not read$`, took: time.Second, heap: 8 << 20},
		{name: "workflow command in a file name", setup: writes("1_x\n::warning file=README.md,line=1::INJECTED\n.sql", "SELECT 1 +;\n"), args: []string{"check", "."}, env: []string{"GITHUB_ACTIONS=true"},
			exit: 1, line: `^1_x\\x0a::warning file=README\.md,line=1::INJECTED\\x0a\.sql:1:11: error: syntax error at or near ";" \[syntax-error\]$`, took: time.Second, heap: 8 << 20, formats: true},
		{name: "workflow command in a table name", setup: writes("f.sql", "CREATE TABLE \"a\n::error::INJECTED-HINT\n\" (id serial);\nINSERT INTO \"a\n::error::INJECTED-HINT\n\" VALUES (5);\n"), env: []string{"GITHUB_ACTIONS=true"},
			exit: 1, line: `^f\.sql:4:1: error: keys up to 5 were loaded into public\."a\\x0a::error::INJECTED-HINT\\x0a"\.id, .* \[missing-setval\]$`, took: time.Second, heap: 8 << 20, formats: true},
		{name: "terminal sequence in a table name", setup: writes("f.sql", "CREATE TABLE \"\x1b]0;owned\x07\x1b[2J\" (id serial);\nINSERT INTO \"\x1b]0;owned\x07\x1b[2J\" VALUES (5);\n"),
			exit: 1, line: `^f\.sql:2:1: error: keys up to 5 were loaded into public\."\\x1b\]0;owned\\x07\\x1b\[2J"\.id, .* \[missing-setval\]$`, took: time.Second, heap: 8 << 20, formats: true},
		{name: "fix -o onto its input", setup: writes("f.sql", loadsDump), args: []string{"fix", "-o", "f.sql", "f.sql"},
			exit: 2, line: `^pgseqlint: f\.sql: is an input of this run, which the patch would replace: write the patch elsewhere, or use -w$`, took: time.Second, heap: 8 << 20},
		{name: "fix -o onto a link to its input", setup: both(writes("f.sql", loadsDump), links("out.sql", "f.sql")), args: []string{"fix", "-o", "out.sql", "f.sql"},
			exit: 2, line: `^pgseqlint: out\.sql: is f\.sql, an input of this run, which the patch would replace: write the patch elsewhere, or use -w$`, took: time.Second, heap: 8 << 20},
		{name: "fix -o onto a FIFO no process reads", setup: both(writes("f.sql", loadsDump), fifo("out")), args: []string{"fix", "-o", "out", "f.sql"},
			exit: 2, line: `^pgseqlint: out: a FIFO that no process reads$`, took: time.Second, heap: 8 << 20},
		{name: "unquoted word of 16 MiB", setup: writes("f.sql", "SELECT "+strings.Repeat("x", 16<<20)+";\n"), args: []string{"check", "--max-statement-bytes", "64K", "f.sql"},
			exit: 0, line: `^f\.sql:1:1: warning: statement of 16777224 bytes is longer than --max-statement-bytes \(65536\): .* \[statement-too-long\]$`, took: 2 * time.Second, heap: 48 << 20},
		{name: "dollar tag of 16 MiB", setup: writes("f.sql", "SELECT $"+strings.Repeat("x", 16<<20)+"$ 1;\n"), args: []string{"check", "--max-statement-bytes", "64K", "f.sql"},
			exit: 0, line: `^f\.sql:1:1: warning: statement of 16777229 bytes is longer than --max-statement-bytes \(65536\): .* \[statement-too-long\]$`, took: 2 * time.Second, heap: 48 << 20},
		{name: "zstd of a word of 512 MiB", setup: zstdWord(512 << 20), args: []string{"check", "f.sql.zst"},
			exit: 2, line: `^pgseqlint: f\.sql\.zst: read error at byte \d+: zstd data expands more than 1000 times: \d+ bytes from \d+, stopped$`, took: 30 * time.Second, heap: 384 << 20},
		{name: "xz asking for a 1.5 GiB dictionary", setup: copies("../../testdata/hostile/dict.sql.xz", "f.sql.xz"), args: []string{"check", "f.sql.xz"},
			exit: 2, line: `^pgseqlint: f\.sql\.xz: xz data asks for a window of 1610612736 bytes, more than 134217728 .*: not read$`, took: time.Second, heap: 8 << 20},
		{name: "bzip2 of 1 GiB of zeros", setup: copies("../../testdata/hostile/zeros.sql.bz2", "f.sql.bz2"), args: []string{"check", "f.sql.bz2"},
			exit: 2, line: `^pgseqlint: f\.sql\.bz2: read error at byte \d+: bzip2 data expands more than 1000 times: \d+ bytes from \d+, stopped$`, took: 10 * time.Second, heap: 192 << 20},
		{name: "gzip past --max-input-bytes", setup: gzipped("f.sql.gz", strings.Repeat("SELECT 1;\n", 1<<20)), args: []string{"check", "--max-input-bytes", "1M", "f.sql.gz"},
			exit: 2, line: `^pgseqlint: f\.sql\.gz: read error at byte \d+: gzip data expands past 1048576 bytes \(--max-input-bytes\): stopped$`, took: 5 * time.Second, heap: 64 << 20},
		{name: "200,000 errors in a gzip", setup: gzipped("f.sql.gz", strings.Repeat(");\n", 200000)), args: []string{"check", "f.sql.gz"},
			exit: 1, line: `^199000 more syntax-error findings not shown$`, took: 20 * time.Second, heap: 96 << 20},
		{name: "ignore comment naming 10,000 unknown rules", setup: writes("f.sql", "-- pgseqlint-ignore "+unknownRules(10000)+": reason\nSELECT 1;\n"),
			exit: 0, line: `^9000 more bad-ignore findings not shown$`, took: 5 * time.Second, heap: 64 << 20},
		{name: "20,000 ignore comments", setup: writes("f.sql", strings.Repeat("-- pgseqlint-ignore syntax-error: hostile\nSELECT 1 +;\n", 20000)),
			exit: 0, line: `^0 errors, 0 warnings in 1 file \(20000 statements\)$`, took: 10 * time.Second, heap: 64 << 20},
		{name: "includes that double at each level", setup: fanOut(30), args: []string{"check", "f0.sql"},
			exit: 2, line: `^pgseqlint: f\d+\.sql:1:1: \\ir: more than 10000 files included$`, took: 10 * time.Second, heap: 128 << 20},
		{name: "TOC string longer than the archive", setup: tocString(1 << 30), args: []string{"check", "f.dump"},
			exit: 2, line: `^pgseqlint: f\.dump: .*string length 1073741824 .*$`, took: time.Second, heap: 8 << 20},
	}
	base := t.TempDir()
	if err := os.WriteFile(filepath.Join(base, "secret.txt"), []byte(secret+"\x00PATH=/usr/bin\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, a := range attacks {
		t.Run(a.name, func(t *testing.T) {
			project := filepath.Join(base, strings.NewReplacer("/", "_", " ", "_").Replace(a.name))
			if err := os.Mkdir(project, 0o755); err != nil {
				t.Fatal(err)
			}
			if a.setup != nil {
				cwd, _ := os.Getwd()
				t.Chdir(project)
				a.setup(t)
				os.Chdir(cwd)
			}
			t.Chdir(project)
			for _, name := range []string{"GITHUB_ACTIONS", "GITHUB_WORKSPACE", "CI_PROJECT_DIR"} {
				t.Setenv(name, "")
			}
			for _, kv := range a.env {
				name, value, _ := strings.Cut(kv, "=")
				t.Setenv(name, value)
			}
			args := a.args
			if args == nil {
				args = []string{"check", "f.sql"}
			}
			formats := []string{""}
			if a.formats {
				formats = []string{"", "text", "json", "sarif", "github", "gitlab"}
			}
			for _, format := range formats {
				run := args
				if format != "" {
					run = append([]string{args[0], "--format", format}, args[1:]...)
				}
				r := runBounded(t, run, a.took*slow)
				if r.code != a.exit {
					t.Errorf("%s: exit %d, want %d\nstdout:\n%.2000s\nstderr:\n%s", run, r.code, a.exit, r.stdout, r.stderr)
				}
				if format == "" {
					line := regexp.MustCompile(`(?m)` + a.line)
					if !line.MatchString(r.stdout) && !line.MatchString(strings.TrimSuffix(r.stderr, "\n")) {
						t.Errorf("%s: no line matches %s\nstdout:\n%.2000s\nstderr:\n%s", run, a.line, r.stdout, r.stderr)
					}
					if strings.Count(strings.TrimSuffix(r.stderr, "\n"), "\n") > 0 {
						t.Errorf("%s: stderr is more than one line:\n%s", run, r.stderr)
					}
					t.Logf("%s: exit %d in %v, the heap grew by %s", strings.Join(run, " "), r.code, r.Took.Round(time.Millisecond), checktest.MiB(r.HeapGrowth))
				}
				if r.HeapGrowth > a.heap {
					t.Errorf("%s: the heap grew by %s, more than %s", run, checktest.MiB(r.HeapGrowth), checktest.MiB(a.heap))
				}
				holdInert(t, run, r.stdout+r.stderr)
			}
		})
	}
}

// ownCommand is a workflow command pgseqlint writes: its own command
// name, then properties in which a colon is escaped, up to the :: that
// starts the message. What the input holds is inside, escaped.
var ownCommand = regexp.MustCompile(`^::(error|warning|notice) [^:]*::`)

// holdInert: no output shows the secret, holds a control character, or
// starts a line with a workflow command that is not pgseqlint's own.
func holdInert(t *testing.T, run []string, out string) {
	t.Helper()
	if strings.Contains(out, "hunter2") {
		t.Errorf("%s: the output shows the secret:\n%.2000s", run, out)
	}
	if i := strings.IndexFunc(out, func(r rune) bool { return r < ' ' && r != '\n' && r != '\t' || r == 0x7f }); i >= 0 {
		t.Errorf("%s: the output holds a control character at byte %d: %q", run, i, out[max(0, i-40):i+1])
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "::") && !ownCommand.MatchString(line) {
			t.Errorf("%s: a line starts a workflow command: %q", run, line)
		}
	}
}

type boundedRun struct {
	code           int
	stdout, stderr string
	checktest.Bounded
}

// runBounded runs the command line on a goroutine of its own, sampling the
// heap as the regression corpus test does; past took it fails the test.
func runBounded(t *testing.T, args []string, took time.Duration) boundedRun {
	t.Helper()
	var r boundedRun
	cost, finished := checktest.RunBounded(took, func() { r.code, r.stdout, r.stderr = runCLI(args, nil) })
	if !finished {
		t.Fatalf("%s: still running after %v", args, took)
	}
	r.Bounded = cost
	return r
}

func writes(name, content string) func(t *testing.T) {
	return func(t *testing.T) {
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func links(name, target string) func(t *testing.T) {
	return func(t *testing.T) {
		if err := os.Symlink(target, name); err != nil {
			t.Fatal(err)
		}
	}
}

func fifo(name string) func(t *testing.T) {
	return func(t *testing.T) {
		if err := syscall.Mkfifo(name, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func both(a, b func(t *testing.T)) func(t *testing.T) {
	return func(t *testing.T) { a(t); b(t) }
}

// copies copies a file of the repository (relative to this package).
func copies(from, name string) func(t *testing.T) {
	abs, err := filepath.Abs(from)
	return func(t *testing.T) {
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(abs)
		if err != nil {
			t.Fatal(err)
		}
		writes(name, string(data))(t)
	}
}

func gzipped(name, content string) func(t *testing.T) {
	return func(t *testing.T) {
		var b bytes.Buffer
		w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		io.WriteString(w, content)
		w.Close()
		writes(name, b.String())(t)
	}
}

// zstdWord writes f.sql.zst: SELECT and one word of size bytes.
func zstdWord(size int) func(t *testing.T) {
	return func(t *testing.T) {
		var b bytes.Buffer
		w, err := zstd.NewWriter(&b, zstd.WithEncoderLevel(zstd.SpeedFastest))
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, "SELECT ")
		chunk := bytes.Repeat([]byte("x"), 1<<20)
		for range size >> 20 {
			w.Write(chunk)
		}
		io.WriteString(w, ";\n")
		w.Close()
		writes("f.sql.zst", b.String())(t)
	}
}

func unknownRules(n int) string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("no-such-rule-%d", i)
	}
	return strings.Join(names, ",")
}

// fanOut writes f0.sql to f<levels>.sql, each including the next twice:
// 2^levels includes.
func fanOut(levels int) func(t *testing.T) {
	return func(t *testing.T) {
		for i := range levels {
			writes(fmt.Sprintf("f%d.sql", i), fmt.Sprintf("\\ir f%d.sql\n\\ir f%d.sql\n", i+1, i+1))(t)
		}
		writes(fmt.Sprintf("f%d.sql", levels), "SELECT 1;\n")(t)
	}
}

// directoryArchive copies the -Fd archive of testdata/archives/loads.dir
// to dir, with the data file of its first table named name in toc.dat, or
// (name "") replaced by a link to ../../secret.txt.
func directoryArchive(name string) func(t *testing.T) {
	src, err := filepath.Abs("../../testdata/archives/loads.dir")
	return func(t *testing.T) {
		if err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS("dir", os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
		if name == "" {
			os.Remove("dir/3383.dat.gz")
			links("dir/3383.dat", "../../secret.txt")(t)
			return
		}
		toc, err := os.ReadFile("dir/toc.dat")
		if err != nil {
			t.Fatal(err)
		}
		toc = bytes.Replace(toc, tocString4("3383.dat"), tocString4(name), 1)
		writes("dir/toc.dat", string(toc))(t)
	}
}

// tocString4 is a string as pg_dump writes it with 4-byte integers: a
// sign byte, the length, the bytes.
func tocString4(s string) []byte {
	b := []byte{0, 0, 0, 0, 0}
	binary.LittleEndian.PutUint32(b[1:], uint32(len(s)))
	return append(b, s...)
}

// tocString writes f.dump, the custom archive of
// testdata/archives/loads.dump with the definition of its ENCODING entry
// said to be n bytes long.
func tocString(n int) func(t *testing.T) {
	src, err := filepath.Abs("../../testdata/archives/loads.dump")
	return func(t *testing.T) {
		if err != nil {
			t.Fatal(err)
		}
		dump, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		defn := "SET client_encoding = 'UTF8';\n"
		long := tocString4(defn)
		binary.LittleEndian.PutUint32(long[1:], uint32(n))
		if !bytes.Contains(dump, tocString4(defn)) {
			t.Fatal("loads.dump has no client_encoding entry")
		}
		writes("f.dump", string(bytes.Replace(dump, tocString4(defn), long, 1)))(t)
	}
}

// TestOutputFails: rules, explain and version whose output cannot be
// written (a closed pipe, a full disk) exit 2 and say so.
func TestOutputFails(t *testing.T) {
	for _, args := range [][]string{{"rules"}, {"explain", "missing-setval"}, {"version"}} {
		var errOut bytes.Buffer
		code := run(args, streams{in: strings.NewReader(""), out: failingWriter{}, err: &errOut})
		if want := "pgseqlint: writing the output: no space left on device\n"; code != 2 || errOut.String() != want {
			t.Errorf("%s: exit %d, stderr %q; want exit 2, %q", args, code, errOut.String(), want)
		}
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }
