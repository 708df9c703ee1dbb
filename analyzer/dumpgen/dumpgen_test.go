package dumpgen_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/dumpgen"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestSameAsPgDump restores a generated dump of each shape and format into
// PostgreSQL, dumps it back with pg_dump in the same format, and compares
// the two byte for byte. The server may store rows of varying size out of
// insertion order (a row that does not fit the current page can go to an
// earlier one with room), and pg_dump writes rows in storage order: each
// table is first rewritten in key order with CLUSTER, which is how the
// generator writes them.
func TestSameAsPgDump(t *testing.T) {
	c := pgtest.Start(t)
	for _, shape := range []dumpgen.Shape{dumpgen.Synthetic, dumpgen.App} {
		for _, tc := range []struct {
			name   string
			format dumpgen.Format
			args   []string
		}{
			{"copy", dumpgen.Copy, nil},
			{"inserts", dumpgen.Inserts, []string{"--inserts"}},
			{"column-inserts", dumpgen.ColumnInserts, []string{"--column-inserts"}},
			{"rows-per-insert", dumpgen.RowsPerInsert, []string{"--rows-per-insert=100"}},
		} {
			t.Run(shape.String()+"/"+tc.name, func(t *testing.T) {
				var gen bytes.Buffer
				if err := dumpgen.Write(&gen, dumpgen.Options{Size: 200 << 10, Format: tc.format, Seed: 7, Shape: shape}); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(t.TempDir(), "gen.sql")
				if err := os.WriteFile(path, gen.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				db := c.NewDatabase(t)
				db.RunStrict(t, path)
				db.Exec(t, clusterByKey)
				back := c.Dump(t, db, append(tc.args, "--restrict-key=pgseqlint"+shape.String())...)
				if rows := bytes.Count(back, []byte("\n")); rows < 1000 {
					t.Errorf("only %d lines restored", rows)
				}
				if line, want, got := firstDifference(back, gen.Bytes()); line > 0 {
					t.Errorf("line %d differs from pg_dump's:\npg_dump:   %q\ngenerated: %q", line, want, got)
				}
			})
		}
	}
}

// clusterByKey rewrites every table in the order of its primary key, then
// forgets the clustering, which pg_dump would otherwise write out.
const clusterByKey = `DO $$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT i.indrelid::regclass AS t, c.relname AS pkey
		FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
		WHERE i.indisprimary AND c.relnamespace = 'public'::regnamespace
	LOOP
		EXECUTE format('CLUSTER %s USING %I', r.t, r.pkey);
		EXECUTE format('ALTER TABLE %s SET WITHOUT CLUSTER', r.t);
	END LOOP;
END $$`

// firstDifference returns the first line (1-based) where a and b differ,
// and that line of each, or 0 when they are equal.
func firstDifference(a, b []byte) (line int, lineA, lineB string) {
	if bytes.Equal(a, b) {
		return 0, "", ""
	}
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range max(len(la), len(lb)) {
		if i >= len(la) || i >= len(lb) || la[i] != lb[i] {
			return i + 1, lineAt(la, i), lineAt(lb, i)
		}
	}
	return 0, "", ""
}

func lineAt(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(end of dump)"
}
