//go:build linux || darwin || freebsd

package source

import (
	"os"

	"golang.org/x/sys/unix"
)

// MapFile maps a regular file into memory for reading in place: no copy of
// its bytes is made.
func MapFile(f *os.File) ([]byte, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := info.Size()
	if size == 0 || !info.Mode().IsRegular() || int64(int(size)) != size {
		return nil, ErrNotMapped
	}
	data, err := unix.Mmap(int(f.Fd()), 0, int(size), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil, err
	}
	unix.Madvise(data, unix.MADV_SEQUENTIAL)
	return data, nil
}

// UnmapPages gives back the pages of b, which has been read: the memory a
// mapped file holds stays flat whatever its size. (The kernel keeps them in
// its page cache.)
func UnmapPages(b []byte) { unix.Madvise(b, unix.MADV_DONTNEED) }

// UnmapFile gives back a mapping MapFile made.
func UnmapFile(b []byte) { unix.Munmap(b) }
