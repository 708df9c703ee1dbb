package script

import "testing"

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
		if got, same := ConnectTarget([]byte(args)); same || got != want {
			t.Errorf("\\connect %s: got %q (same %v), want %q", args, got, same, want)
		}
	}
	for _, args := range []string{"", "-", "-reuse-previous=on", "host=elsewhere", "postgresql://h"} {
		if got, same := ConnectTarget([]byte(args)); !same {
			t.Errorf("\\connect %s: got %q, want the same database", args, got)
		}
	}
}
