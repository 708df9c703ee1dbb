package decompress

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"runtime"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"
)

// TestXzLayouts: the guard follows every layout of an xz file, so that
// what it passes decodes as it was: checks of each size, many blocks,
// uncompressed chunks, streams one after another with padding between.
func TestXzLayouts(t *testing.T) {
	plain := bytes.Repeat([]byte("COPY public.t (id) FROM stdin;\n1\n2\n\\.\n"), 3000)
	random := make([]byte, 100000) // incompressible: uncompressed chunks
	for i := range random {
		random[i] = byte(i*7919 ^ i>>3)
	}
	for _, tt := range []struct {
		name string
		cfg  xz.WriterConfig
		data []byte
	}{
		{"crc64", xz.WriterConfig{DictCap: 1 << 16, CheckSum: xz.CRC64}, plain},
		{"crc32", xz.WriterConfig{DictCap: 1 << 16, CheckSum: xz.CRC32}, plain},
		{"sha256", xz.WriterConfig{DictCap: 1 << 16, CheckSum: xz.SHA256}, plain},
		{"no check", xz.WriterConfig{DictCap: 1 << 16, NoCheckSum: true}, plain},
		{"blocks", xz.WriterConfig{DictCap: 1 << 16, BlockSize: 4096}, plain},
		{"uncompressed chunks", xz.WriterConfig{DictCap: 1 << 16}, random},
	} {
		t.Run(tt.name, func(t *testing.T) {
			one := xzOf(t, tt.cfg, tt.data)
			// Two streams, with stream padding between them.
			two := append(append(append([]byte{}, one...), 0, 0, 0, 0), one...)
			r, err := NewReader(Xz, bytes.NewReader(two), 0)
			if err != nil {
				t.Fatal(err)
			}
			back, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(back, append(append([]byte{}, tt.data...), tt.data...)) {
				t.Fatalf("read back %d bytes (%v), want %d", len(back), err, 2*len(tt.data))
			}
			// The guard followed it all: it waits for the next stream.
			g := newXzGuard(bytes.NewReader(two))
			if _, err := io.Copy(io.Discard, g); err != nil || g.state != xzStreamPadding || g.off != int64(len(two)) {
				t.Errorf("the guard stopped in state %d at byte %d of %d (%v)", g.state, g.off, len(two), err)
			}
		})
	}
}

func xzOf(t *testing.T, cfg xz.WriterConfig, data []byte) []byte {
	var buf bytes.Buffer
	w, err := cfg.NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestXzDictionaryRefused: a block whose header asks for a 4 GiB
// dictionary (valid, its CRC32 right) is refused before the decoder
// allocates it, in the first stream or a later one.
func TestXzDictionaryRefused(t *testing.T) {
	one := xzOf(t, xz.WriterConfig{DictCap: 1 << 16}, bytes.Repeat([]byte("INSERT INTO t VALUES (1);\n"), 1000))
	for stream := range 2 {
		var data []byte
		for range stream + 1 {
			data = append(data, one...)
		}
		setXzDictionary(data[stream*len(one)+12:], 40)
		var before runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		r, err := NewReader(Xz, bytes.NewReader(data), 0)
		if err == nil {
			_, err = io.Copy(io.Discard, r)
		}
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		var we *WindowError
		if !errors.As(err, &we) || we.Size != 1<<32-1 {
			t.Errorf("stream %d: %v, want a window error", stream, err)
		}
		if grown := after.TotalAlloc - before.TotalAlloc; grown > 64<<20 {
			t.Errorf("stream %d: %d MiB allocated", stream, grown>>20)
		}
	}
}

// setXzDictionary sets the LZMA2 dictionary byte of the block header at
// the start of header, and fixes the header's CRC32.
func setXzDictionary(header []byte, code byte) {
	size := (int(header[0]) + 1) * 4
	at := bytes.Index(header[1:size], []byte{0x21, 0x01}) + 3
	header[at] = code
	binary.LittleEndian.PutUint32(header[size-4:], crc32.ChecksumIEEE(header[:size-4]))
}

// TestExpansionLimits: past 64 MiB, data that expands more than 1000
// times stops; so does data past the limit given.
func TestExpansionLimits(t *testing.T) {
	var buf bytes.Buffer
	w, _ := zstd.NewWriter(&buf, zstd.WithEncoderConcurrency(1))
	zeros := make([]byte, 1<<20)
	for range 200 {
		w.Write(zeros)
	}
	w.Close()
	bomb := buf.Bytes()
	for _, tt := range []struct {
		limit int64
		stop  int64 // the most that may come out before it stops
	}{{0, ratioFloor + 1<<20}, {1 << 20, 2 << 20}} {
		r, err := NewReader(Zstd, bytes.NewReader(bomb), tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		n, err := io.Copy(io.Discard, r)
		var le *LimitError
		if !errors.As(err, &le) || n > tt.stop || le.Limit != tt.limit {
			t.Errorf("limit %d: %d bytes, then %v", tt.limit, n, err)
		}
	}
}
