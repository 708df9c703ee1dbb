package decompress

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"
	"github.com/klauspost/compress/zstd"
	"github.com/pierrec/lz4/v4"
	"github.com/ulikunitz/xz"
)

// compressors write each method that has a writer at hand (bzip2 has
// none); the fuzz target uses them both ways. Small windows keep each run
// short: the inputs are small.
var compressors = map[Method]func(io.Writer) (io.WriteCloser, error){
	Gzip: func(w io.Writer) (io.WriteCloser, error) { return gzip.NewWriter(w), nil },
	Zlib: func(w io.Writer) (io.WriteCloser, error) { return zlib.NewWriter(w), nil },
	Zstd: func(w io.Writer) (io.WriteCloser, error) {
		return zstd.NewWriter(w, zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(1<<16))
	},
	LZ4: func(w io.Writer) (io.WriteCloser, error) { return lz4.NewWriter(w), nil },
	Xz:  func(w io.Writer) (io.WriteCloser, error) { return xz.WriterConfig{DictCap: 1 << 16}.NewWriter(w) },
}

func compress(t testing.TB, m Method, plain []byte) []byte {
	var buf bytes.Buffer
	w, err := compressors[m](&buf)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(plain); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzDecompress reads any bytes as each compression method: the reader
// ends in data, io.EOF or an *Error whose offset lies within the input,
// never a panic, a hang or a huge allocation; and any bytes compressed by
// a method read back as they were.
func FuzzDecompress(f *testing.F) {
	plain := []byte("COPY public.t (id) FROM stdin;\n1\n2\n\\.\n")
	f.Add(plain, uint8(0))
	for m := range compressors {
		f.Add(compress(f, m, plain), uint8(m))
	}
	bz := []byte("BZh91AY&SY\x1e\x8e\xc4\x8f\x00\x00\x02A\x80\x00\x10\x02\x00\x0c\x00 \x00!\x9ah3M\x11\xb0\xdc\x9e.\xe4\x8ap\xa1 =\x1d\x89\x1e")
	f.Add(bz, uint8(Bzip2))
	f.Fuzz(func(t *testing.T, data []byte, method uint8) {
		m := Method(method % uint8(Xz+1))
		if r, err := NewReader(m, bytes.NewReader(data), 0); err == nil {
			// Bounded: a small input may stand for a lot of output.
			_, err = io.CopyN(io.Discard, r, 1<<20)
			r.Close()
			checkError(t, m, err, len(data))
		} else {
			checkError(t, m, err, len(data))
		}
		if compressors[m] == nil {
			return
		}
		r, err := NewReader(m, bytes.NewReader(compress(t, m, data)), 0)
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		defer r.Close()
		if back, err := io.ReadAll(r); err != nil || !bytes.Equal(back, data) {
			t.Fatalf("%s: read back %q (%v), want %q", m, back, err, data)
		}
	})
}

func checkError(t *testing.T, m Method, err error, size int) {
	t.Helper()
	if err == nil || err == io.EOF {
		return
	}
	var bad *Error
	var window *WindowError
	if errors.As(err, &window) {
		return // a header that asks for too large a window: refused
	}
	if !errors.As(err, &bad) {
		t.Fatalf("%s: an error of type %T: %v", m, err, err)
	}
	if bad.Method != m || bad.Offset < 0 || bad.Offset > int64(size) {
		t.Fatalf("%s: %v: method %s, offset %d of %d bytes", m, err, bad.Method, bad.Offset, size)
	}
}
