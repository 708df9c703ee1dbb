package analyzer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// SpeculationScript is a run of INSERTs long enough to be read on two
// cores, with what makes a guessed statement start wrong or the run stop:
// lines inside string literals that read as INSERTs, two tables in turn,
// comments, standard_conforming_strings turned off and on, and a last
// statement without its semicolon.
func SpeculationScript() string {
	var b strings.Builder
	b.WriteString("CREATE TABLE public.a (id serial, v text);\nCREATE TABLE public.b (n integer, id bigserial);\n")
	for i := 1; i <= 60000; i++ {
		switch {
		case i%997 == 0:
			// A fake statement at a line start: a guess there is wrong,
			// and its keys, far above the others, must not count.
			fmt.Fprintf(&b, "INSERT INTO public.a VALUES (%d, 'first line\nINSERT INTO public.a VALUES (%d, ''inside a string'');\nlast line');\n", i, 900000+i)
		case i%1500 == 0:
			fmt.Fprintf(&b, "-- a comment before row %d\nINSERT INTO public.b VALUES (%d, %d);\n", i, i, i)
		case i%20000 == 0:
			fmt.Fprintf(&b, "SET standard_conforming_strings = off;\nINSERT INTO public.a VALUES (%d, 'it\\'s \\\\ here');\nSET standard_conforming_strings = on;\n", i)
		case i%3 == 0:
			fmt.Fprintf(&b, "INSERT INTO public.b VALUES (%d, %d);\n", 7*i, i)
		default:
			fmt.Fprintf(&b, "INSERT INTO public.a VALUES (%d, 'row %d, with some text to make it longer');\n", i, i)
		}
	}
	b.WriteString("SELECT pg_catalog.setval('public.a_id_seq', 10, true);\n")
	b.WriteString("SELECT pg_catalog.setval('public.b_id_seq', 60000, true);\n")
	b.WriteString("INSERT INTO public.a VALUES (60001, 'no semicolon')")
	return b.String()
}

// TestSpeculationConfirmsAndDrops: the script both confirms runs read on
// the second core and drops some (a guess inside a string literal), so
// that TestSpeculationMatchesReference tests both.
func TestSpeculationConfirmsAndDrops(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runs.sql")
	if err := os.WriteFile(path, []byte(SpeculationScript()), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := Options{Paths: []string{path}}
	if err := opts.openRoot(); err != nil {
		t.Fatal(err)
	}
	defer opts.Root.Close()
	d := newDriver(opts)
	if err := d.runPath(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	d.applier.stop()
	if sr := d.speculator; sr.confirmed == 0 || sr.dropped == 0 {
		t.Errorf("%d runs confirmed and %d dropped: want some of each", sr.confirmed, sr.dropped)
	}
}
