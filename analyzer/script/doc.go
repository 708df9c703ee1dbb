// Package script reads a script the way psql does: it splits the input
// into statements and psql meta-commands with their exact spans (byte
// offset, line, and column in bytes and in characters), follows
// standard_conforming_strings, and streams the rows of COPY FROM STDIN to a
// sink. The rows of a dump are folded into key statistics as they pass
// (CopyFolder, marking them 16 KiB at a time with vector compares where the
// machine has them), and pg_dump's INSERT statements are read by a fast path
// held to the parser's result; the INSERTs that follow one into the same
// table are folded as a run (InsertRun), as COPY rows are. It also reads and writes names as the
// server's scanner does (quote_ident, truncation, regclass text).
//
// It may import analyzer/source (the bytes it reads), analyzer/ast and
// analyzer/pgparse; it must never import analyzer/catalog, analyzer or
// anything above them.
package script
