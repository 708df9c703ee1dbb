package analyzer_test

import (
	"go/build"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/pgseqlint/pgseqlint"

// layers are the packages of the module, each with the packages of the
// module it may import. Dependencies run one way, from the commands and
// the rules down to source, and pgparse is the one seam to pg_query.
var layers = map[string][]string{
	"cmd/pgseqlint":         {"analyzer", "analyzer/source", "analyzer/script", "analyzer/report", "analyzer/fix", "analyzer/livedb", "analyzer/inert", "rules"},
	"cmd/pgseqlint-gendump": {"analyzer", "analyzer/dumpgen"},
	"rules":                 {"analyzer", "analyzer/catalog", "analyzer/script", "analyzer/source", "analyzer/fix"},
	"analyzer/report":       {"analyzer", "analyzer/catalog", "analyzer/script", "analyzer/source", "analyzer/inert"},
	"analyzer/livedb":       {"analyzer/fix", "analyzer/catalog", "analyzer/script", "analyzer/ast"},
	"analyzer/fix":          {"analyzer", "analyzer/catalog", "analyzer/script", "analyzer/source", "analyzer/inert"},
	"analyzer":              {"analyzer/catalog", "analyzer/script", "analyzer/source", "analyzer/ast", "analyzer/pgparse", "analyzer/decompress", "analyzer/pgarchive", "analyzer/inert"},
	"analyzer/catalog":      {"analyzer/script", "analyzer/ast", "analyzer/pgparse"},
	"analyzer/script":       {"analyzer/source", "analyzer/ast", "analyzer/pgparse", "analyzer/inert"},
	"analyzer/source":       {"analyzer/decompress", "analyzer/pgarchive", "analyzer/inert"},
	"analyzer/pgarchive":    {"analyzer/decompress"},
	"analyzer/decompress":   {},
	"analyzer/pgparse":      {"analyzer/ast"},
	"analyzer/ast":          {},
	"analyzer/dumpgen":      {},
	// Everything printed passes through inert, which imports nothing.
	"analyzer/inert": {},
	// Packages for tests only: no other code imports them.
	"analyzer/checktest":             {"analyzer", "rules"},
	"analyzer/golden":                {},
	"analyzer/pgtest":                {},
	"analyzer/pgarchive/archivetest": {"analyzer/decompress", "analyzer/pgarchive"},
}

var testOnly = []string{"analyzer/checktest", "analyzer/golden", "analyzer/pgtest", "analyzer/pgarchive/archivetest"}

// TestLayering reads the imports of every package of the module, in the
// files of every platform and build tag, and fails for each import the
// table does not allow.
func TestLayering(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	ctx := build.Default
	ctx.UseAllFiles = true // mmap_other.go and -tags purego too
	seen := map[string]bool{}
	err = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil || !e.IsDir() {
			return err
		}
		if name := e.Name(); path != root && (name == "testdata" || strings.HasPrefix(name, ".")) {
			return filepath.SkipDir
		}
		pkg, err := ctx.ImportDir(path, 0)
		if _, none := err.(*build.NoGoError); none {
			return nil
		}
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		seen[rel] = true
		allowed, ok := layers[rel]
		if !ok {
			t.Errorf("package %s is not in the layering table: give it its place", rel)
			return nil
		}
		for _, imp := range pkg.Imports {
			if strings.HasPrefix(imp, "github.com/pganalyze/pg_query_go") && rel != "analyzer/pgparse" {
				t.Errorf("%s imports %s: only analyzer/pgparse may use pg_query", rel, imp)
			}
			dep, ours := strings.CutPrefix(imp, module+"/")
			if !ours {
				continue
			}
			if !slices.Contains(allowed, dep) {
				may := "none of the module's packages"
				if len(allowed) > 0 {
					may = "only " + strings.Join(allowed, ", ")
				}
				t.Errorf("%s imports %s: it may import %s", rel, dep, may)
			}
			if slices.Contains(testOnly, dep) {
				t.Errorf("%s imports %s, which is for tests only", rel, dep)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for pkg := range layers {
		if !seen[pkg] {
			t.Errorf("the layering table names %s, which is no package of the module", pkg)
		}
	}
}
