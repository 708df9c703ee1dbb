//go:build !(linux || darwin || freebsd)

package source

import "os"

func MapFile(*os.File) ([]byte, error) { return nil, ErrNotMapped }

func UnmapPages([]byte) {}

func UnmapFile([]byte) {}
