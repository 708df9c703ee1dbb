// Package source opens what a PATH of the command line holds, in the order
// it runs: a file or standard input, read ahead on a goroutine; compressed streams (detected by content); pg_dump archives;
// and migration directories, whose files (or their up sections) run in the
// order their tool runs them. It counts the bytes read for a progress bar.
//
// It hands out bytes and knows nothing of SQL: it must never import
// analyzer/script, analyzer/catalog, analyzer or anything above them.
package source
