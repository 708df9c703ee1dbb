package analyzer_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/checktest"
	"github.com/pgseqlint/pgseqlint/analyzer/decompress"
	"github.com/pgseqlint/pgseqlint/analyzer/pgarchive/archivetest"
	"github.com/pgseqlint/pgseqlint/rules"
)

// TestDamagedInput damages the fixtures the ways files get damaged — cut
// short, a wrong magic number, a version from the future, a corrupt
// compressed block, a missing file, a length field gone wild — and checks
// the one-line error each gives: it names the file and the entry or the
// byte, and nothing panics or hangs. The byte offsets are those of the
// fixtures in testdata/archives.
func TestDamagedInput(t *testing.T) {
	fixtures := fixtureDir
	dump := checktest.ReadFile(t, filepath.Join(fixtures, "loads.dump"))
	tarball := checktest.ReadFile(t, filepath.Join(fixtures, "loads.tar"))
	t.Chdir(t.TempDir())
	edit := func(data []byte, f func([]byte)) []byte {
		c := bytes.Clone(data)
		f(c)
		return c
	}
	flip := func(at, n int) func([]byte) {
		return func(b []byte) {
			for i := at; i < at+n; i++ {
				b[i] ^= 0xff
			}
		}
	}
	cases := []struct {
		name  string
		make  func(t *testing.T, path string)
		stdin []byte
		want  string
	}{{
		name: "cut-in-toc.dump",
		make: writing(dump[:2000]),
		want: "cut-in-toc.dump: table of contents, entry 9 of 46: archive ends early at byte 2000",
	}, {
		name: "cut-in-data.dump",
		make: writing(dump[:11700]),
		want: "cut-in-data.dump: TOC entry 3387 (TABLE DATA public.generated): archive ends early at byte 11700",
	}, {
		name: "future.dump",
		make: writing(edit(dump, func(b []byte) { b[6] = 17 })),
		want: "future.dump: unsupported archive version 1.17 (pg_dump 10 to 18 write 1.12 to 1.16)",
	}, {
		name: "past.dump",
		make: writing(edit(dump, func(b []byte) { b[6] = 11 })),
		want: "past.dump: unsupported archive version 1.11 (pg_dump 10 to 18 write 1.12 to 1.16)",
	}, {
		name: "corrupt-block.dump",
		make: writing(edit(dump, flip(11547, 8))),
		want: "corrupt-block.dump: TOC entry 3383 (TABLE DATA public.copied): corrupt zlib data at byte 11587: zlib: invalid checksum",
	}, {
		name: "long-string.dump",
		make: writing(edit(dump, func(b []byte) { copy(b[963:], []byte{0, 0xff, 0xff, 0xff, 0x1f}) })),
		// A length past what the archive holds is refused before anything
		// is read for it.
		want: "long-string.dump: table of contents, entry 5 of 46: string length 536870911 out of range at byte 963",
	}, {
		name: "longer-string.dump",
		make: writing(edit(dump, func(b []byte) { copy(b[963:], []byte{0, 0xff, 0xff, 0xff, 0x7f}) })),
		want: "longer-string.dump: table of contents, entry 5 of 46: string length 2147483647 out of range at byte 963",
	}, {
		name: "magic.dir",
		make: func(t *testing.T, path string) {
			copyDir(t, filepath.Join(fixtures, "loads.dir"), path)
			toc := filepath.Join(path, "toc.dat")
			os.WriteFile(toc, edit(checktest.ReadFile(t, toc), func(b []byte) { b[0] = 'X' }), 0o644)
		},
		want: "magic.dir: toc.dat: not a pg_dump archive: no PGDMP magic at byte 0",
	}, {
		name: "missing.dir",
		make: func(t *testing.T, path string) {
			copyDir(t, filepath.Join(fixtures, "loads.dir"), path)
			os.Remove(filepath.Join(path, "3385.dat.gz"))
		},
		want: "missing.dir: 3385.dat: TOC entry 3385 (TABLE DATA public.csv_loaded): data file not found",
	}, {
		name: "corrupt-file.dir",
		make: func(t *testing.T, path string) {
			copyDir(t, filepath.Join(fixtures, "loads.dir"), path)
			data := filepath.Join(path, "3387.dat.gz")
			os.WriteFile(data, edit(checktest.ReadFile(t, data), flip(20, 4)), 0o644)
		},
		want: "corrupt-file.dir: 3387.dat.gz: TOC entry 3387 (TABLE DATA public.generated): corrupt gzip data at byte 52: flate: corrupt input before offset 14",
	}, {
		name: "corrupt-lz4.dir",
		make: func(t *testing.T, path string) {
			constructDirectory(t, path, decompress.LZ4)
			data := filepath.Join(path, "3383.dat.lz4")
			os.WriteFile(data, edit(checktest.ReadFile(t, data), flip(12, 4)), 0o644)
		},
		want: "corrupt-lz4.dir: 3383.dat.lz4: TOC entry 3383 (TABLE DATA public.copied): corrupt lz4 data at byte 55: lz4: invalid frame checksum: got d09ceeb4; expected c51284e1",
	}, {
		name: "cut-zstd.dir",
		make: func(t *testing.T, path string) {
			constructDirectory(t, path, decompress.Zstd)
			data := filepath.Join(path, "3383.dat.zst")
			os.WriteFile(data, checktest.ReadFile(t, data)[:20], 0o644)
		},
		want: "cut-zstd.dir: 3383.dat.zst: TOC entry 3383 (TABLE DATA public.copied): zstd data ends early at byte 20",
	}, {
		name: "cut-in-toc.tar",
		make: writing(tarball[:12000]),
		want: "cut-in-toc.tar: 3383.dat: TOC entry 3383 (TABLE DATA public.copied): no such member before the end of the archive at byte 12000",
	}, {
		name: "cut-in-member.tar",
		make: writing(tarball[:12700]),
		want: "cut-in-member.tar: TOC entry 3383 (TABLE DATA public.copied): archive ends early at byte 12700",
	}, {
		name: "corrupt.sql.gz",
		make: writing(edit(checktest.ReadFile(t, filepath.Join(fixtures, "loads.sql.gz")), flip(200, 10))),
		want: "corrupt.sql.gz: corrupt gzip data near byte 201: flate: corrupt input before offset 181",
	}, {
		name: "cut.sql.zst",
		make: writing(checktest.ReadFile(t, filepath.Join(fixtures, "loads.sql.zst"))[:700]),
		want: "cut.sql.zst: zstd data ends early, at byte 700",
	}, {
		name: "-",
		make: func(t *testing.T, path string) {},
		stdin: func() []byte {
			path := filepath.Join(t.TempDir(), "reverse.dump")
			if err := archivetest.WriteCustom(path, openFixture(t), archivetest.Options{Minor: 16, Compression: decompress.Zstd, Reverse: true, NoOffsets: true}); err != nil {
				t.Fatal(err)
			}
			return checktest.ReadFile(t, path)
		}(),
		want: "<stdin>: TOC entry 3385 (TABLE DATA public.csv_loaded): data block not found after byte 11885 (an archive that cannot seek is read in order)",
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.make(t, c.name)
			_, err := analyzer.Check(context.Background(), analyzer.Options{Paths: []string{c.name}, Stdin: bytes.NewReader(c.stdin), Rules: rules.All()})
			if err == nil {
				t.Fatalf("no error, want %q", c.want)
			}
			if err.Error() != c.want {
				t.Errorf("got  %q\nwant %q", err.Error(), c.want)
			}
		})
	}
}

func writing(data []byte) func(t *testing.T, path string) {
	return func(t *testing.T, path string) { writeFile(t, path, data) }
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}

func constructDirectory(t *testing.T, path string, m decompress.Method) {
	t.Helper()
	if err := archivetest.WriteDirectory(path, openFixture(t), archivetest.Options{Minor: 16, Compression: m}); err != nil {
		t.Fatal(err)
	}
}
