package rules_test

import (
	"context"
	"sync"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/livedb"
	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
	"github.com/pgseqlint/pgseqlint/rules"
)

var auditorOnce sync.Once

// liveFindingsOf builds a database with the SQL of file, as a superuser,
// then audits it as the role auditor, as db does, and returns the findings
// of the rule.
func liveFindingsOf(t *testing.T, file string, rule *analyzer.Rule) []analyzer.Diagnostic {
	t.Helper()
	c := pgtest.Start(t)
	auditorOnce.Do(func() { c.CreateRole(t, "auditor", "") })
	db := c.NewDatabase(t)
	db.RunStrict(t, file)
	conn, err := livedb.Connect(context.Background(), db.ConnString("auditor"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	snap, err := conn.Read(context.Background(), livedb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := analyzer.Check(context.Background(), analyzer.Options{Database: snap.Catalog, Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	var found []analyzer.Diagnostic
	for _, d := range res.Diagnostics {
		if d.Rule == rule.Name {
			found = append(found, d)
		}
	}
	return found
}
