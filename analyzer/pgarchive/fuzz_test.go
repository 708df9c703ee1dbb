package pgarchive

import (
	"bytes"
	"io"
	"os"
	"testing"
)

// FuzzReadArchive feeds damaged archives to the custom and tar readers:
// whatever the bytes, reading the table of contents and every entry's data
// ends in data or an error, never a panic, a hang or a huge allocation.
func FuzzReadArchive(f *testing.F) {
	for _, name := range []string{"loads.dump", "loads-uncompressed.dump", "loads-pipe.dump", "loads.tar"} {
		data, err := os.ReadFile("../../testdata/archives/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, read := range []func(io.Reader) (*Archive, error){ReadCustom, ReadTar} {
			a, err := read(bytes.NewReader(data))
			if err != nil {
				continue
			}
			for _, step := range a.Plan() {
				if !step.Data {
					continue
				}
				r, err := a.Data(step.Entry)
				if err != nil {
					break
				}
				if r != nil {
					// Bounded: a decompression bomb is not what is tested.
					_, err = io.CopyN(io.Discard, r, 1<<20)
					r.Close()
				}
			}
		}
	})
}
