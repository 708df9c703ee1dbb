// Package analyzer runs a script through the model and the rules. Its
// driver (Check) reads each input analyzer/source opens with an
// analyzer/script splitter, parses each statement (pg_dump's INSERTs on a
// fast path, applied on a goroutine of their own while the splitter reads
// on, or folded a run at a time), runs psql's meta-commands (\connect, \i, \copy), applies each
// statement to the analyzer/catalog model of its database, and calls the
// rules. It also holds the rule API: Rule, Pass, Diagnostic, ignore
// comments and configuration.
//
// It may import analyzer/catalog, analyzer/script, analyzer/source and the
// packages below them; it must never import analyzer/report, analyzer/fix,
// rules or the commands, which are built on it.
package analyzer
