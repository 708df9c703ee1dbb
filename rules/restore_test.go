package rules_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
	"github.com/pgseqlint/pgseqlint/rules"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestRejectionsAgreeWithPostgres restores the cases of the rules that
// predict a failed statement and checks the prediction: the statements
// whose findings are wanted are exactly those PostgreSQL rejects with that
// kind of error.
func TestRejectionsAgreeWithPostgres(t *testing.T) {
	c := pgtest.Start(t)
	for _, tc := range []struct {
		rule   *analyzer.Rule
		errors *regexp.Regexp
		// skip are the cases where the rule knowingly says less, or says it
		// elsewhere, than an empty database does.
		skip map[string]string
	}{
		{rule: rules.IdentityNeedsOverride, errors: regexp.MustCompile(`^cannot insert a non-DEFAULT value into column`), skip: map[string]string{
			"ignore.sql": "its silenced findings are not wanted",
		}},
		{rule: rules.SequenceNotFound, errors: regexp.MustCompile(`^relation ".*" does not exist`), skip: map[string]string{
			"schemas.sql":      "a schema the script does not create may hold the sequence in the database it runs in",
			"late_binding.sql": "the server fails at the insert that takes the default; the finding is at the default",
		}},
		{rule: rules.MalformedCopy, errors: regexp.MustCompile(`^(extra data after last expected column|missing data for column|invalid input syntax for type|null value in column)`), skip: map[string]string{
			"ignore.sql": "its silenced findings are not wanted",
		}},
	} {
		files, _ := filepath.Glob(filepath.Join("testdata", tc.rule.Name, "*.sql"))
		for _, file := range files {
			if why, ok := tc.skip[filepath.Base(file)]; ok {
				t.Logf("%s: not compared: %s", file, why)
				continue
			}
			t.Run(tc.rule.Name+"/"+filepath.Base(file), func(t *testing.T) {
				abs, err := filepath.Abs(file)
				if err != nil {
					t.Fatal(err)
				}
				stmts := statementLines(t, file)
				var wanted, rejected []int
				for _, w := range readWants(t, file) {
					wanted = append(wanted, stmts.at(w.line))
				}
				stderr := c.NewDatabase(t).Run(t, abs)
				for _, m := range psqlError.FindAllStringSubmatch(stderr, -1) {
					line, _ := strconv.Atoi(m[1])
					if tc.errors.MatchString(m[2]) {
						rejected = append(rejected, stmts.at(line))
					}
				}
				// One statement may have several findings, or errors.
				wanted, rejected = slices.Compact(wanted), slices.Compact(rejected)
				if !slices.Equal(wanted, rejected) {
					t.Errorf("statements (by first line) with wanted findings %v, rejected by PostgreSQL %v:\n%s", wanted, rejected, stderr)
				}
			})
		}
	}
}

var psqlError = regexp.MustCompile(`(?m)^psql:[^\n]*?:(\d+): ERROR:  (.*)$`)

// statements are the line ranges of a script's statements, COPY rows
// included, in order.
type statements [][2]int

// at returns the first line of the statement that holds line.
func (s statements) at(line int) int {
	for _, st := range s {
		if st[0] <= line && line <= st[1] {
			return st[0]
		}
	}
	return line
}

func statementLines(t *testing.T, file string) statements {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sp := script.NewSplitter(file, f)
	var out statements
	for {
		st, err := sp.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		lines := [2]int{st.Span.Line, st.Span.EndLine}
		if st.CopyIn {
			end, err := sp.CopyData(nil)
			if err != nil {
				t.Fatal(err)
			}
			lines[1] = end.Span.EndLine
		}
		out = append(out, lines)
	}
}

// TestVerdictsAgreeWithPostgres restores the cases of the rules that
// speak of collisions and holds their verdicts to the catalog's: the
// sequences that missing-setval and stale-setval report are exactly those
// PostgreSQL finds colliding after the restore, but for those a finding
// says pgseqlint cannot follow: code it cannot run, keys it cannot see
// (which may or may not collide).
// The scripts run with psql as a restore does, going on after errors.
func TestVerdictsAgreeWithPostgres(t *testing.T) {
	c := pgtest.Start(t)
	for _, rule := range []*analyzer.Rule{rules.MissingSetval, rules.StaleSetval, rules.UnknownTable, rules.UnverifiableSequence} {
		files, _ := filepath.Glob(filepath.Join("testdata", rule.Name, "*.sql"))
		for _, file := range files {
			if strings.HasPrefix(filepath.Base(file), "ignore") {
				t.Logf("%s: not compared: its silenced findings are not wanted", file)
				continue
			}
			t.Run(rule.Name+"/"+filepath.Base(file), func(t *testing.T) {
				abs, err := filepath.Abs(file)
				if err != nil {
					t.Fatal(err)
				}
				db := c.NewDatabase(t)
				db.RunWith(t, abs, pgtest.RunOptions{Dir: t.TempDir()})
				var truth []string
				for _, col := range db.Collisions(t) {
					truth = append(truth, col.Sequence)
				}
				reported, warned := verdicts(t, file)
				for _, s := range reported {
					if !slices.Contains(truth, s) {
						t.Errorf("pgseqlint reports %s, which PostgreSQL does not find colliding", s)
					}
				}
				for _, s := range truth {
					if !slices.Contains(reported, s) && !slices.Contains(warned, s) {
						t.Errorf("PostgreSQL finds %s colliding, which pgseqlint neither reports nor warns of", s)
					}
				}
			})
		}
	}
}

// verdicts are the sequences a check of file reports colliding, and those
// its warnings say it cannot follow.
func verdicts(t *testing.T, file string) (reported, warned []string) {
	t.Helper()
	res, err := analyzer.Check(context.Background(), analyzer.Options{Paths: []string{file}, Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if d.Subject == nil || d.Subject.Sequence == "" {
			continue
		}
		switch {
		case d.Rule == rules.UnverifiableSequence.Name,
			// Keys pgseqlint cannot see (COPY FROM a file the server
			// may not have) are not proven to collide either.
			d.Rule == rules.MissingSetval.Name && d.Subject.MaxKey == "":
			warned = append(warned, d.Subject.Sequence)
		case d.Rule == rules.MissingSetval.Name, d.Rule == rules.StaleSetval.Name:
			reported = append(reported, d.Subject.Sequence)
		}
	}
	return reported, warned
}
