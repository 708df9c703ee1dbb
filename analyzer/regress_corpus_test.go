package analyzer_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
	"github.com/pgseqlint/pgseqlint/rules"
)

// corpusFiles lists every file under the given folders of the shared
// corpus, sorted.
func corpusFiles(t *testing.T, folders ...string) []string {
	t.Helper()
	var files []string
	for _, folder := range folders {
		err := filepath.WalkDir(corpusPath(t, folder), func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

const (
	// checkDeadline bounds the check of one file. The slowest file of the
	// corpus takes about two seconds, under -race too, on a machine busy
	// with other work: a check still running after fifteen times that is
	// hung.
	checkDeadline = 30 * time.Second

	// heapGrowthLimit bounds how far the Go heap may grow, from where a
	// collection left it, while one file is checked. The analyzer streams:
	// it holds a window of the input (4 MiB at most), the statement at hand
	// with its parse tree, and the model of the schema, never the data; no
	// file of the corpus reaches 1 MB, and none needs more than 3 MiB.
	// Growth past this means something keeps what it should let go, or
	// grows without end. (The parser's own memory is C's, not counted:
	// pg_query frees it after each statement.)
	heapGrowthLimit = 64 << 20
)

// TestRegressCorpus checks every file of PostgreSQL's regression SQL (18.3)
// and libpg_query's (17) with its parser test inputs, a few of them C and
// JSON: all read as scripts, as a user could pass them. None may panic, hang
// or take memory out of proportion; a run may end in an error only when it
// names the file (a \i of a file that is not there). It logs what the runs
// came to: statements, findings, time, and the Go heap.
func TestRegressCorpus(t *testing.T) {
	corpus := corpusPath(t)
	files := corpusFiles(t, "regress", "fixtures")
	kinds := map[string]int{}
	var statements, findings, syntaxErrors, failed int
	var slowest, hungriest checkOutcome
	var peak uint64
	start := time.Now()
	for _, path := range files {
		name, _ := filepath.Rel(corpus, path)
		kinds[filepath.Ext(path)]++
		c, finished := checkBounded(path)
		switch {
		case !finished:
			t.Fatalf("%s: the check is still running after %v", name, checkDeadline)
		case c.panicked != "":
			t.Errorf("%s: panic: %s", name, c.panicked)
			continue
		case c.err != nil:
			if !strings.Contains(c.err.Error(), path) {
				t.Errorf("%s: the error does not name the file: %v", name, c.err)
			}
			t.Logf("%s: %v", name, c.err)
			failed++
			continue
		}
		if c.HeapGrowth > heapGrowthLimit {
			t.Errorf("%s: the heap grew by %s (the limit is %s)", name, checktest.MiB(c.HeapGrowth), checktest.MiB(heapGrowthLimit))
		}
		c.name = name
		if c.Took > slowest.Took {
			slowest = c
		}
		if c.HeapGrowth > hungriest.HeapGrowth {
			hungriest = c
		}
		peak = max(peak, c.HeapPeak)
		statements += c.res.Statements
		findings += len(c.res.Diagnostics)
		for _, d := range c.res.Diagnostics {
			if d.Rule == rules.SyntaxError.Name {
				syntaxErrors++
			}
		}
	}
	t.Logf("%d files %v: %d statements, %d findings, %d of them syntax-error; %d runs ended in an error; "+
		"%v in all, the slowest %s (%v); peak heap %s, grown by at most %s in one file (%s)",
		len(files), kinds, statements, findings, syntaxErrors, failed,
		time.Since(start).Round(time.Millisecond), slowest.name, slowest.Took.Round(time.Millisecond),
		checktest.MiB(peak), checktest.MiB(hungriest.HeapGrowth), hungriest.name)
}

// checkOutcome is what checking one file came to.
type checkOutcome struct {
	name              string
	res               *analyzer.Result
	err               error
	panicked          string // the panic and its stack
	checktest.Bounded        // what the check cost
}

// checkBounded checks one file with all the rules on a goroutine of its
// own, watching the heap. It gives up at checkDeadline, leaving the
// goroutine behind, and reports false.
func checkBounded(path string) (checkOutcome, bool) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var c checkOutcome
	cost, finished := checktest.RunBounded(checkDeadline, func() {
		defer func() {
			if r := recover(); r != nil {
				c.panicked = fmt.Sprintf("%v\n%s", r, debug.Stack())
			}
		}()
		c.res, c.err = analyzer.Check(ctx, analyzer.Options{Paths: []string{path}, Rules: rules.All()})
	})
	if !finished {
		return checkOutcome{}, false
	}
	c.Bounded = cost
	return c, true
}

// TestRegressCorpusAgainstPsql runs every fourth regression file (by name:
// 58 files, well under a minute) with psql on a PostgreSQL 15 server, each
// in a fresh database with a statement timeout, and holds pgseqlint's
// syntax-error findings to the server's parser: each must be at a line
// where psql reports the same rejection (see psqlError.reports). pgseqlint
// parses with PostgreSQL 17's grammar and the files are 18's, so psql
// reports more: syntax newer than 15 (MERGE ... BY SOURCE, SQL/JSON
// functions, virtual generated columns), bodies of functions, and the rows
// of a COPY the server refused, which psql then reads as SQL. Those are
// counted, not compared.
//
// A finding psql does not confirm is excused, and logged, when the script
// is not what reached the server there:
//   - at a psql variable (:name, :'name', :"name"): psql put its value in
//     (one it leaves, unset, the server rejects as pgseqlint does);
//   - in an \if branch or after a \quit: psql may not have run it (the
//     collate.* files quit when the database's locale is not theirs);
//   - after a parser error psql reports earlier in the same statement: the
//     statement uses syntax newer than 15, which stopped at it (a NOT
//     MATCHED BY SOURCE clause), while 17 reads on to the error the file
//     means;
//   - where 15 calls a function that 16 and 17 made syntax, the SQL/JSON
//     constructors: 17 rejects JSON() without an argument, 15 looks for a
//     function json() and reports that it does not exist.
//
// One more is excused without being placed: where the script turned ECHO
// off, psql does not echo the failed statement, and the error is only
// known to be sent at or after the finding's line; it must then be the
// next psql reports, with the same message.
func TestRegressCorpusAgainstPsql(t *testing.T) {
	regress := corpusFiles(t, "regress")
	c := pgtest.Start(t)
	t.Run("placing", func(t *testing.T) { testPsqlErrorPlaces(t, c) })

	var sample []string
	for i, path := range regress {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// psql 15 repeats a \watch until it is interrupted (16 gave it a
		// count).
		if i%4 == 0 && !strings.Contains(string(src), `\watch`) {
			sample = append(sample, path)
		}
	}
	tally := syntaxTally{excused: map[string]int{}}
	for _, path := range sample {
		t.Run(filepath.Base(path), func(t *testing.T) {
			tally.files++
			compareWithPsql(t, c, path, &tally)
		})
	}
	t.Logf("%d of %d regression files run with psql on PostgreSQL %d.%d: pgseqlint reports %d syntax errors, "+
		"%d where psql reports the same error, excused %v; psql reports %d parser errors pgseqlint does not",
		tally.files, len(regress), c.Version()/10000, c.Version()%100, tally.findings, tally.agreed, tally.excused, tally.psqlOnly)
}

// syntaxTally counts what comparing files with psql came to.
type syntaxTally struct {
	files, findings, agreed, psqlOnly int
	excused                           map[string]int
}

// compareWithPsql runs a script with psql in a fresh database and
// pgseqlint's syntax-error rule on it, and holds each finding to psql's
// errors. It returns psql's errors.
func compareWithPsql(t *testing.T, c *pgtest.Cluster, path string, tally *syntaxTally) []psqlError {
	t.Helper()
	stderr := c.NewDatabase(t).RunWith(t, path, pgtest.RunOptions{
		StatementTimeout: 5 * time.Second,
		Vars:             []string{"ECHO=errors", "VERBOSITY=verbose"},
		Dir:              t.TempDir(),
	})
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	errs := psqlErrors(stderr, path, src)
	res, err := analyzer.Check(context.Background(), analyzer.Options{Paths: []string{path}, Rules: []*analyzer.Rule{rules.SyntaxError}})
	if err != nil {
		t.Fatal(err)
	}
	mayNotRun := linesPsqlMaySkip(src)
	confirmed := make([]bool, len(errs))
	for _, f := range res.Diagnostics {
		tally.findings++
		found := false
		for i, e := range errs {
			if e.reports(f) {
				confirmed[i], found = true, true
			}
		}
		if found {
			tally.agreed++
			continue
		}
		why := excuse(f, src, mayNotRun, errs)
		if why == "" {
			t.Errorf("%d:%d: pgseqlint: %s; psql: %s", f.Span.Line, f.Span.Col, f.Message, nearby(errs, f.Span.Line))
			continue
		}
		tally.excused[why]++
		t.Logf("%d:%d: %s (%s); psql: %s", f.Span.Line, f.Span.Col, f.Message, why, nearby(errs, f.Span.Line))
	}
	for i, e := range errs {
		if !confirmed[i] && e.byParser() {
			tally.psqlOnly++
		}
	}
	return errs
}

// testPsqlErrorPlaces holds psqlErrors to what psql really prints, and
// pgseqlint to it. psql's line number (psql:FILE:N:) is the line it was
// reading when it sent the statement, not the line of the error: the
// statement's last, with its semicolon, or the line of the meta-command
// that sent it (\g), whose newline psql drops from the statement. The
// statement psql echoes (ECHO=errors) gives its first line, and the
// server's position in it (LINE k, or "at character P" with
// VERBOSITY=terse) the error's; an error without a position (WITH TIES
// without ORDER BY) is about the statement, which starts where psql's query
// buffer does: at its first token, or a /* comment */ before it.
func testPsqlErrorPlaces(t *testing.T, c *pgtest.Cluster) {
	script := filepath.Join(t.TempDir(), "places.sql")
	sql := "SELECT 1;\n" +
		"SELECT 1\n" +
		"  FROM\n" +
		"  nosuch syntax error\n" +
		"  ;\n" +
		"/* sent with it */ SELECT 3 3; SELECT 4\n" +
		"  4;\n" +
		"SELECT 1\n" +
		"  FETCH FIRST 1 ROW WITH TIES;\n" +
		"CREATE TABLE\n" +
		"\\g\n" +
		"CREATE TABLE\n" +
		"\n" +
		"\\g\n" +
		"SELECT 1\n" +
		"\n" +
		"  bad bad;\n" +
		"\\set VERBOSITY terse\n" +
		"SELECT 5\n" +
		"  5\n" +
		"  ;\n" +
		"SELECT 'never ends\n"
	if err := os.WriteFile(script, []byte(sql), 0o644); err != nil {
		t.Fatal(err)
	}
	tally := syntaxTally{excused: map[string]int{}}
	var got []string
	for _, e := range compareWithPsql(t, c, script, &tally) {
		got = append(got, fmt.Sprintf("sent %d, statement from %d, error at %d-%d: %s", e.sent, e.start, e.first, e.last, e.message))
	}
	want := []string{
		`sent 5, statement from 2, error at 4-4: syntax error at or near "error"`,
		`sent 6, statement from 6, error at 6-6: syntax error at or near "3"`,
		`sent 7, statement from 6, error at 7-7: syntax error at or near "4"`,
		`sent 9, statement from 8, error at 8-8: WITH TIES cannot be specified without ORDER BY clause`,
		`sent 11, statement from 10, error at 10-10: syntax error at end of input`,
		`sent 14, statement from 12, error at 12-12: syntax error at end of input`,
		`sent 17, statement from 15, error at 17-17: syntax error at or near "bad"`,
		`sent 21, statement from 19, error at 20-20: syntax error at or near "5"`,
		`sent 22, statement from 22, error at 22-22: unterminated quoted string at or near "'never ends"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("psql's errors placed as\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if tally.agreed != len(want) || tally.findings != len(want) {
		t.Errorf("pgseqlint agrees with %d of psql's %d errors, in %d findings", tally.agreed, len(want), tally.findings)
	}
}

// psqlError is an ERROR psql printed while it ran a script (with
// ECHO=errors, so that the failed statement follows it).
type psqlError struct {
	// sent is psql's line number (psql:FILE:N:), the statement's last.
	sent int
	// start is the statement's first line, from its echo; 0 when psql did
	// not echo it (the script turned ECHO off).
	start int
	// first and last are the lines the error is at: the one line psql
	// shows (LINE k, or "at character P" with VERBOSITY=terse); the
	// statement's first for an error the server gives no position
	// (pgseqlint places those at the start); the whole statement when
	// VERBOSITY=sqlstate shows nothing but the code.
	first, last int
	// code (SQLSTATE) and location (the server's source file) are shown
	// with VERBOSITY=verbose, which the script may turn down.
	code, message, location string

	lineInStatement, charInStatement int
}

var (
	psqlErrorHead   = regexp.MustCompile(`^ERROR:  (?:([0-9A-Z]{5})(?:: |$))?(.*)$`)
	psqlErrorLine   = regexp.MustCompile(`^LINE (\d+): `)
	psqlErrorAtChar = regexp.MustCompile(` at character (\d+)$`)
	psqlLocation    = regexp.MustCompile(`^LOCATION:  .*, ([^,:]+):\d+$`)
)

// psqlErrors reads the errors in psql's stderr for the script at path,
// whose text is src.
func psqlErrors(stderr, path string, src []byte) []psqlError {
	script := strings.Split(string(src), "\n")
	var errs []psqlError
	open := false // the last message was an error, whose statement may follow
	for _, m := range psqlMessages(stderr, path) {
		if text, ok := strings.CutPrefix(m.body, "STATEMENT:  "); ok && open && errs[len(errs)-1].sent == m.sent {
			errs[len(errs)-1].place(strings.Join(append([]string{text}, m.more...), "\n"), script)
			open = false
			continue
		}
		head := psqlErrorHead.FindStringSubmatch(m.body)
		if open = head != nil; !open {
			continue
		}
		e := psqlError{sent: m.sent, code: head[1], message: head[2]}
		if at := psqlErrorAtChar.FindStringSubmatch(e.message); at != nil {
			e.message = strings.TrimSuffix(e.message, at[0])
			e.charInStatement, _ = strconv.Atoi(at[1])
		}
		for _, line := range m.more {
			if l := psqlErrorLine.FindStringSubmatch(line); l != nil && e.lineInStatement == 0 {
				e.lineInStatement, _ = strconv.Atoi(l[1])
			}
			if l := psqlLocation.FindStringSubmatch(line); l != nil {
				e.location = l[1]
			}
		}
		errs = append(errs, e)
	}
	return errs
}

// place finds the error's lines in the script from its statement as psql
// echoed it. psql sent it from line e.sent, where its last line is, or
// from a meta-command that starts that line (\g), after it; and psql skips
// empty lines outside quotes, so the statement's lines are the script's
// with those left out.
func (e *psqlError) place(statement string, script []string) {
	line := e.sent
	if line <= len(script) && strings.HasPrefix(script[line-1], `\`) {
		line--
	}
	lines := strings.Split(statement, "\n")
	at := make([]int, len(lines)) // the script's line of each of them
	for i := len(lines) - 1; i >= 0; i-- {
		for lines[i] != "" && line > 1 && line <= len(script) && script[line-1] == "" {
			line--
		}
		at[i] = line
		line--
	}
	e.start = at[0]
	e.first, e.last = e.start, e.start
	switch {
	case e.lineInStatement > 0:
		e.first = at[min(e.lineInStatement, len(at))-1]
	case e.charInStatement > 0:
		chars := []rune(statement)
		e.first = at[strings.Count(string(chars[:min(e.charInStatement-1, len(chars))]), "\n")]
	case e.message == "":
		e.last = at[len(at)-1]
		return
	}
	e.last = e.first
}

// psqlMessage is one message psql printed for a script: its first line,
// after "psql:FILE:N: ", and the lines that follow it.
type psqlMessage struct {
	sent int
	body string
	more []string
}

func psqlMessages(stderr, path string) []psqlMessage {
	prefix := "psql:" + path + ":"
	var messages []psqlMessage
	for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		if !strings.HasPrefix(line, "psql:") {
			if len(messages) > 0 {
				messages[len(messages)-1].more = append(messages[len(messages)-1].more, line)
			}
			continue
		}
		// A message about another file (one the script includes) is kept
		// apart, unread.
		var m psqlMessage
		if rest, ok := strings.CutPrefix(line, prefix); ok {
			n, body, _ := strings.Cut(rest, ": ")
			m.sent, _ = strconv.Atoi(n)
			m.body = body
		}
		messages = append(messages, m)
	}
	return messages
}

// parserSources are the server's source files whose errors its raw parser
// raises, as LOCATION names them: the scanner, the grammar, and the filter
// between them.
var parserSources = map[string]bool{"scan.l": true, "gram.y": true, "parser.c": true, "scansup.c": true}

// byParser reports whether the server's raw parser raised the error, as
// far as psql shows: from its location, its SQLSTATE, or its words.
func (e psqlError) byParser() bool {
	switch {
	case e.location != "":
		return parserSources[e.location]
	case e.code != "":
		return e.code == "42601" // syntax_error
	}
	return scannerMessage.MatchString(e.message)
}

var scannerMessage = regexp.MustCompile(`^(syntax error|unterminated |zero-length delimited identifier|trailing junk after)`)

// reports tells whether the error is the rejection that finding f reports:
// at its line, with the same message (pgseqlint's parser is the server's
// grammar, words included), or raised by the parser where psql shows
// that. The same message counts even where 15 raised it after parsing:
// 16 moved checks into the grammar (PARTITION BY MAGIC).
func (e psqlError) reports(f analyzer.Diagnostic) bool {
	if e.start == 0 || f.Span.Line < e.first || f.Span.Line > e.last {
		return false
	}
	return e.message == f.Message || (e.location != "" || e.message == "") && e.byParser()
}

var psqlVariable = regexp.MustCompile(`^:(['"]?[A-Za-z_]|\{\?)`)

// excuse says why finding f, which no error of psql's confirms, is no
// disagreement (see TestRegressCorpusAgainstPsql), or "".
func excuse(f analyzer.Diagnostic, src []byte, mayNotRun []bool, errs []psqlError) string {
	line := f.Span.Line
	switch {
	case f.Span.Start < int64(len(src)) && psqlVariable.Match(src[f.Span.Start:]):
		return "psql variable"
	case line < len(mayNotRun) && mayNotRun[line]:
		return `in an \if branch or after \quit`
	}
	for i, e := range errs {
		switch {
		case e.start == 0:
			if e.message == f.Message && e.sent >= line && (i == 0 || errs[i-1].sent < line) {
				return "the same error next, not echoed"
			}
		case e.start <= line && line <= e.sent && e.last < line && e.byParser():
			return "PostgreSQL 15 stopped earlier in the statement"
		case e.first <= line && line <= e.last && sqlJSONCall.MatchString(e.message):
			return "PostgreSQL 15 called an SQL/JSON constructor as a function"
		}
	}
	return ""
}

// sqlJSONCall is PostgreSQL 15's error for a call of a function whose name
// 16 and 17 made a keyword of the SQL/JSON syntax.
var sqlJSONCall = regexp.MustCompile(`^function (json|json_array|json_arrayagg|json_exists|json_object|json_objectagg|json_query|json_scalar|json_serialize|json_table|json_value)\(.*\) does not exist$`)

var branchCommand = regexp.MustCompile(`^\s*\\(if|endif|q|quit)\b`)

// linesPsqlMaySkip marks, by line number, the lines inside \if ... \endif
// and after a \quit.
func linesPsqlMaySkip(src []byte) []bool {
	lines := strings.Split(string(src), "\n")
	skip := make([]bool, len(lines)+1)
	depth, quit := 0, false
	for i, line := range lines {
		if m := branchCommand.FindStringSubmatch(line); m != nil {
			switch m[1] {
			case "if":
				depth++
			case "endif":
				depth = max(depth-1, 0)
			default:
				quit = true
			}
		}
		skip[i+1] = depth > 0 || quit
	}
	return skip
}

// nearby describes psql's errors in the statements around line, for a
// failure message.
func nearby(errs []psqlError, line int) string {
	var out []string
	for _, e := range errs {
		if e.start-5 <= line && line <= e.sent+5 {
			out = append(out, fmt.Sprintf("%d-%d: %s (sent at %d, %s%s)", e.first, e.last, e.message, e.sent, e.code, e.location))
		}
	}
	if len(out) == 0 {
		return "no error there"
	}
	return strings.Join(out, "; ")
}
