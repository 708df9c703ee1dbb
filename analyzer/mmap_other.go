//go:build !(linux || darwin || freebsd)

package analyzer

import "os"

func mapFile(*os.File) ([]byte, error) { return nil, errNotMapped }

func unmapPages([]byte) {}

func unmapFile([]byte) {}
