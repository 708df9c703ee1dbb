// Package fix writes the SQL that repairs what a run found: for each
// colliding sequence a setval computed from the data (or, --static, the
// literal values seen), collected into a patch that is written whole,
// inserted into the input files right after the statements it follows
// (atomically, every file or none), or shown as a unified diff.
//
// It may import analyzer and the packages below it; nothing below it may
// import it, and it must never import analyzer/report.
package fix
