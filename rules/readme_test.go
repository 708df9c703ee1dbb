package rules_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/golden"
	"github.com/pgseqlint/pgseqlint/rules"
)

const (
	tableBegin = "<!-- rules table: generated from the rules' metadata by go test ./rules -update -->\n"
	tableEnd   = "<!-- end of rules table -->\n"
)

// TestReadmeRuleTable keeps README's rule table the one the rules'
// metadata makes; go test ./rules -update rewrites it.
func TestReadmeRuleTable(t *testing.T) {
	path := filepath.Join("..", "README.md")
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	begin := bytes.Index(readme, []byte(tableBegin))
	end := bytes.Index(readme, []byte(tableEnd))
	if begin < 0 || end < begin {
		t.Fatalf("%s: no rules table between %q and %q", path, tableBegin, tableEnd)
	}
	var want bytes.Buffer
	want.Write(readme[:begin+len(tableBegin)])
	want.WriteString("\n" + ruleTable() + "\n")
	want.Write(readme[end:])
	golden.Check(t, path, want.Bytes())
}

// ruleTable is the Markdown table of the rules, in the registry's order.
func ruleTable() string {
	var b strings.Builder
	b.WriteString("| rule | severity | finds |\n|---|---|---|\n")
	for _, r := range rules.All() {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", r.Name, r.Severity, markdownEscape(r.Doc.Title))
	}
	return b.String()
}

// markdownEscape keeps a title's own characters from being read as
// Markdown: table bars, backslashes, emphasis.
func markdownEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `|`, `\|`, `*`, `\*`, `_`, `\_`).Replace(s)
}
