package fix_test

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/fix"
)

// needsFix is a script with one sequence to fix.
const needsFix = "CREATE TABLE t (id serial PRIMARY KEY, v text);\nINSERT INTO t VALUES (1, 'a'), (2, 'b');\n"

func writeScript(t *testing.T, dir, text string) string {
	t.Helper()
	path := filepath.Join(dir, "script.sql")
	if err := os.WriteFile(path, []byte(text), 0o640); err != nil {
		t.Fatal(err)
	}
	return path
}

// listAndCheck lists the files for rewriting, then checks them, as fix -w
// does.
func listAndCheck(t *testing.T, paths ...string) ([]*fix.InPlaceFile, *fix.Patch) {
	t.Helper()
	files, err := fix.InPlaceFiles(analyzer.Options{Paths: paths})
	if err != nil {
		t.Fatal(err)
	}
	patch := fix.NewPatch(checktest.Run(t, nil, paths...), false)
	if patch.Len() == 0 {
		t.Fatal("nothing to fix")
	}
	return files, patch
}

func dirNames(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}

func TestRewriteKeepsModeAndLinks(t *testing.T) {
	dir := t.TempDir()
	path := writeScript(t, dir, needsFix)
	link := filepath.Join(dir, "link.sql")
	if err := os.Symlink("script.sql", link); err != nil {
		t.Fatal(err)
	}
	files, patch := listAndCheck(t, link)
	if err := patch.Rewrite(files); err != nil {
		t.Fatal(err)
	}
	if target, err := os.Readlink(link); err != nil || target != "script.sql" {
		t.Errorf("the link was replaced: %q %v", target, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", info.Mode().Perm())
	}
	if got := string(checktest.ReadFile(t, path)); !strings.HasPrefix(got, needsFix) || !strings.Contains(got, "SELECT pg_catalog.setval('public.t_id_seq'") {
		t.Errorf("rewritten file:\n%s", got)
	}
	if names := dirNames(t, dir); names != "link.sql script.sql" {
		t.Errorf("the directory holds %s", names)
	}
}

// readOnlyDir makes dir refuse new entries, even to root (which ignores
// permissions) when the file system supports the immutable attribute.
func readOnlyDir(t *testing.T, dir string) {
	t.Helper()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	probe := filepath.Join(dir, "probe")
	if f, err := os.Create(probe); err == nil {
		f.Close()
		os.Remove(probe)
		if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
			t.Skipf("cannot make %s read-only for this user: chattr: %v %s", dir, err, out)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
	}
}

func TestRewriteReadOnlyDirectory(t *testing.T) {
	dir := t.TempDir()
	path := writeScript(t, dir, needsFix)
	files, patch := listAndCheck(t, path)
	readOnlyDir(t, dir)
	err := patch.Rewrite(files)
	if err == nil || !strings.Contains(err.Error(), "script.sql: cannot write a temporary file beside it") {
		t.Errorf("rewrite in a read-only directory: %v", err)
	}
	if got := string(checktest.ReadFile(t, path)); got != needsFix {
		t.Errorf("the file changed:\n%s", got)
	}
	if names := dirNames(t, dir); names != "script.sql" {
		t.Errorf("the directory holds %s", names)
	}
}

func TestWriteFileReadOnlyDirectory(t *testing.T) {
	dir := t.TempDir()
	path := writeScript(t, dir, "-- the old patch\n")
	readOnlyDir(t, dir)
	err := fix.WriteFile(path, nil, func(w io.Writer) error {
		_, err := io.WriteString(w, "SELECT 1;\n")
		return err
	})
	if err == nil {
		t.Error("writing into a read-only directory succeeded")
	}
	if got := string(checktest.ReadFile(t, path)); got != "-- the old patch\n" {
		t.Errorf("the file changed:\n%s", got)
	}
}

func TestWriteFileFailedWrite(t *testing.T) {
	dir := t.TempDir()
	path := writeScript(t, dir, "-- the old patch\n")
	failed := errors.New("the disk is full")
	err := fix.WriteFile(path, nil, func(w io.Writer) error {
		io.WriteString(w, "SELECT 1;\n")
		return failed
	})
	if !errors.Is(err, failed) {
		t.Errorf("got %v, want the write's error", err)
	}
	if got := string(checktest.ReadFile(t, path)); got != "-- the old patch\n" {
		t.Errorf("the file changed:\n%s", got)
	}
	if names := dirNames(t, dir); names != "script.sql" {
		t.Errorf("the directory holds %s", names)
	}
}

// TestRewriteChangedFile: when a file changed after it was read, whatever
// the change (even one of the same size within the same clock tick), no
// file is rewritten: neither the one that changed nor the other, whichever
// of them the statement goes into.
func TestRewriteChangedFile(t *testing.T) {
	changes := []struct {
		name   string
		change func(string) string
	}{
		{"same size", func(s string) string { return strings.ToLower(s[:1]) + s[1:] }},
		{"appended", func(s string) string { return s + "INSERT INTO t VALUES (3, 'c');\n" }},
		{"truncated", func(s string) string { return s[:20] }},
	}
	for _, tc := range changes {
		for _, changing := range []string{"schema.sql", "data.sql"} {
			t.Run(tc.name+" "+changing, func(t *testing.T) {
				dir := t.TempDir()
				text := map[string]string{
					"schema.sql": needsFix,
					"data.sql":   "INSERT INTO t VALUES (10, 'c');\n",
				}
				for name, content := range text {
					if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				path := filepath.Join(dir, changing)
				files, patch := listAndCheck(t, filepath.Join(dir, "schema.sql"), filepath.Join(dir, "data.sql"))
				listed, err := os.Stat(path)
				if err != nil {
					t.Fatal(err)
				}
				text[changing] = tc.change(text[changing])
				if err := os.WriteFile(path, []byte(text[changing]), 0o644); err != nil {
					t.Fatal(err)
				}
				// As when the change falls within the clock tick of the
				// file system's timestamps.
				if err := os.Chtimes(path, listed.ModTime(), listed.ModTime()); err != nil {
					t.Fatal(err)
				}
				err = patch.Rewrite(files)
				if err == nil || !strings.Contains(err.Error(), changing+": the file changed since it was read") {
					t.Errorf("got %v", err)
				}
				for name, content := range text {
					if got := string(checktest.ReadFile(t, filepath.Join(dir, name))); got != content {
						t.Errorf("%s was rewritten:\n%s", name, got)
					}
				}
				if names := dirNames(t, dir); names != "data.sql schema.sql" {
					t.Errorf("the directory holds %s", names)
				}
			})
		}
	}
}

func TestInPlaceFilesRefusesStdin(t *testing.T) {
	_, err := fix.InPlaceFiles(analyzer.Options{Paths: []string{"-"}, Stdin: strings.NewReader(needsFix)})
	if err == nil || err.Error() != "<stdin>: only a plain SQL file can be rewritten in place" {
		t.Errorf("got %v", err)
	}
}

// TestRewriteByteExact: -w adds the statements and nothing else; the
// rest of the file is kept byte for byte, line endings included.
func TestRewriteByteExact(t *testing.T) {
	dir := t.TempDir()
	text := strings.ReplaceAll(needsFix, "\n", "\r\n") + "-- end"
	path := writeScript(t, dir, text)
	files, patch := listAndCheck(t, path)
	if err := patch.Rewrite(files); err != nil {
		t.Fatal(err)
	}
	got := string(checktest.ReadFile(t, path))
	before, after, ok := strings.Cut(got, "-- public.t.id")
	if !ok || before != strings.ReplaceAll(needsFix, "\n", "\r\n") {
		t.Fatalf("rewritten file:\n%q", got)
	}
	if !strings.HasSuffix(after, "FROM public.t;\r\n-- end") || strings.Count(after, "\r\n") != 2 {
		t.Errorf("rewritten file:\n%q", got)
	}
}
