package analyzer

// Pass is what a rule sees: the statement being run (in OnStmt) and the
// catalog of the database it runs in.
type Pass struct {
	Rule    *Rule
	Stmt    *Stmt
	Catalog *Catalog
	report  func(Diagnostic)
}

// Report records a finding of the pass's rule, at the rule's severity.
func (p *Pass) Report(d Diagnostic) {
	d.Rule = p.Rule.Name
	if d.Severity == 0 {
		d.Severity = p.Rule.Severity
	}
	if d.Subject != nil && p.Catalog != nil {
		d.Subject.Database = p.Catalog.Database
	}
	p.report(d)
}
