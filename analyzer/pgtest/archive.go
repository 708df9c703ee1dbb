package pgtest

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// DumpArchive runs the machine's pg_dump on db, writing to path (a file,
// or a directory for --format=directory), with the arguments given
// (--format=custom, --compress=0, ...).
func (c *Cluster) DumpArchive(t testing.TB, db *DB, path string, args ...string) {
	t.Helper()
	if _, e, err := c.tool(nil, "pg_dump", append(args, "--file="+path, "--dbname="+db.Name)...); err != nil {
		t.Fatalf("pgtest: pg_dump %s: %v\n%s", strings.Join(args, " "), err, e)
	}
}

// DumpArchiveToPipe is DumpArchive with pg_dump writing to a pipe: a custom
// archive written so cannot seek back to record where its data blocks are.
func (c *Cluster) DumpArchiveToPipe(t testing.TB, db *DB, args ...string) []byte {
	t.Helper()
	o, e, err := c.tool(nil, "pg_dump", append(args, "--dbname="+db.Name)...)
	if err != nil {
		t.Fatalf("pgtest: pg_dump %s: %v\n%s", strings.Join(args, " "), err, e)
	}
	return o
}

// RestoreScript returns the SQL script pg_restore makes of an archive
// (pg_restore -f -): what a restore would run.
func (c *Cluster) RestoreScript(t testing.TB, archive string, args ...string) []byte {
	t.Helper()
	o, e, err := c.tool(nil, "pg_restore", append(args, "--file=-", archive)...)
	if err != nil {
		t.Fatalf("pgtest: pg_restore -f - %s: %v\n%s", archive, err, e)
	}
	return o
}

// Restore restores an archive into db with pg_restore, going on after
// errors as pg_restore does by default, and returns its stderr.
func (db *DB) Restore(t testing.TB, archive string, args ...string) (stderr string) {
	t.Helper()
	_, e, err := db.c.tool(nil, "pg_restore", append(args, "--dbname="+db.Name, archive)...)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("pgtest: pg_restore %s: %v\n%s", archive, err, e)
	}
	return string(e)
}

// DumpAll runs the machine's pg_dumpall with the arguments given and
// returns its script.
func (c *Cluster) DumpAll(t testing.TB, args ...string) []byte {
	t.Helper()
	o, e, err := c.tool(nil, "pg_dumpall", args...)
	if err != nil {
		t.Fatalf("pgtest: pg_dumpall %s: %v\n%s", strings.Join(args, " "), err, e)
	}
	return o
}

// Database is a database of the cluster known by name, such as one a
// script created.
func (c *Cluster) Database(name string) *DB { return &DB{Name: name, c: c} }
