package analyzer_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/report"
	"github.com/pgseqlint/pgseqlint/rules"
)

// referenceReport checks paths twice, as a user would and on the reference
// path (every statement through the parser, on one goroutine), and returns
// both reports, JSON and text (which shows each finding's line).
func referenceReport(t *testing.T, paths ...string) (fast, reference string) {
	t.Helper()
	var reports [2]bytes.Buffer
	for i, ref := range []bool{false, true} {
		res, err := analyzer.Check(context.Background(), analyzer.Options{Paths: paths, Rules: rules.All(), Reference: ref})
		if err != nil {
			// A script that cannot be read (an \i of a missing file)
			// must fail the same way.
			fmt.Fprintln(&reports[i], "error:", err)
			continue
		}
		if err := report.WriteJSON(&reports[i], res, report.Tool{}); err != nil {
			t.Fatal(err)
		}
		if err := report.WriteText(&reports[i], res, report.TextStyle{}); err != nil {
			t.Fatal(err)
		}
	}
	return reports[0].String(), reports[1].String()
}

// pipelineScript stresses the hand-over between the goroutine that reads
// INSERTs and the one that applies them: runs longer than a batch, DDL
// between runs that changes which values matter, findings and ignore
// comments on INSERTs read ahead, and a second database.
func pipelineScript() string {
	var b strings.Builder
	b.WriteString("CREATE TABLE public.t (id integer NOT NULL, other integer, v text);\n")
	b.WriteString("CREATE SEQUENCE public.t_id_seq AS integer;\n")
	b.WriteString("ALTER TABLE ONLY public.t ALTER COLUMN id SET DEFAULT nextval('public.t_id_seq'::regclass);\n")
	for i := 1; i <= 1300; i++ {
		fmt.Fprintf(&b, "INSERT INTO public.t VALUES (%d, %d, 'row %d');\n", i, 5000+i, i)
	}
	// Now other takes its keys from a sequence too: the INSERTs after this
	// must be read with another set of values that matter.
	b.WriteString("CREATE SEQUENCE public.t_other_seq;\n")
	b.WriteString("ALTER TABLE ONLY public.t ALTER COLUMN other SET DEFAULT nextval('public.t_other_seq'::regclass);\n")
	for i := 1301; i <= 1400; i++ {
		fmt.Fprintf(&b, "INSERT INTO public.t VALUES (%d, %d, 'row %d');\n", i, 5000+i, i)
	}
	b.WriteString("SELECT pg_catalog.setval('public.t_id_seq', 1350, true);\n")
	b.WriteString("INSERT INTO public.t (id, v) VALUES (1401, 'after the setval');\n")
	b.WriteString("CREATE TABLE public.g (id integer GENERATED ALWAYS AS IDENTITY, v text);\n")
	b.WriteString("INSERT INTO public.g VALUES (1, 'a');\n")
	b.WriteString("-- pgseqlint-ignore identity-needs-override: checked by hand\n")
	b.WriteString("INSERT INTO public.g VALUES (2, 'b');\n")
	b.WriteString("INSERT INTO public.g VALUES (3, 'c'); -- pgseqlint-ignore identity-needs-override: also\n")
	b.WriteString("INSERT INTO public.g OVERRIDING SYSTEM VALUE VALUES (4, 'd'), (5, 'e');\n")
	b.WriteString("INSERT INTO public.t (id, other) VALUES (1402, nextval('public.nosuch_seq'));\n")
	// NULL into a NOT NULL column that is no key fails the row's INSERT:
	// its key is not loaded.
	b.WriteString("CREATE TABLE public.n (id serial, v text NOT NULL);\n")
	b.WriteString("INSERT INTO public.n VALUES (50, NULL);\n")
	// Two tables in turn, their keys in different places: each INSERT is
	// read with its own table's values that matter.
	b.WriteString("CREATE TABLE public.p (id serial, v integer);\nCREATE TABLE public.q (v integer, id serial);\n")
	for i := 1; i <= 700; i++ {
		fmt.Fprintf(&b, "INSERT INTO public.p VALUES (%d, %d);\nINSERT INTO public.q VALUES (%d, %d);\n", i, 9000+i, 9000+i, i)
	}
	b.WriteString("\\connect other\n")
	b.WriteString("CREATE TABLE public.t (id bigserial, v text);\n")
	for i := 1; i <= 600; i++ {
		fmt.Fprintf(&b, "INSERT INTO public.t VALUES (%d, 'x');\n", i)
	}
	return b.String()
}

// sameAsReference writes script to a plain file and compressed (whose
// finding lines are kept as they are read, not read back), checks that
// each gives the same report as on the reference path, and returns the
// reference reports by path.
func sameAsReference(t *testing.T, name, script string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	plain := filepath.Join(dir, name)
	if err := os.WriteFile(plain, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(script))
	zw.Close()
	compressed := plain + ".gz"
	if err := os.WriteFile(compressed, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	reports := map[string]string{}
	for _, path := range []string{plain, compressed} {
		fast, reference := referenceReport(t, path)
		if fast != reference {
			t.Errorf("%s: the fast paths and the reference path differ:\n%s\n%s", path, fast, reference)
		}
		reports[path] = reference
	}
	return reports
}

// TestPipelineMatchesReference: the INSERT pipeline finds exactly what
// the reference path finds, on a plain file (whose lines are read back at
// the end), on the same script compressed (whose lines are kept as they
// are read), and on every SQL file of the corpus.
func TestPipelineMatchesReference(t *testing.T) {
	for path, reference := range sameAsReference(t, "pipeline.sql", pipelineScript()) {
		// The reference finds what the script plants, so that the
		// comparison is not of two empty reports.
		for _, want := range []string{
			// keys into other count only after it takes them from a sequence
			`keys up to 6400 were loaded into public.t.other`,
			`keys up to 1401 were loaded into public.t.id, but nothing moves sequence public.t_id_seq past them: it hands out 1351 next`,
			// the line of a finding on an INSERT read ahead
			`"rule": "identity-needs-override"`, `INSERT INTO public.g VALUES (1, 'a');`,
			`"rule": "sequence-not-found"`, `"database": "other"`, `keys up to 600 were loaded`,
			`keys up to 700 were loaded into public.p.id`, `keys up to 700 were loaded into public.q.id`,
		} {
			if !strings.Contains(reference, want) {
				t.Errorf("%s: the reference report lacks %s:\n%s", path, want, reference)
			}
		}
		if n := strings.Count(reference, `"rule": "identity-needs-override"`); n != 1 {
			t.Errorf("%s: %d identity-needs-override findings, want 1 (two are ignored)", path, n)
		}
	}

	corpus := corpusPath(t)
	var files []string
	for _, part := range []string{"dumps", "regress"} {
		filepath.WalkDir(filepath.Join(corpus, part), func(path string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() && strings.HasSuffix(path, ".sql") {
				files = append(files, path)
			}
			return err
		})
	}
	if len(files) < 100 {
		t.Fatalf("%d SQL files in %s, want the dumps and regression scripts", len(files), corpus)
	}
	for _, path := range files {
		if fast, reference := referenceReport(t, path); fast != reference {
			t.Errorf("%s: the pipeline and the reference path differ:\n%s\n%s", path, fast, reference)
		}
	}
}

// FuzzPipeline holds whole runs to the reference path: any script, checked
// with INSERTs read ahead and applied on a second goroutine, gives the
// report that reading every statement with the parser on one gives.
func FuzzPipeline(f *testing.F) {
	for _, seed := range []string{
		pipelineScript()[:4000],
		"CREATE TABLE t (id serial, v text);\nINSERT INTO t VALUES (1, 'a');\nINSERT INTO t VALUES (2, 'b'), (3, 'c');\n",
		"CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY);\nINSERT INTO t VALUES (1); -- pgseqlint-ignore identity-needs-override: x\nINSERT INTO t OVERRIDING SYSTEM VALUE VALUES (2);\n",
		"CREATE TABLE t (id bigserial);\nINSERT INTO t VALUES (1);\nALTER TABLE t ALTER COLUMN id DROP DEFAULT;\nINSERT INTO t VALUES (2);\n\\connect b\nCREATE TABLE t (id serial);\nINSERT INTO t VALUES (7);\n",
		"SET standard_conforming_strings = off;\nCREATE TABLE t (id serial, v text);\nINSERT INTO t VALUES (1, 'a\\'b');\nINSERT INTO t VALUES (2, E'c');\n",
		// A run of INSERTs folded as a whole, and what breaks it.
		"CREATE TABLE public.t (id serial, v text NOT NULL);\nINSERT INTO public.t VALUES (1, 'a');\nINSERT INTO public.t VALUES (2, 'b');\nINSERT INTO public.t VALUES (3, NULL);\nINSERT INTO public.t VALUES (-4, 'it''s');\nINSERT INTO public.t VALUES\n\t(5, 'c'),\n\t(6, 'd');\nINSERT INTO public.t VALUES\n\t(7, 'e');\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, script []byte) {
		if bytes.Contains(script, []byte(`\i`)) {
			t.Skip("an include would read other files")
		}
		path := filepath.Join(t.TempDir(), "f.sql")
		if err := os.WriteFile(path, script, 0o644); err != nil {
			t.Fatal(err)
		}
		if fast, reference := referenceReport(t, path); fast != reference {
			t.Errorf("the pipeline and the reference path differ:\n%s\n%s", fast, reference)
		}
	})
}
