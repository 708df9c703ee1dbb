package analyzer_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/decompress"
	"github.com/pgseqlint/pgseqlint/analyzer/pgarchive"
	"github.com/pgseqlint/pgseqlint/analyzer/pgarchive/archivetest"
	"github.com/pgseqlint/pgseqlint/analyzer/report"
	"github.com/pgseqlint/pgseqlint/rules"
)

func fixture(name string) string { return filepath.Join(fixtureDir, name) }

func check(t *testing.T, opts analyzer.Options) *analyzer.Result {
	t.Helper()
	opts.Rules = rules.All()
	res, err := analyzer.Check(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// findings lists what a run found, without where: the same findings, with
// the same fixes, whatever form the script comes in.
func findings(t *testing.T, opts analyzer.Options) []string {
	t.Helper()
	var out []string
	for _, d := range check(t, opts).Diagnostics {
		line := d.Rule
		if s := d.Subject; s != nil {
			line += fmt.Sprintf(" %s %s %s.%s max %s", s.Database, s.Sequence, s.Table, s.KeyColumn, s.MaxKey)
		}
		if d.Fix != nil {
			line += " fix " + d.Fix.SQL
		}
		out = append(out, line)
	}
	return out
}

func sameFindings(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(want) == 0 {
		t.Fatalf("%s: the reference finds nothing, the comparison proves nothing", what)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n--- got\n%s\n--- want (pg_restore -f -)\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestArchiveFixtures checks the archives pg_dump 15 made of the loads
// scenario, in every format, against the script pg_restore makes of them:
// from a file, from a directory, and from standard input (which cannot
// seek), also compressed as a whole.
func TestArchiveFixtures(t *testing.T) {
	want := findings(t, analyzer.Options{Paths: []string{fixture("loads.restore.sql")}})
	for _, name := range []string{"loads.dump", "loads-uncompressed.dump", "loads-pipe.dump", "loads.dir", "loads.tar"} {
		sameFindings(t, name, findings(t, analyzer.Options{Paths: []string{fixture(name)}}), want)
	}
	for _, name := range []string{"loads.dump", "loads-pipe.dump", "loads.tar"} {
		data := checktest.ReadFile(t, fixture(name))
		sameFindings(t, name+" on standard input", findings(t, analyzer.Options{Paths: []string{"-"}, Stdin: bytes.NewReader(data)}), want)
		var packed bytes.Buffer
		zw := gzip.NewWriter(&packed)
		zw.Write(data)
		zw.Close()
		sameFindings(t, name+" gzipped", findings(t, analyzer.Options{Paths: []string{"-"}, Stdin: &packed}), want)
	}
	sameFindings(t, "loads-inserts.dump",
		findings(t, analyzer.Options{Paths: []string{fixture("loads-inserts.dump")}}),
		findings(t, analyzer.Options{Paths: []string{fixture("loads-inserts.restore.sql")}}))
}

// TestCompressedFixtures checks the plain dump compressed by gzip, zstd,
// lz4, bzip2 and xz: each gives exactly the findings of the plain file, at
// the same lines.
func TestCompressedFixtures(t *testing.T) {
	plain := fixture("loads.sql")
	want := textReport(t, plain)
	for _, ext := range []string{".gz", ".zst", ".lz4", ".bz2", ".xz"} {
		got := strings.ReplaceAll(textReport(t, plain+ext), plain+ext, plain)
		if got != want {
			t.Errorf("%s:\n--- got\n%s\n--- want\n%s", ext, got, want)
		}
	}
}

// textReport is the text report of a run.
func textReport(t *testing.T, paths ...string) string {
	t.Helper()
	var out bytes.Buffer
	if err := report.WriteText(&out, check(t, analyzer.Options{Paths: paths}), report.TextStyle{}); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestConstructedArchives re-encodes pg_dump 15's archive as every archive
// version from 1.12 (PostgreSQL 10) to 1.16 (17 and 18) with every data
// compression the version can hold, as custom archives (with and without
// data offsets, with the data out of order) and as directories, and checks
// that each gives the findings of pg_restore's script of the original.
func TestConstructedArchives(t *testing.T) {
	src := openFixture(t)
	want := findings(t, analyzer.Options{Paths: []string{fixture("loads.restore.sql")}})
	dir := t.TempDir()
	for minor := byte(12); minor <= 16; minor++ {
		methods := []decompress.Method{decompress.None, decompress.Zlib}
		if minor >= 15 {
			methods = append(methods, decompress.LZ4, decompress.Zstd)
		}
		for _, m := range methods {
			for _, o := range []archivetest.Options{
				{Minor: minor, Compression: m},
				{Minor: minor, Compression: m, NoOffsets: true, ChunkSize: 7},
				{Minor: minor, Compression: m, Reverse: true},
			} {
				name := fmt.Sprintf("1.%d-%s-nooffsets=%v-reverse=%v.dump", minor, m, o.NoOffsets, o.Reverse)
				path := filepath.Join(dir, name)
				if err := archivetest.WriteCustom(path, src, o); err != nil {
					t.Fatal(err)
				}
				a := openCustom(t, path)
				if a.Version.Minor != minor || a.Compression != m {
					t.Errorf("%s: read back as version %s with %s data", name, a.Version, a.Compression)
				}
				sameFindings(t, name, findings(t, analyzer.Options{Paths: []string{path}}), want)
			}
			name := fmt.Sprintf("1.%d-%s.dir", minor, m)
			path := filepath.Join(dir, name)
			if err := archivetest.WriteDirectory(path, src, archivetest.Options{Minor: minor, Compression: m}); err != nil {
				t.Fatal(err)
			}
			sameFindings(t, name, findings(t, analyzer.Options{Paths: []string{path}}), want)
		}
	}
}

func openFixture(t *testing.T) *pgarchive.Archive {
	t.Helper()
	return openCustom(t, fixture("loads.dump"))
}

func openCustom(t *testing.T, path string) *pgarchive.Archive {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	a, err := pgarchive.ReadCustom(f)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestConstructedFilesDecodeWithTools checks the constructed LZ4 and zstd
// data files with the lz4 and zstd programs: they are the standard frames
// pg_dump writes, not something only this reader understands.
func TestConstructedFilesDecodeWithTools(t *testing.T) {
	for _, c := range []struct {
		method decompress.Method
		tool   string
		suffix string
	}{{decompress.LZ4, "lz4", ".lz4"}, {decompress.Zstd, "zstd", ".zst"}, {decompress.Zlib, "gzip", ".gz"}} {
		if _, err := exec.LookPath(c.tool); err != nil {
			t.Skipf("no %s program: %v", c.tool, err)
		}
		dir := filepath.Join(t.TempDir(), "archive")
		if err := archivetest.WriteDirectory(dir, openFixture(t), archivetest.Options{Minor: 16, Compression: c.method}); err != nil {
			t.Fatal(err)
		}
		src := openFixture(t)
		files := 0
		for _, e := range src.Entries {
			r, err := src.Data(e)
			if err != nil || r == nil {
				if err != nil {
					t.Fatal(err)
				}
				continue
			}
			var want bytes.Buffer
			want.ReadFrom(r)
			r.Close()
			got, err := exec.Command(c.tool, "-d", "-c", filepath.Join(dir, fmt.Sprintf("%d.dat%s", e.DumpID, c.suffix))).Output()
			if err != nil {
				t.Fatalf("%s -d: %v", c.tool, err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("%s: %s -d gives %q, want %q", e.Label(), c.tool, got, want.Bytes())
			}
			files++
		}
		if files == 0 {
			t.Fatal("no data files were checked")
		}
	}
}
