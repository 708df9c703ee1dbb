package source

import (
	"path/filepath"
	"testing"
)

// TestExpandRewritable checks which inputs may be rewritten in place: a
// plain SQL file, and not a compressed file, an archive or standard input,
// whatever their names say.
func TestExpandRewritable(t *testing.T) {
	fixtures := "../../testdata/archives"
	for name, want := range map[string]bool{
		"loads.sql":     true,
		"loads.sql.gz":  false,
		"loads.sql.zst": false,
		"loads.sql.xz":  false,
		"loads.dump":    false,
		"loads.tar":     false,
		"loads.dir":     false,
	} {
		inputs, err := Inputs(filepath.Join(fixtures, name), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(inputs) != 1 || inputs[0].Rewritable != want {
			t.Errorf("%s: rewritable %v, want %v", name, inputs[0].Rewritable, want)
		}
	}
}
