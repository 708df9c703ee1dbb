// Package pgtest runs a throwaway PostgreSQL cluster for tests, so that a
// real server, not our belief about it, decides what a script does to its
// sequences.
//
// A test package that uses it must call Main from its TestMain:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
// The cluster is started on first use (once per test binary), listens only on
// a Unix socket in a private temporary directory, trusts every local
// connection, and is stopped and deleted by Main.
//
// Binaries are taken from $PGSEQLINT_PG_BIN (a directory), else from the
// directory of the initdb found on $PATH, else from the highest
// /usr/lib/postgresql/<version>/bin. Without them the tests are skipped,
// unless PGSEQLINT_REQUIRE_POSTGRES=1, which makes that a failure.
//
// DB.Collisions is the judge: it asks the catalog which sequences would
// hand out a key that a column they feed already holds. Variants turns a
// scenario script into pg_dump outputs to restore, with and without their
// setval lines.
package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Cluster is a running throwaway PostgreSQL server.
type Cluster struct {
	bin     string // directory of initdb, pg_ctl, postgres, psql, pg_dump
	dir     string // temporary directory: socket, data/, server.log
	port    int
	tcp     bool // also listening on 127.0.0.1:port
	data    string
	logFile string
	asUser  string // run server programs as this OS user (when we are root)
	version int    // server_version_num, e.g. 150018

	watchdog   *exec.Cmd
	watchdogIn *os.File // the only writer of the watchdog's stdin

	dbSeq atomic.Int64
}

const (
	// The port only names the socket file (.s.PGSQL.<port>) in our private
	// directory: with listen_addresses='' nothing listens on TCP, so the
	// default port cannot clash with another server (StartTCP's cluster
	// takes a free one).
	port = 5432

	// Limits for the programs we run, so that a hung psql fails the test
	// instead of hanging it.
	serverTimeout = 2 * time.Minute
	clientTimeout = 5 * time.Minute
)

var (
	mainCalled atomic.Bool

	once       sync.Once
	started    *Cluster
	startErr   error // startup failed: Fatal
	skipReason string

	// The cluster that also listens on TCP (StartTCP).
	tcpOnce     sync.Once
	tcpStarted  *Cluster
	tcpStartErr error
)

// Main runs the tests, then stops the cluster if one was started, and exits
// with the tests' exit code. Call it from TestMain.
func Main(m *testing.M) {
	mainCalled.Store(true)
	code := m.Run()
	for _, c := range []*Cluster{started, tcpStarted} {
		if c == nil {
			continue
		}
		if err := c.stop(); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
			if code == 0 {
				code = 1
			}
		}
	}
	os.Exit(code)
}

// Start returns the test binary's cluster, starting it on first use. It
// skips the test when no PostgreSQL server binaries are installed (fails
// instead when PGSEQLINT_REQUIRE_POSTGRES=1).
func Start(t testing.TB) *Cluster {
	t.Helper()
	if !mainCalled.Load() {
		// Without Main nobody would stop the server: it would outlive the
		// test binary.
		t.Fatal("pgtest: the test package's TestMain must call pgtest.Main(m)")
	}
	once.Do(func() {
		bin, err := findBin()
		if err != nil {
			startErr = err
			return
		}
		if bin == "" {
			skipReason = "pgtest: no PostgreSQL server binaries found (initdb, pg_ctl, postgres); " +
				"set PGSEQLINT_PG_BIN to their directory or put initdb on PATH"
			return
		}
		started, startErr = start(bin, 0)
	})
	switch {
	case skipReason != "" && os.Getenv("PGSEQLINT_REQUIRE_POSTGRES") == "1":
		t.Fatal(skipReason + " (PGSEQLINT_REQUIRE_POSTGRES=1)")
	case skipReason != "":
		t.Skip(skipReason)
	case startErr != nil:
		t.Fatal(startErr)
	}
	return started
}

// StartTCP returns a second cluster of the test binary, started on first
// use, that also listens on TCP on 127.0.0.1 at a free port, where it asks
// for a password (scram-sha-256); its Unix socket trusts every local
// connection, as Start's does. It skips the test as Start does.
func StartTCP(t testing.TB) *Cluster {
	t.Helper()
	Start(t)
	tcpOnce.Do(func() {
		bin, _ := findBin()
		var port int
		if port, tcpStartErr = freePort(); tcpStartErr == nil {
			tcpStarted, tcpStartErr = start(bin, port)
		}
	})
	if tcpStartErr != nil {
		t.Fatal(tcpStartErr)
	}
	return tcpStarted
}

// freePort is a TCP port of 127.0.0.1 that nothing listens on now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgtest: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// findBin returns the directory holding the server binaries, "" when there
// are none, or an error when PGSEQLINT_PG_BIN points at nothing usable.
func findBin() (string, error) {
	if dir := os.Getenv("PGSEQLINT_PG_BIN"); dir != "" {
		if !isFile(filepath.Join(dir, "initdb")) {
			return "", fmt.Errorf("pgtest: PGSEQLINT_PG_BIN=%s has no initdb", dir)
		}
		return dir, nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		// Debian links /usr/local/bin/initdb (and /usr/bin/psql, through
		// pg_wrapper) to the versioned directory; psql and pg_dump must come
		// from the same version as the server, so use the link's target.
		if r, err := filepath.EvalSymlinks(p); err == nil {
			p = r
		}
		return filepath.Dir(p), nil
	}
	// Debian and Ubuntu keep server binaries off PATH, one directory per
	// major version.
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	best, bestVer := "", -1.0
	for _, d := range dirs {
		v, err := strconv.ParseFloat(filepath.Base(filepath.Dir(d)), 64)
		if err == nil && v > bestVer && isFile(filepath.Join(d, "initdb")) {
			best, bestVer = d, v
		}
	}
	return best, nil
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// tempBase is where the cluster's directory goes: tmpfs when there is one,
// because CREATE DATABASE copies the template's files and DROP DATABASE
// deletes them, which on a disk costs ~10x more than the test itself.
func tempBase() string {
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() && st.Mode().Perm()&0o002 != 0 {
		return "/dev/shm"
	}
	// The socket path must fit in sun_path (107 bytes on Linux).
	if base := os.TempDir(); len(base) <= 60 {
		return base
	}
	return "/tmp"
}

// start starts a cluster; tcpPort, when not 0, is the port it listens on
// at 127.0.0.1 as well.
func start(bin string, tcpPort int) (*Cluster, error) {
	dir, err := os.MkdirTemp(tempBase(), "pgtest")
	if err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	c := &Cluster{bin: bin, dir: dir, port: port, data: filepath.Join(dir, "data"), logFile: filepath.Join(dir, "server.log")}
	if tcpPort != 0 {
		c.port, c.tcp = tcpPort, true
	}
	if os.Geteuid() == 0 {
		// PostgreSQL refuses to run as root ("root" execution of the
		// PostgreSQL server is not permitted): the data directory and the
		// socket directory belong to the postgres user, who runs the server.
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("pgtest: running as root needs a postgres OS user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("pgtest: %w", err)
		}
		c.asUser = "postgres"
	}
	// -N: skip initdb's final fsync, the cluster is thrown away.
	if out, err := c.server("initdb", "-N", "--auth=trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "-D", c.data); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("pgtest: initdb: %v\n%s", err, out)
	}
	if c.tcp {
		// Local connections are trusted; TCP ones give a password.
		hba := "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
		if err := os.WriteFile(filepath.Join(c.data, "pg_hba.conf"), []byte(hba), 0o644); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("pgtest: %w", err)
		}
	}
	// No TCP, socket in our directory; durability off, the data is
	// disposable.
	listen := ""
	if c.tcp {
		listen = "127.0.0.1"
	}
	opts := fmt.Sprintf("-c listen_addresses='%s' -k '%s' -p %d -c fsync=off -c full_page_writes=off -c synchronous_commit=off", listen, dir, c.port)
	if out, err := c.server("pg_ctl", "start", "-w", "-t", "60", "-D", c.data, "-l", c.logFile, "-o", opts); err != nil {
		tail := c.logTail()
		c.stop()
		return nil, fmt.Errorf("pgtest: pg_ctl start: %v\n%s\nserver log:\n%s", err, out, tail)
	}
	if err := c.startWatchdog(); err != nil {
		c.stop()
		return nil, fmt.Errorf("pgtest: watchdog: %w", err)
	}
	out, _, err := c.client("postgres", nil, "psql", "-X", "-At", "-c", "SHOW server_version_num")
	if c.version, _ = strconv.Atoi(strings.TrimSpace(string(out))); err != nil || c.version == 0 {
		c.stop()
		return nil, fmt.Errorf("pgtest: cannot query the server version: %v %s", err, out)
	}
	return c, nil
}

// startWatchdog starts a shell that waits for end of file on its stdin,
// whose only writer is this process, then stops the server and deletes its
// directory. The postmaster has no notion of our process: if we die without
// reaching Main's stop (a panic, go test -timeout, a kill), the watchdog is
// what takes the server down.
func (c *Cluster) startWatchdog() error {
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	defer r.Close()
	args := []string{"-c", `read _; "$0" stop -w -m immediate -D "$1" >/dev/null 2>&1; rm -rf "$2"`,
		filepath.Join(c.bin, "pg_ctl"), c.data, c.dir}
	var cmd *exec.Cmd
	if c.asUser != "" {
		cmd = exec.Command("runuser", append([]string{"-u", c.asUser, "--", "sh"}, args...)...)
	} else {
		cmd = exec.Command("sh", args...)
	}
	cmd.Dir = c.dir
	cmd.Env = c.env()
	cmd.Stdin = r
	if err := cmd.Start(); err != nil {
		w.Close()
		return err
	}
	c.watchdog, c.watchdogIn = cmd, w
	return nil
}

// stop shuts the server down (fast: end the sessions, checkpoint) and
// deletes its directory.
func (c *Cluster) stop() error {
	var err error
	if isFile(filepath.Join(c.data, "postmaster.pid")) {
		if out, e := c.server("pg_ctl", "stop", "-w", "-m", "fast", "-D", c.data); e != nil {
			err = fmt.Errorf("pg_ctl stop: %v\n%s", e, out)
			c.server("pg_ctl", "stop", "-w", "-m", "immediate", "-D", c.data)
		}
	}
	if c.watchdog != nil {
		// Its pg_ctl finds no server; it removes the directory.
		c.watchdogIn.Close()
		c.watchdog.Wait()
	}
	if e := os.RemoveAll(c.dir); e != nil && err == nil {
		err = e
	}
	return err
}

// server runs a server program (initdb, pg_ctl), as the postgres OS user
// when we are root, from the cluster directory (which that user can enter).
func (c *Cluster) server(name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), serverTimeout)
	defer cancel()
	prog := filepath.Join(c.bin, name)
	var cmd *exec.Cmd
	if c.asUser != "" {
		cmd = exec.CommandContext(ctx, "runuser", append([]string{"-u", c.asUser, "--", prog}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, prog, args...)
	}
	cmd.Dir = c.dir
	cmd.Env = c.env()
	// pg_ctl start points the server's output at the log file (-l), so the
	// server does not hold our pipes; should it, stop waiting anyway.
	cmd.WaitDelay = 5 * time.Second
	return cmd.CombinedOutput()
}

// env is the environment of every program we run: no PG* variable of the
// caller leaks in (PGHOST, PGOPTIONS, PGSERVICE...), messages are in English.
// Settings (-c name=value) are added to the options of each session.
func (c *Cluster) env(settings ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PG") || strings.HasPrefix(kv, "LC_") || strings.HasPrefix(kv, "LANG") {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"LC_ALL=C",
		"PGHOST="+c.dir,
		"PGPORT="+strconv.Itoa(c.port),
		"PGUSER=postgres",
		"PGCLIENTENCODING=UTF8",
		// Notices (DROP ... IF EXISTS, implicit index creation) are not
		// what callers look for in stderr: warnings and errors are.
		"PGOPTIONS="+strings.Join(append([]string{"-c client_min_messages=warning"}, settings...), " "),
	)
}

func (c *Cluster) logTail() string {
	b, err := os.ReadFile(c.logFile)
	if err != nil {
		return fmt.Sprintf("(no server log: %v)", err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > 30 {
		lines = lines[len(lines)-30:]
	}
	return strings.Join(lines, "\n")
}

// client runs psql or pg_dump against database db, feeding stdin if not
// nil, and returns stdout, stderr and the exit error.
func (c *Cluster) client(db string, stdin []byte, name string, args ...string) (stdout, stderr []byte, err error) {
	return c.tool(stdin, name, append(args, "-d", db)...)
}

// tool runs a client program with exactly the arguments given, feeding
// stdin if not nil, and returns stdout, stderr and the exit error.
func (c *Cluster) tool(stdin []byte, name string, args ...string) (stdout, stderr []byte, err error) {
	return c.toolIn("", nil, stdin, name, args...)
}

// toolIn is tool run in directory dir ("": ours), with settings added to
// the options of its sessions.
func (c *Cluster) toolIn(dir string, settings []string, stdin []byte, name string, args ...string) (stdout, stderr []byte, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), clientTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(c.bin, name), args...)
	cmd.Dir = dir
	cmd.Env = c.env(settings...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		err = fmt.Errorf("%s timed out after %v", name, clientTimeout)
	}
	return o.Bytes(), e.Bytes(), err
}

// Version is the server's version as a number: 150018 for 15.18.
func (c *Cluster) Version() int { return c.version }

// DB is a database of the cluster, created empty for one test.
type DB struct {
	Name string
	c    *Cluster
}

// NewDatabase creates an empty database with a unique name, dropped when
// the test ends.
func (c *Cluster) NewDatabase(t testing.TB) *DB {
	t.Helper()
	name := fmt.Sprintf("pgtest_%d_%s", c.dbSeq.Add(1), slug(t.Name()))
	// template0: a restore must start from a pristine database, as
	// pg_dump's own --create does.
	sql := fmt.Sprintf("CREATE DATABASE %s TEMPLATE template0", name)
	if c.version >= 150000 {
		// PostgreSQL 15 made WAL_LOG the default strategy, which writes
		// every page of the template to the WAL; FILE_COPY copies the files
		// and checkpoints, which is cheaper for a small template and
		// fsync=off.
		sql += " STRATEGY FILE_COPY"
	}
	if err := c.admin(sql); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// FORCE (PostgreSQL 13+) ends sessions a failed test left behind.
		if err := c.admin(fmt.Sprintf("DROP DATABASE %s WITH (FORCE)", name)); err != nil {
			t.Error(err)
		}
	})
	return &DB{Name: name, c: c}
}

// CreatedDatabase is a database that a script under test creates itself
// (CREATE DATABASE x; \connect x): it is dropped when the test ends.
func (c *Cluster) CreatedDatabase(t testing.TB, name string) *DB {
	t.Helper()
	t.Cleanup(func() {
		if err := c.admin(fmt.Sprintf("DROP DATABASE IF EXISTS %q WITH (FORCE)", name)); err != nil {
			t.Error(err)
		}
	})
	return &DB{Name: name, c: c}
}

// admin runs one statement in the postgres database.
func (c *Cluster) admin(sql string) error {
	if _, stderr, err := c.client("postgres", nil, "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql); err != nil {
		return fmt.Errorf("pgtest: %s: %v\n%s", sql, err, stderr)
	}
	return nil
}

// slug turns a test name into a short lower-case identifier fragment.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if b.Len() >= 40 {
			break
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// Run runs a script the way a plain restore does (psql -f, going on after
// errors) and returns psql's stderr: the errors are what the caller wants to
// know, not a failure of the test.
func (db *DB) Run(t testing.TB, scriptPath string) (stderr string) {
	t.Helper()
	return db.RunWith(t, scriptPath, RunOptions{})
}

// RunOptions change how RunWith runs a script.
type RunOptions struct {
	// StatementTimeout makes the server cancel any statement that runs
	// longer (statement_timeout, set for every session the script opens):
	// a lock wait or a runaway query cannot hang the test.
	StatementTimeout time.Duration
	// Vars are psql variables set before the script's first line, as with
	// psql -v NAME=VALUE: ECHO=errors prints each failed statement after its
	// error, VERBOSITY=verbose the SQLSTATE and the server's source location.
	Vars []string
	// Dir is psql's working directory, where \o, \w and \copy ... to write
	// relative names ("": the test's).
	Dir string
}

// RunWith is Run with options.
func (db *DB) RunWith(t testing.TB, scriptPath string, opts RunOptions) (stderr string) {
	t.Helper()
	args := []string{"-X", "-q", "-v", "ON_ERROR_STOP=0"}
	for _, v := range opts.Vars {
		args = append(args, "-v", v)
	}
	var settings []string
	if opts.StatementTimeout > 0 {
		settings = append(settings, fmt.Sprintf("-c statement_timeout=%d", opts.StatementTimeout.Milliseconds()))
	}
	_, e, err := db.c.toolIn(opts.Dir, settings, nil, "psql", append(args, "-f", scriptPath, "-d", db.Name)...)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("pgtest: psql -f %s: %v\n%s", scriptPath, err, e)
	}
	return string(e)
}

// RunStrict runs a script and fails the test at its first error. It
// returns psql's stderr (warnings).
func (db *DB) RunStrict(t testing.TB, scriptPath string) (stderr string) {
	t.Helper()
	_, e, err := db.c.client(db.Name, nil, "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", scriptPath)
	if err != nil {
		t.Fatalf("pgtest: psql -f %s: %v\n%s", scriptPath, err, e)
	}
	return string(e)
}

// Exec runs SQL (one or more statements) and returns the rows psql prints
// unaligned without headers (-At): one line per row, fields separated by
// "|", no trailing newline. An error fails the test.
func (db *DB) Exec(t testing.TB, sql string) string {
	t.Helper()
	o, e, err := db.c.client(db.Name, []byte(sql), "psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-f", "-")
	if err != nil {
		if len(sql) > 300 {
			sql = sql[:300] + "..."
		}
		t.Fatalf("pgtest: %v\n%s\nSQL:\n%s", err, e, sql)
	}
	return strings.TrimSuffix(string(o), "\n")
}

// Dump runs the machine's pg_dump on db with extra arguments (--inserts,
// --schema-only, ...) and returns the plain SQL script.
func (c *Cluster) Dump(t testing.TB, db *DB, args ...string) []byte {
	t.Helper()
	o, e, err := c.client(db.Name, nil, "pg_dump", append([]string{"--format=plain"}, args...)...)
	if err != nil {
		t.Fatalf("pgtest: pg_dump %s: %v\n%s", strings.Join(args, " "), err, e)
	}
	return o
}

// DumpFile is Dump written to path.
func (c *Cluster) DumpFile(t testing.TB, db *DB, path string, args ...string) {
	t.Helper()
	if err := os.WriteFile(path, c.Dump(t, db, args...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// SocketDir is the directory of the cluster's Unix socket, and Port its
// port (the socket's name, .s.PGSQL.<port>; for StartTCP's cluster, the
// TCP port too).
func (c *Cluster) SocketDir() string { return c.dir }

// Port is the port of the cluster.
func (c *Cluster) Port() int { return c.port }

// ConnString is a key/value connection string to db over the Unix socket,
// as role (which needs no password there).
func (db *DB) ConnString(role string) string {
	return fmt.Sprintf("host=%s port=%d user=%s dbname=%s", db.c.dir, db.c.port, role, db.Name)
}

// CreateRole creates a role that may log in, with a password when one is
// given (over TCP, StartTCP's cluster asks for it). Roles belong to the
// cluster, which is thrown away: they are not dropped.
func (c *Cluster) CreateRole(t testing.TB, name, password string) {
	t.Helper()
	sql := "CREATE ROLE " + name + " LOGIN"
	if password != "" {
		sql += " PASSWORD '" + strings.ReplaceAll(password, "'", "''") + "'"
	}
	if err := c.admin(sql); err != nil {
		t.Fatal(err)
	}
}
