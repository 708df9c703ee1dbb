package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestFixNewMigration runs fix -w on a copy of each migration directory
// of testdata: it writes one new migration, named as the directory's tool
// expects, which the tool's order (as check -v lists it) runs after every
// other; the directory then checks clean, and the migrations that were
// there are unchanged.
func TestFixNewMigration(t *testing.T) {
	for _, tc := range []struct {
		layout string
		// files is what fix -w writes, relative to the directory: the up
		// migration first.
		files []string
	}{
		{"golang-migrate", []string{`11_fix_sequences\.up\.sql`, `11_fix_sequences\.down\.sql`}},
		{"goose", []string{`11_fix_sequences\.sql`}},
		{"dbmate", []string{`20[0-9]{12}_fix_sequences\.sql`}},
		{"diesel", []string{`20[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9]{6}_fix_sequences/up\.sql`, `20[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9]{6}_fix_sequences/down\.sql`}},
		// Its repeatable script loads keys after the versioned migrations.
		{"flyway", []string{`afterMigrate__fix_sequences\.sql`}},
		{"plain", []string{`11_fix_sequences\.sql`}},
	} {
		t.Run(tc.layout, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), tc.layout)
			if err := os.CopyFS(dir, os.DirFS(filepath.Join("../../testdata/migrations", tc.layout))); err != nil {
				t.Fatal(err)
			}
			checkFixNewMigration(t, dir, tc.files)
		})
	}
	t.Run("flyway versioned", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{
			"V1__create.sql": "CREATE TABLE t (id serial PRIMARY KEY);\n",
			"V1_9__seed.sql": "INSERT INTO t VALUES (1), (2);\n",
			"U1_9__seed.sql": "DELETE FROM t;\n",
		})
		// The versioned migrations run last: the fix is the next version.
		checkFixNewMigration(t, dir, []string{`V2__fix_sequences\.sql`})
	})
	t.Run("timestamps", func(t *testing.T) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{
			"20240101000000_create.up.sql":   "CREATE TABLE t (id serial PRIMARY KEY);\n",
			"20240101000000_create.down.sql": "DROP TABLE t;\n",
			"20990101000000_seed.up.sql":     "INSERT INTO t VALUES (1), (2);\n",
		})
		// A version dated after now is followed by the next number.
		checkFixNewMigration(t, dir, []string{`20990101000001_fix_sequences\.up\.sql`, `20990101000001_fix_sequences\.down\.sql`})
	})
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func runCheck(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(append([]string{"check", "--color", "never"}, args...), streams{in: strings.NewReader(""), out: &out, err: &errOut})
	return out.String(), errOut.String(), code
}

// checkFixNewMigration runs fix -w on dir, which needs fixing, and checks
// what it wrote (files: patterns of the paths, relative to dir).
func checkFixNewMigration(t *testing.T, dir string, files []string) {
	t.Helper()
	if _, errOut, code := runCheck(t, dir); code != 1 {
		t.Fatalf("check before: exit %d, want 1: %s", code, errOut)
	}
	before := readTree(t, dir)
	out, errOut, code := runFix(t, "-w", dir)
	if code != 0 {
		t.Fatalf("fix -w: exit %d: %s", code, errOut)
	}
	wrote := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(wrote) != len(files) {
		t.Fatalf("fix -w printed %q, want %d files", out, len(files))
	}
	for i, line := range wrote {
		path, _ := strings.CutPrefix(line, "wrote ")
		rel, err := filepath.Rel(dir, path)
		if err != nil || !regexp.MustCompile(`^`+files[i]+`$`).MatchString(filepath.ToSlash(rel)) {
			t.Errorf("fix -w wrote %s, want %s", line, files[i])
		}
	}
	after := readTree(t, dir)
	for name, text := range before {
		if after[name] != text {
			t.Errorf("fix -w changed %s, a migration that may have run", name)
		}
	}
	// The tool runs the new migration last: the last file check -v reads.
	stdout, listing, code := runCheck(t, "-v", dir)
	if code != 0 || !strings.Contains(stdout, "0 errors, 0 warnings") {
		t.Errorf("check after fix -w: exit %d:\n%s%s", code, stdout, listing)
	}
	reads := regexp.MustCompile(`(?m)^  read ([^,\s]+)`).FindAllStringSubmatch(listing, -1)
	if up, _ := strings.CutPrefix(wrote[0], "wrote "); len(reads) == 0 || reads[len(reads)-1][1] != up {
		t.Errorf("check -v does not read %s last:\n%s", up, listing)
	}
	if out, _, code := runFix(t, "-w", dir); code != 0 || out != "" {
		t.Errorf("fix -w again: exit %d, printed %q; want nothing to write", code, out)
	}
}

// readTree reads every file under dir, by path relative to it.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		files[path] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestFixInPlaceMigrations: with --in-place, fix -w edits the migrations
// of a directory instead of writing a new one.
func TestFixInPlaceMigrations(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "golang-migrate")
	if err := os.CopyFS(dir, os.DirFS("../../testdata/migrations/golang-migrate")); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dir)
	if out, errOut, code := runFix(t, "-w", "--in-place", dir); code != 0 || out != "" {
		t.Fatalf("fix -w --in-place: exit %d, printed %q: %s", code, out, errOut)
	}
	after := readTree(t, dir)
	changed := 0
	for name, text := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("fix -w --in-place wrote %s", name)
		} else if text != before[name] {
			changed++
		}
	}
	if changed == 0 {
		t.Error("fix -w --in-place changed no migration")
	}
	if out, errOut, code := runCheck(t, dir); code != 0 {
		t.Errorf("check after fix -w --in-place: exit %d:\n%s%s", code, out, errOut)
	}
}
