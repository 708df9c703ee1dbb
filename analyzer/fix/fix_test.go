package fix_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/fix"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
	"github.com/pgseqlint/pgseqlint/rules"
)

// fixCases are the scenarios of the differential suite and the cases
// written for fix: each is proven as a script and as every pg_dump of it.
func fixCases(t *testing.T) []string {
	t.Helper()
	var paths []string
	for _, pattern := range []string{"../../testdata/scenarios/*.sql", "../../testdata/fix/*.sql"} {
		found, err := filepath.Glob(pattern)
		if err != nil || len(found) == 0 {
			t.Fatalf("no cases match %s: %v", pattern, err)
		}
		paths = append(paths, found...)
	}
	return paths
}

// fixCount is what proving the fixes counted.
type fixCount struct{ cases, fixed, unfixable int }

// fixTotal adds up the counts of cases proven in parallel.
type fixTotal struct {
	mu sync.Mutex
	fixCount
}

func (n *fixTotal) add(m fixCount) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.cases += m.cases
	n.fixed += m.fixed
	n.unfixable += m.unfixable
}

// TestFixDifferential proves the patch with PostgreSQL for every case of
// the differential suite: after the restore and the patch no sequence
// collides; the --static patch sets every sequence as the patch does; a
// second run of the patch changes nothing;
// check finds nothing left to fix in the inputs plus the patch; the inputs
// rewritten by -w restore with no colliding sequence; and -d prints exactly
// what diff -u finds between the inputs and the rewrite.
func TestFixDifferential(t *testing.T) {
	c := pgtest.Start(t)
	if _, err := exec.LookPath("diff"); err != nil {
		t.Fatalf("diff -u is the judge of -d: %v", err)
	}
	var total fixTotal
	for _, path := range fixCases(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".sql")
		t.Run(filepath.Base(filepath.Dir(path))+"/"+name, func(t *testing.T) {
			total.add(proveFix(t, c, path))
			for _, v := range pgtest.Variants(t, c, path) {
				t.Run(v.Name, func(t *testing.T) {
					// Most of the time is spent waiting for the server.
					t.Parallel()
					total.add(proveFix(t, c, v.Files...))
				})
			}
		})
	}
	t.Logf("%d cases, %d sequences fixed (%d of them cycle among their keys, which no setval can fix)",
		total.cases, total.fixed, total.unfixable)
}

// proveFix proves the patch for one restore of a case.
func proveFix(t *testing.T, c *pgtest.Cluster, originals ...string) fixCount {
	t.Helper()
	dir := t.TempDir()
	inputs := copyInto(t, filepath.Join(dir, "in"), originals)
	keep := copyInto(t, filepath.Join(dir, "orig"), inputs)
	opts := analyzer.Options{Paths: inputs, Rules: rules.All()}
	files, err := fix.InPlaceFiles(opts)
	if err != nil {
		t.Fatal(err)
	}
	res, err := analyzer.Check(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	computed := writePatch(t, filepath.Join(dir, "fix.sql"), fix.NewPatch(res, false))
	static := writePatch(t, filepath.Join(dir, "fix-static.sql"), fix.NewPatch(res, true))

	// The static patch first: it must leave every sequence where the
	// computed one does, which must be right whatever state it finds.
	db := restore(t, c, inputs...)
	db.RunStrict(t, static)
	afterStatic := sequenceState(t, db)
	db.RunStrict(t, computed)
	unfixable := remainingCollisions(t, db, "after the patch")
	state := sequenceState(t, db)
	if afterStatic != state {
		t.Errorf("the --static patch and the patch leave the sequences apart:\n%s\nand\n%s", afterStatic, state)
	}
	db.RunStrict(t, computed)
	if again := sequenceState(t, db); again != state {
		t.Errorf("the patch is not idempotent: after one run\n%s\nafter two\n%s", state, again)
	}

	for _, seq := range collidingVerdict(t, checktest.Run(t, nil, append(append([]string(nil), inputs...), computed)...)) {
		if !unfixable[seq] {
			t.Errorf("check still finds %s colliding in the inputs plus the patch", seq)
		}
	}

	var diff bytes.Buffer
	patch := fix.NewPatch(res, false)
	if err := patch.WriteDiff(&diff, files); err != nil {
		t.Fatal(err)
	}
	if err := patch.Rewrite(files); err != nil {
		t.Fatal(err)
	}
	if want := diffU(t, keep, inputs); diff.String() != want {
		t.Errorf("-d differs from diff -u of the inputs and their rewrite:\n--- -d\n%s\n--- diff -u\n%s", diff.String(), want)
	}
	db = restore(t, c, inputs...)
	remainingCollisions(t, db, "after restoring the inputs rewritten by -w")
	return fixCount{cases: 1, fixed: patch.Len(), unfixable: len(unfixable)}
}

func copyInto(t *testing.T, dir string, files []string) []string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, filepath.Base(f))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

func writePatch(t *testing.T, path string, p *fix.Patch) string {
	t.Helper()
	if err := fix.WriteFile(path, nil, p.Write); err != nil {
		t.Fatal(err)
	}
	return path
}

// collidingVerdict is the sequences check reports as missing-setval or
// stale-setval.
func collidingVerdict(t *testing.T, res *analyzer.Result) []string {
	t.Helper()
	seen := map[string]bool{}
	for _, d := range res.Diagnostics {
		if d.Rule == "missing-setval" || d.Rule == "stale-setval" {
			seen[d.Subject.Sequence] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// restore runs the files into a fresh database; they must run cleanly.
func restore(t *testing.T, c *pgtest.Cluster, files ...string) *pgtest.DB {
	t.Helper()
	db := c.NewDatabase(t)
	for _, f := range files {
		if stderr := db.Run(t, f); stderr != "" {
			t.Fatalf("restoring %s: %s", filepath.Base(f), stderr)
		}
	}
	return db
}

// remainingCollisions fails the test for every sequence that still
// collides, except one that no setval can fix: a cycling sequence whose
// keys reach its limit starts over among them. It returns those.
func remainingCollisions(t *testing.T, db *pgtest.DB, when string) map[string]bool {
	t.Helper()
	unfixable := map[string]bool{}
	for _, col := range db.Collisions(t) {
		full := db.Exec(t, fmt.Sprintf(`SELECT seqcycle AND CASE WHEN seqincrement > 0 THEN %[2]s >= seqmax ELSE %[2]s <= seqmin END
			FROM pg_sequence WHERE seqrelid = %[1]s::regclass`, quoteLiteral(col.Sequence), col.MaxKey))
		if full == "t" {
			unfixable[col.Sequence] = true
			continue
		}
		t.Errorf("%s, PostgreSQL finds %s colliding: it hands out %s next, and %s.%s holds %s",
			when, col.Sequence, col.NextValue, col.Table, col.Column, col.MaxKey)
	}
	return unfixable
}

// sequenceState is where every sequence stands: its last value and
// whether it was called.
func sequenceState(t *testing.T, db *pgtest.DB) string {
	t.Helper()
	return db.Exec(t, `SELECT format('%I.%I', n.nspname, c.relname) AS seq,
		query_to_xml(format('SELECT last_value, is_called FROM %I.%I', n.nspname, c.relname), false, false, '')
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' ORDER BY 1`)
}

func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// diffU is GNU diff -u of each original and its rewrite, labelled as -d
// labels them.
func diffU(t *testing.T, originals, rewritten []string) string {
	t.Helper()
	var out strings.Builder
	for i, orig := range originals {
		cmd := exec.Command("diff", "-u", "--label", rewritten[i], "--label", rewritten[i], orig, rewritten[i])
		b, err := cmd.Output()
		var exit *exec.ExitError
		if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
			t.Fatalf("diff: %v", err)
		}
		out.Write(b)
	}
	return out.String()
}

// TestFixSeveralDatabases: for a script that connects to several databases,
// as pg_dumpall's does, the patch connects to each in turn.
func TestFixSeveralDatabases(t *testing.T) {
	c := pgtest.Start(t)
	first, second := c.CreatedDatabase(t, "pgseqlint_fix_one"), c.CreatedDatabase(t, "PgseqlintFixTwo")
	script := filepath.Join(t.TempDir(), "all.sql")
	text := `CREATE DATABASE pgseqlint_fix_one;
CREATE DATABASE "PgseqlintFixTwo";
\connect pgseqlint_fix_one
CREATE TABLE t (id serial, v text);
INSERT INTO t VALUES (5, 'a');
\connect "PgseqlintFixTwo"
CREATE TABLE t (id serial, v text);
INSERT INTO t VALUES (9, 'b');
`
	if err := os.WriteFile(script, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	patch := fix.NewPatch(checktest.Run(t, nil, script), false)
	var out bytes.Buffer
	if err := patch.Write(&out); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "\\connect "); n != 2 {
		t.Errorf("the patch connects %d times:\n%s", n, out.String())
	}
	fix := writePatch(t, filepath.Join(t.TempDir(), "fix.sql"), patch)
	start := restore(t, c, script)
	start.RunStrict(t, fix)
	for _, db := range []*pgtest.DB{first, second} {
		remainingCollisions(t, db, "in "+db.Name+" after the patch")
	}
}
