package analyzer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
	"github.com/pgseqlint/pgseqlint/rules"
)

// sequenceHeavy are the regression files cut before every statement: the
// ones about sequences and the ways rows come in. The other files that
// touch sequences are cut before each DROP, where what they built is
// complete.
var sequenceHeavy = map[string]bool{
	"sequence.sql": true, "identity.sql": true, "insert.sql": true,
	"merge.sql": true, "with.sql": true, "truncate.sql": true,
}

// touchesSequences finds the files that make or move sequences.
var touchesSequences = regexp.MustCompile(`(?i)serial|identity|sequence|nextval|setval`)

// regressExcuses are the disagreements the regression-suite differential
// knows, each with its reason: the file, the sequence, and why pgseqlint's
// verdict differs from PostgreSQL 15's at the cuts where it does. Any
// other disagreement fails the test.
var regressExcuses = map[regressDisagreement]string{
	{file: "identity.sql", sequence: "public.pitest3_p1_f3_seq"}: "PostgreSQL 15 lets ALTER TABLE pitest3_p1 ... ADD GENERATED " +
		"ALWAYS AS IDENTITY (START WITH 3) give a partition an identity of its own, which PostgreSQL 17 rejects and " +
		"pgseqlint follows 17; PostgreSQL 15 then hands pitest3's own identity value 3 to a row routed to pitest3_p1, " +
		"whose sequence also starts at 3",
}

// regressDisagreement is one sequence of one file on which the verdicts
// differ at some cut: pgseqlint reports it and PostgreSQL does not (a
// false alarm), or the other way round (a miss).
type regressDisagreement struct {
	file, sequence string
	falseAlarm     bool
}

func (d regressDisagreement) String() string {
	kind := "miss"
	if d.falseAlarm {
		kind = "false alarm"
	}
	return fmt.Sprintf("%s: %s: %s", d.file, d.sequence, kind)
}

// regressCut is a point of a regression file where both verdicts are
// taken: right before a statement.
type regressCut struct {
	n      int
	offset int64 // of the statement in the file
	line   int
	// inBlock is set when the session was inside a transaction block there.
	inBlock bool
	// truth is what PostgreSQL says collides; ok is set when the session
	// could say (not in an aborted transaction, not under a role that
	// cannot read the tables).
	truth []string
	ok    bool
	// reported is what pgseqlint says collides at the end of the prefix;
	// warned are the sequences its warnings say it cannot follow.
	reported, warned []string
}

// regressTally counts what the cuts came to.
type regressTally struct {
	files, cuts, unreached, agree, agreeByWarning, falseAlarms, misses, excused int
}

// TestRegressDifferential runs PostgreSQL's own regression suite as a
// differential test. After test_setup.sql (in a template database), each
// file that touches sequences runs with psql in a fresh copy, going on
// after errors as pg_regress does, and at each cut point of the file the
// session asks its catalog which sequences collide (temporary relations
// left out: they go when the session ends). pgseqlint checks the same
// script up to that point — test_setup.sql, a new session, the file's
// statements before the cut — and the two lists must be equal, or the
// difference named in regressExcuses with its reason. At a cut inside a
// transaction block the session sees its own uncommitted work, so the
// check's script ends with COMMIT; inside an aborted one the session
// cannot be asked, and the cut is not counted.
func TestRegressDifferential(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("checks thousands of prefixes: minutes under -race, so .ci/run runs it without")
	}
	setups, _ := filepath.Glob(filepath.Join(corpusPath(t, "regress"), "*", "sql", "test_setup.sql"))
	if len(setups) != 1 {
		t.Skipf("no regression suite with a test_setup.sql in the corpus (found %q)", setups)
	}
	setupPath := setups[0]
	dir := filepath.Dir(setupPath)
	c := pgtest.Start(t)
	setup, err := os.ReadFile(setupPath)
	if err != nil {
		t.Fatal(err)
	}
	template := c.NewDatabase(t)
	template.RunWith(t, setupPath, pgtest.RunOptions{StatementTimeout: 5 * time.Second, Dir: t.TempDir()})

	names, err := filepath.Glob(filepath.Join(dir, "*.sql"))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var tally regressTally
	seen := map[regressDisagreement]bool{}
	var mu sync.Mutex
	// The files run side by side: while psql runs one, another is checked.
	t.Run("files", func(t *testing.T) {
		for _, path := range names {
			name := filepath.Base(path)
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if name == "test_setup.sql" || !sequenceHeavy[name] && !touchesSequences.Match(src) {
				continue
			}
			if bytes.Contains(src, []byte(`\watch`)) {
				// psql 15 repeats a \watch until it is interrupted.
				t.Logf("%s: not run: psql 15 runs its \\watch without end", name)
				continue
			}
			cuts := regressCuts(t, name, src)
			if len(cuts) == 0 {
				continue
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				db := c.NewDatabaseFrom(t, template)
				takeTruth(t, db, name, src, cuts)
				checkPrefixes(t, setup, src, cuts)
				mu.Lock()
				defer mu.Unlock()
				tally.files++
				compareCuts(t, name, cuts, &tally, seen)
			})
		}
	})
	for d, why := range regressExcuses {
		if !seen[d] {
			t.Errorf("excused disagreement no longer seen: %s (%s)", d, why)
		}
	}
	t.Logf("%d files, %d cuts (%d more psql did not reach or could not be asked at): %d agree (%d of them by a finding "+
		"that says pgseqlint cannot follow the sequence), %d with a false alarm, %d with a miss, %d excused; %v",
		tally.files, tally.cuts, tally.unreached, tally.agree, tally.agreeByWarning, tally.falseAlarms, tally.misses, tally.excused,
		time.Since(start).Round(time.Second))
	if tally.cuts == 0 {
		return
	}
	agreement := 100 * float64(tally.agree) / float64(tally.cuts)
	t.Logf("agreement %.2f%% (excused disagreements counted as disagreements)", agreement)
	if agreement < minRegressAgreement {
		t.Errorf("agreement %.2f%% is below %.1f%%", agreement, minRegressAgreement)
	}
}

// minRegressAgreement is the share of cuts, in percent, on which the
// verdicts must agree, excused disagreements counted against it.
const minRegressAgreement = 99.5

// regressCuts are the file's cut points: before every SQL statement of a
// sequence-heavy file, before every DROP of the others. A cut is made only
// before a statement that starts its line, where a marker can go without
// changing how psql reads the lines around it.
func regressCuts(t *testing.T, name string, src []byte) []*regressCut {
	t.Helper()
	sp := script.NewSplitter(name, bytes.NewReader(src))
	defer sp.Close()
	var cuts []*regressCut
	for {
		st, err := sp.Next()
		if errors.Is(err, io.EOF) {
			return cuts
		}
		if err != nil {
			t.Fatal(err)
		}
		if st.Kind != script.KindSQL {
			continue
		}
		lineStart := bytes.LastIndexByte(src[:st.Span.Start], '\n') + 1
		if len(bytes.TrimSpace(src[lineStart:st.Span.Start])) > 0 {
			continue
		}
		word := strings.ToLower(string(firstWord(st.Text)))
		if sequenceHeavy[name] || word == "drop" {
			cuts = append(cuts, &regressCut{n: len(cuts), offset: st.Span.Start, line: st.Span.Line})
		}
	}
}

func firstWord(text []byte) []byte {
	text = bytes.TrimLeft(text, " \t\r\n(")
	end := 0
	for end < len(text) && (text[end] >= 'a' && text[end] <= 'z' || text[end] >= 'A' && text[end] <= 'Z' || text[end] == '_') {
		end++
	}
	return text[:end]
}

// cutMarker asks the session at a cut whether it is in a transaction block
// and which sequences collide, and prints both on a line of its own. In a
// block the question runs inside a savepoint, so that a failure (a table
// the current role cannot read) cannot abort the script's transaction; in
// an aborted block the first question fails and nothing is printed.
func cutMarker(n int) string {
	query := "SELECT (" + pgtest.CollisionsQuery + ") AS pgseqlint_truth \\gset\n"
	return fmt.Sprintf(`
\unset pgseqlint_truth
\unset pgseqlint_in_block
SELECT pg_catalog.now() <> pg_catalog.statement_timestamp() AS pgseqlint_in_block \gset
\if :{?pgseqlint_in_block}
\if :pgseqlint_in_block
SAVEPOINT pgseqlint_cut;
%sROLLBACK TO SAVEPOINT pgseqlint_cut;
RELEASE SAVEPOINT pgseqlint_cut;
\else
%s\endif
\echo @@cut %d :pgseqlint_in_block :pgseqlint_truth
\endif
`, query, query, n)
}

var cutLine = regexp.MustCompile(`(?m)^@@cut (\d+) ([tf]) (.*)$`)

// takeTruth runs the file with a marker at each cut and reads what the
// session said there.
func takeTruth(t *testing.T, db *pgtest.DB, name string, src []byte, cuts []*regressCut) {
	t.Helper()
	var marked bytes.Buffer
	at := int64(0)
	for _, cut := range cuts {
		marked.Write(src[at:cut.offset])
		marked.WriteString(cutMarker(cut.n))
		at = cut.offset
	}
	marked.Write(src[at:])
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, marked.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _ := db.RunOutput(t, path, pgtest.RunOptions{StatementTimeout: 5 * time.Second, Dir: t.TempDir()})
	for _, m := range cutLine.FindAllStringSubmatch(stdout, -1) {
		var n int
		fmt.Sscan(m[1], &n)
		if n >= len(cuts) || strings.HasPrefix(m[3], ":") {
			continue // the question failed: no truth there
		}
		cs, err := pgtest.ParseCollisions(m[3])
		if err != nil {
			t.Fatal(err)
		}
		cut := cuts[n]
		cut.ok, cut.inBlock = true, m[2] == "t"
		for _, col := range cs {
			cut.truth = append(cut.truth, col.Sequence)
		}
	}
}

// checkPrefixes checks, for each cut psql answered at, the script up to
// it, on all cores.
func checkPrefixes(t *testing.T, setup, src []byte, cuts []*regressCut) {
	t.Helper()
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var mu sync.Mutex
	var failures []string
	for _, cut := range cuts {
		if !cut.ok {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			var prefix bytes.Buffer
			prefix.Write(setup)
			prefix.WriteString("\n\\connect -\n")
			prefix.Write(src[:cut.offset])
			if cut.inBlock {
				prefix.WriteString("\nCOMMIT;\n")
			}
			res, err := analyzer.Check(context.Background(), analyzer.Options{
				Paths: []string{"-"}, Stdin: &prefix, Rules: rules.All(),
			})
			if err != nil {
				mu.Lock()
				failures = append(failures, fmt.Sprintf("line %d: %v", cut.line, err))
				mu.Unlock()
				return
			}
			reported, warned := map[string]bool{}, map[string]bool{}
			for _, d := range res.Diagnostics {
				if d.Subject == nil || d.Subject.Sequence == "" || d.Subject.Database != "" {
					continue
				}
				switch {
				case d.Rule == rules.UnverifiableSequence.Name,
					// Keys pgseqlint cannot see are not proven to
					// collide either.
					d.Rule == rules.MissingSetval.Name && d.Subject.MaxKey == "":
					warned[d.Subject.Sequence] = true
				case d.Rule == rules.MissingSetval.Name, d.Rule == rules.StaleSetval.Name:
					reported[d.Subject.Sequence] = true
				}
			}
			cut.reported, cut.warned = sortedKeys(reported), sortedKeys(warned)
		}()
	}
	wg.Wait()
	sort.Strings(failures)
	for _, f := range failures {
		t.Errorf("the check failed: %s", f)
	}
}

// compareCuts holds each cut's verdicts to each other and tallies them.
// Disagreements are reported by sequence, with the cuts where they show.
func compareCuts(t *testing.T, name string, cuts []*regressCut, tally *regressTally, seen map[regressDisagreement]bool) {
	t.Helper()
	lines := map[regressDisagreement][]int{}
	var order []regressDisagreement
	for _, cut := range cuts {
		if !cut.ok {
			tally.unreached++
			continue
		}
		tally.cuts++
		var found []regressDisagreement
		for _, s := range cut.reported {
			if !slices.Contains(cut.truth, s) {
				found = append(found, regressDisagreement{file: name, sequence: s, falseAlarm: true})
			}
		}
		byWarning := false
		for _, s := range cut.truth {
			switch {
			case slices.Contains(cut.reported, s):
			case slices.Contains(cut.warned, s):
				byWarning = true
			default:
				found = append(found, regressDisagreement{file: name, sequence: s})
			}
		}
		if len(found) == 0 {
			tally.agree++
			if byWarning {
				tally.agreeByWarning++
			}
			continue
		}
		excused := true
		falseAlarm, miss := false, false
		for _, d := range found {
			if _, ok := lines[d]; !ok {
				order = append(order, d)
			}
			lines[d] = append(lines[d], cut.line)
			if _, ok := regressExcuses[d]; ok {
				seen[d] = true
			} else {
				excused = false
			}
			falseAlarm = falseAlarm || d.falseAlarm
			miss = miss || !d.falseAlarm
		}
		switch {
		case excused:
			tally.excused++
		case falseAlarm:
			tally.falseAlarms++
		}
		if !excused && miss {
			tally.misses++
		}
	}
	for _, d := range order {
		at := lines[d]
		if why, ok := regressExcuses[d]; ok {
			t.Logf("%s at %d cuts from line %d: excused: %s", d, len(at), at[0], why)
			continue
		}
		t.Errorf("%s at %d cuts, lines %s: not in regressExcuses", d, len(at), lineList(at))
	}
}

func lineList(lines []int) string {
	var parts []string
	for i, l := range lines {
		if i == 8 {
			parts = append(parts, fmt.Sprintf("... %d", lines[len(lines)-1]))
			break
		}
		parts = append(parts, fmt.Sprint(l))
	}
	return strings.Join(parts, ", ")
}
