package analyzer

import (
	"fmt"
	"strings"
)

// Severity says how much a finding matters; configuration may change a
// rule's default.
type Severity int

const (
	SeverityWarning Severity = iota + 1
	SeverityError
)

func (s Severity) String() string {
	switch s {
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// ParseSeverity reads "error" or "warning".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return SeverityError, nil
	case "warning":
		return SeverityWarning, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error or warning)", s)
}

func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Doc is a rule's documentation. It feeds `pgseqlint explain`, the README's
// rule table and the SARIF rule descriptors.
type Doc struct {
	Title string // one line, lower case, no final period: what the rule finds
	Why   string // why it breaks, in full sentences
	Bad   string // SQL that the rule reports
	Good  string // the same SQL, corrected
}

// Text is the documentation for people: why the rule matters, then SQL to
// avoid and SQL to use instead.
func (d Doc) Text() string {
	return fmt.Sprintf("%s\n\nInstead of:\n\n%s\n\nUse:\n\n%s\n", d.Why, indent(d.Bad), indent(d.Good))
}

// Markdown is the documentation as a Markdown page: its title, why the
// rule matters, then SQL to avoid and SQL to use instead.
func (d Doc) Markdown() string {
	return fmt.Sprintf("%s\n\nInstead of:\n\n```sql\n%s\n```\n\nUse:\n\n```sql\n%s\n```\n", d.Why, d.Bad, d.Good)
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

// A Rule inspects the model as statements stream past and reports
// diagnostics. Its Name is kebab-case, stable, and never reused.
type Rule struct {
	Name     string
	Severity Severity
	Doc      Doc
	// Live is set for a rule about what a live database holds (check
	// --db, db): a script alone never makes it speak, and its examples
	// are databases, built by their SQL and read by a role named auditor.
	Live bool
	// OnStmt, when set, is called for every statement that did something
	// rules may report (pass.Events is not empty), after it has been
	// applied to the catalog, with pass.Stmt set.
	OnStmt func(pass *Pass)
	// Finish, when set, is called once per database after the last
	// statement, with the final catalog.
	Finish func(pass *Pass)
	// Ignores, when set, is called once at the very end, after the ignore
	// comments have silenced the findings they name, with every ignore
	// comment read.
	Ignores func(pass *Pass, ignores []*Ignore)
}
