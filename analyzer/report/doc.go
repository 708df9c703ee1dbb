// Package report writes what a run found: text for people (with colour
// when asked), JSON, SARIF for code scanning, GitHub Actions annotations
// and GitLab Code Quality, naming files relative to a source root.
//
// It reads the analyzer's results; nothing below it may import it, and it
// must never import analyzer/fix.
package report
