package report

import (
	"fmt"

	"github.com/pgseqlint/pgseqlint/analyzer"
)

// Repository is where pgseqlint and the pages of its rules live.
const Repository = "https://github.com/pgseqlint/pgseqlint"

// RuleDocPath is the page of a rule in the repository, relative to its
// root; TestRuleDocs writes it from the rule's documentation.
func RuleDocPath(r *analyzer.Rule) string { return "docs/rules/" + r.Name + ".md" }

// RuleDocURL is the address of a rule's page, which SARIF viewers link to.
func RuleDocURL(r *analyzer.Rule) string { return Repository + "/blob/main/" + RuleDocPath(r) }

// RulePage is a rule's page in Markdown: its name, severity and title,
// why it matters, the SQL to avoid and to use instead, and how to silence
// one finding.
func RulePage(r *analyzer.Rule) string {
	page := fmt.Sprintf("# %s\n\nSeverity: %s\n\n%s.\n\n%s", r.Name, r.Severity, capitalize(r.Doc.Title), r.Doc.Markdown())
	if r.Ignores == nil {
		page += fmt.Sprintf("\nTo silence one finding, write on the line before its statement:\n\n```sql\n-- pgseqlint-ignore %s: the reason\n```\n", r.Name)
	}
	return page + "\nThis page is written from the rule's documentation in the source (`pgseqlint explain " + r.Name + "` prints it).\n"
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
