package analyzer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/dumpgen"
	"github.com/pgseqlint/pgseqlint/analyzer/source"
)

// TestMappedFileCutShort maps a dump, cuts the file short behind the
// mapping's back, as a writer truncating it during a check would, and
// reads on: the pages past the new end fault, and that fault must come out
// as an error naming the file, from the statement reader and from the
// cores reading COPY rows alike.
func TestMappedFileCutShort(t *testing.T) {
	var dump bytes.Buffer
	if err := dumpgen.Write(&dump, dumpgen.Options{Size: 16 << 20}); err != nil {
		t.Fatal(err)
	}
	firstRows := bytes.Index(dump.Bytes(), []byte("FROM stdin;\n"))
	for _, cut := range []struct {
		name string
		at   int
	}{
		{"in the statements before the data", firstRows / 2},
		{"deep in a COPY block", firstRows + 6<<20},
	} {
		t.Run(cut.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "dump.sql")
			if err := os.WriteFile(path, dump.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			data, err := source.MapFile(f)
			if err == source.ErrNotMapped {
				t.Skip("files are not mapped on this system")
			}
			if err != nil {
				t.Fatal(err)
			}
			// A page past the cut faults, but the rest of the cut page reads
			// as zeros: cut at a page boundary so that the splitter meets the
			// fault and not a NUL.
			at := cut.at &^ (os.Getpagesize() - 1)
			if err := os.Truncate(path, int64(at)); err != nil {
				t.Fatal(err)
			}
			d := newDriver(Options{})
			err = d.runMapped(context.Background(), path, data)
			d.applier.stop()
			if err == nil || !strings.Contains(err.Error(), path+": the file changed while it was read") {
				t.Fatalf("got %v, want the file named as changed while it was read", err)
			}
		})
	}
}
