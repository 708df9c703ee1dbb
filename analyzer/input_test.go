package analyzer

import (
	"path/filepath"
	"testing"
)

// TestExpandRewritable checks which inputs may be rewritten in place: a
// plain SQL file, and not a compressed file, an archive or standard input,
// whatever their names say.
func TestExpandRewritable(t *testing.T) {
	d := &driver{opts: Options{Stdin: nil}}
	fixtures := "../testdata/archives"
	for name, want := range map[string]bool{
		"loads.sql":     true,
		"loads.sql.gz":  false,
		"loads.sql.zst": false,
		"loads.sql.xz":  false,
		"loads.dump":    false,
		"loads.tar":     false,
		"loads.dir":     false,
	} {
		srcs, err := d.expand(filepath.Join(fixtures, name))
		if err != nil {
			t.Fatal(err)
		}
		if len(srcs) != 1 || srcs[0].rewritable != want {
			t.Errorf("%s: rewritable %v, want %v", name, srcs[0].rewritable, want)
		}
	}
}

// TestConnectTarget covers what the psql test cannot run: arguments whose
// value psql takes from elsewhere, and connection strings.
func TestConnectTarget(t *testing.T) {
	for args, want := range map[string]string{
		`:dbname`:                           ":dbname",
		`shop \gset`:                        "shop",
		`"dbname='a b' host=x"`:             "a b",
		`"host=x dbname = 'it\'s'"`:         "it's",
		`postgres://h/app?sslmode=disable`:  "app",
		`postgresql:///x?dbname=y`:          "y",
		`'shop;'`:                           "shop;",
		`"a""b"`:                            `a"b`,
		`-reuse-previous=off shop postgres`: "shop",
	} {
		if got, same := connectTarget([]byte(args)); same || got != want {
			t.Errorf("\\connect %s: got %q (same %v), want %q", args, got, same, want)
		}
	}
	for _, args := range []string{"", "-", "-reuse-previous=on", "host=elsewhere", "postgresql://h"} {
		if got, same := connectTarget([]byte(args)); !same {
			t.Errorf("\\connect %s: got %q, want the same database", args, got)
		}
	}
}
