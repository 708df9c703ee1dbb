//go:build !purego

package script

import "golang.org/x/sys/cpu"

func init() {
	if cpu.X86.HasAVX2 && cpu.X86.HasBMI1 && cpu.X86.HasPOPCNT {
		markChunks = markChunksAVX2
	}
}

// markChunksAVX2 is markChunks with 32 bytes a compare.
//
//go:noescape
func markChunksAVX2(m *rowMarks, p []byte, delim byte, afterBackslash bool)
