package pgtest_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
)

const scenarioDir = "../../testdata/scenarios"

// declaredCollisions reads the "-- collides: SEQ" lines of a scenario's
// header: the sequences its author expects to collide.
func declaredCollisions(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var seqs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if s, ok := strings.CutPrefix(sc.Text(), "-- collides: "); ok {
			seqs = append(seqs, strings.TrimSpace(s))
		}
	}
	sort.Strings(seqs)
	return seqs
}

func sequences(cs []pgtest.Collision) []string {
	var seqs []string
	for _, c := range cs {
		seqs = append(seqs, c.Sequence)
	}
	return seqs
}

// TestVariantsRestore builds each scenario, checks its declared verdicts,
// then restores every dump variant of it into a fresh database. It tests
// the harness and the scenarios, not the analyzer.
func TestVariantsRestore(t *testing.T) {
	c := pgtest.Start(t)
	paths, err := filepath.Glob(filepath.Join(scenarioDir, "*.sql"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no scenarios in %s: %v", scenarioDir, err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".sql"), func(t *testing.T) {
			t.Parallel()
			src := c.NewDatabase(t)
			if stderr := src.RunStrict(t, path); stderr != "" {
				t.Errorf("building the scenario printed:\n%s", stderr)
			}
			want := src.Collisions(t)
			if got, decl := sequences(want), declaredCollisions(t, path); !reflect.DeepEqual(got, decl) {
				t.Errorf("the header declares collisions %q, PostgreSQL says %q", decl, got)
			}
			if n := src.Exec(t, "SELECT count(*) FROM pg_sequence"); len(want) == 0 || fmt.Sprint(len(want)) == n {
				t.Errorf("%d of %s sequences collide: a scenario needs sequences both in and out of sync", len(want), n)
			}

			restored := map[string][]pgtest.Collision{}
			dbs := map[string]*pgtest.DB{}
			variants := c.DumpVariants(t, src)
			for _, v := range variants {
				db := c.NewDatabase(t)
				for _, f := range v.Files {
					if stderr := db.Run(t, f); stderr != "" {
						t.Errorf("%s: restoring %s:\n%s", v.Name, filepath.Base(f), stderr)
					}
				}
				restored[v.Name], dbs[v.Name] = db.Collisions(t), db
			}

			for _, v := range variants {
				name, got := v.Name, restored[v.Name]
				mode, form := name, ""
				if strings.HasSuffix(name, "setval") {
					i := strings.LastIndex(name, "-")
					mode, form = name[:i], name[i+1:]
				}
				switch form {
				case "":
					// pg_dump keeps each sequence's last_value and is_called.
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s: collisions after restore\n got %+v\nwant %+v", name, got, want)
					}
				case "nosetval":
					// Without its setval a sequence stays at START WITH. That
					// hides a collision only when START is past the keys
					// (below them, descending): a stale setval there does
					// more harm than none.
					have := map[string]bool{}
					for _, x := range got {
						have[x.Sequence] = true
					}
					for _, x := range want {
						if have[x.Sequence] {
							continue
						}
						past := dbs[name].Exec(t, fmt.Sprintf(
							"SELECT CASE WHEN seqincrement > 0 THEN seqstart > %[1]s ELSE seqstart < %[1]s END FROM pg_sequence WHERE seqrelid = %[2]s::regclass",
							x.MaxKey, literal(x.Sequence)))
						if past != "t" {
							t.Errorf("%s: %s collides as dumped but not without setval, and its START is not past %s", name, x.Sequence, x.MaxKey)
						} else {
							t.Logf("%s: %s collides only because of its setval: START is past %s", name, x.Sequence, x.MaxKey)
						}
					}
				case "halfsetval":
					// Each sequence is either as dumped or at START WITH.
					either := append(append([]pgtest.Collision{}, want...), restored[mode+"-nosetval"]...)
					for _, x := range got {
						found := false
						for _, y := range either {
							found = found || x == y
						}
						if !found {
							t.Errorf("%s: %+v is neither as dumped nor as without setval", name, x)
						}
					}
				default:
					t.Fatalf("unknown variant %s", name)
				}
			}
		})
	}
}
