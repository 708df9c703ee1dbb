// Package catalog is the model of one database as a script builds it:
// schemas, tables and their columns, sequences and where each stands,
// names resolved along the search path, the values expressions compute
// (setval, nextval, max over what was loaded), the keys loaded into each
// column folded to a few numbers, and the events statements cause that
// rules report. From it come the verdicts: a sequence's collision with the
// keys it feeds, and how far it has come toward its limit.
//
// It is given statements already read (analyzer/script) and parsed
// (analyzer/ast); it may import those and analyzer/pgparse, and must never
// import analyzer or anything above it.
package catalog
