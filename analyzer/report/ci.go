package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
	"github.com/pgseqlint/pgseqlint/analyzer/source"
)

// SourceRoot is the directory a CI system has the repository checked out
// in. Reports for CI (SARIF, GitHub annotations, GitLab Code Quality) name
// files relative to it, which is how code scanning and merge requests find
// them in the repository.
type SourceRoot struct {
	dir string // absolute, symbolic links resolved
	cwd string // what relative input names are relative to
}

// NewSourceRoot makes dir, relative to the current directory, the root.
func NewSourceRoot(dir string) (SourceRoot, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return SourceRoot{}, err
	}
	abs := dir
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(cwd, abs)
	}
	abs, err = filepath.EvalSymlinks(abs)
	if err != nil {
		return SourceRoot{}, source.PathError(dir, err)
	}
	return SourceRoot{dir: abs, cwd: cwd}, nil
}

// place is where a CI report says a finding is.
type place struct {
	// path is slash-separated: relative to the root for a file inside it,
	// absolute for a file outside it, and the input's name for standard
	// input or a live database.
	path string
	// file is false for standard input or a database, which no CI system
	// can show.
	file   bool
	inRoot bool
}

// place locates the input of a span, named as the driver names it. A
// symbolic link is resolved: code scanning matches results only against
// real files. Standard input, and a live database (a span with no line),
// are no file.
func (r SourceRoot) place(span script.Span) place {
	name := span.File
	if name == source.StdinName || span.Line == 0 {
		return place{path: name}
	}
	abs := name
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(r.cwd, abs)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	rel, err := filepath.Rel(r.dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return place{path: filepath.ToSlash(abs), file: true}
	}
	return place{path: filepath.ToSlash(rel), file: true, inRoot: true}
}

// fingerprints identify each diagnostic across runs, for CI systems that
// track findings from commit to commit: the rule, the file (relative to
// the root) and what the finding is about — the sequence, or for a finding
// about no sequence the statement's first line and the message — but no
// line number and no key, so that editing the file above the finding or
// loading more rows keeps its identity. Identical findings are numbered in
// input order, so every fingerprint in a report is unique.
func fingerprints(res *analyzer.Result, root SourceRoot) []string {
	seen := map[string]int{}
	out := make([]string, len(res.Diagnostics))
	for i, d := range res.Diagnostics {
		parts := []string{d.Rule, root.place(d.Span).path}
		if s := d.Subject; s != nil {
			parts = append(parts, s.Database, s.Sequence, s.Table, s.KeyColumn)
		} else {
			parts = append(parts, strings.TrimSpace(d.Source), d.Message)
		}
		key := strings.Join(parts, "\x00")
		seen[key]++
		sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", key, seen[key]))
		out[i] = hex.EncodeToString(sum[:16])
	}
	return out
}
