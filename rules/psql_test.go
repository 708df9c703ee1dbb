package rules_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
	"github.com/pgseqlint/pgseqlint/rules"
)

// psqlOwnError is an error psql itself prints (lower case, unlike the
// server's ERROR), with the line it stands on.
var psqlOwnError = regexp.MustCompile(`(?m)^psql:[^\n]*?:(\d+): error: (.*)$`)

// endOfFile is psql's complaint about an \if left open, which it places at
// the end of the file and pgseqlint at the \if.
const endOfFile = `reached EOF without finding closing \endif(s)`

// TestPsqlErrorsAgreeWithPsql runs the cases of psql-error with psql and
// checks that its errors are psql's own, line by line and word for word.
func TestPsqlErrorsAgreeWithPsql(t *testing.T) {
	c := pgtest.Start(t)
	files, _ := filepath.Glob(filepath.Join("testdata", rules.PsqlError.Name, "*.sql"))
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			abs, err := filepath.Abs(file)
			if err != nil {
				t.Fatal(err)
			}
			stderr := c.NewDatabase(t).Run(t, abs)
			var psql, ours []string
			for _, m := range psqlOwnError.FindAllStringSubmatch(stderr, -1) {
				if strings.HasPrefix(m[2], "extra argument") {
					continue // a warning psql words as an error; it changes nothing
				}
				if m[2] == endOfFile {
					m[1] = "EOF"
				}
				psql = append(psql, m[1]+": "+m[2])
			}
			for _, d := range findingsOf(t, file, rules.PsqlError) {
				if d.Message == endOfFile {
					ours = append(ours, "EOF: "+d.Message)
				} else if d.Severity.String() == "error" || d.Severity == 0 {
					ours = append(ours, fmt.Sprintf("%d: %s", d.Span.Line, d.Message))
				}
			}
			if !slices.Equal(psql, ours) {
				t.Errorf("psql says:\n%s\npgseqlint says:\n%s\n(psql's stderr:\n%s)", strings.Join(psql, "\n"), strings.Join(ours, "\n"), stderr)
			}
		})
	}
}
