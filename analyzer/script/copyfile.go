package script

import (
	"bytes"
	"io"
	"runtime"
	"slices"
	"sync"
)

const (
	// fileBlock is how much of a file a core reads at a time in FileLines:
	// the rows it folds are still in its own cache.
	fileBlock = 512 << 10
	// fileSlack is what is read past a block for the end of its last line.
	fileSlack = 16 << 10
	// fileLineMax is how far past its block a line FileLines reads may
	// run; one that runs further ends it, and the splitter streams that
	// line through in pieces.
	fileLineMax = 1 << 20
	// blocksPerRound is how many blocks the cores share out between two
	// merges of their forks.
	blocksPerRound = 64
)

// fileBlockBuffers keeps the buffers blocks are read into, one a core.
var fileBlockBuffers = sync.Pool{New: func() any {
	b := make([]byte, 0, 1+fileBlock+fileSlack)
	return &b
}}

// FileLines folds whole lines of rows read from r, from offset at, which
// starts a line: each core reads blocks of the file itself, so that no row
// is copied through the splitter's window, and folds the lines that start
// in them. It returns how many bytes and newlines it folded, and stops
// before the marker `\.`, a line running fileLineMax past its block, a
// last line without a newline or a failed read, which the splitter's path
// reads; and at once (0, 0) where the rows are not read on every core.
func (c *CopyFolder) FileLines(r io.ReaderAt, at int64) (n int64, lines int) {
	// (The splitter calls it after whole lines, where no row is begun.)
	if c.format.csv || c.inRow || c.skipHeader || c.Serial || runtime.GOMAXPROCS(0) < 2 {
		return 0, 0
	}
	for {
		from := at + n
		m, l, end := c.foldParts(blocksPerRound, func(i int, f *CopyFolder) foldedPart {
			buf := fileBlockBuffers.Get().(*[]byte)
			defer fileBlockBuffers.Put(buf)
			rows, last := blockLines(r, from, i, buf)
			m, l, marker := f.textLines(rows)
			return foldedPart{m, l, marker || last}
		})
		n += int64(m)
		lines += l
		if end {
			return n, lines
		}
	}
}

// blockLines reads the lines that start in block k of the rows from at
// (fileBlock bytes from at+k*fileBlock; the rows start a line at at) into
// buf. last is set when the rows can be read no further this way past
// those lines: the input ends without a newline after them, the line after
// them is longer than fileLineMax, or the read failed.
func blockLines(r io.ReaderAt, at int64, k int, buf *[]byte) (rows []byte, last bool) {
	start, lead := at+int64(k)*fileBlock, 0
	if k > 0 {
		// The byte before the block: a line starts after a newline.
		start, lead = start-1, 1
	}
	b := (*buf)[:lead+fileBlock+fileSlack]
	got, err := r.ReadAt(b, start)
	b = b[:got]
	first := 0
	if k > 0 {
		nl := bytes.IndexByte(b[:min(got, fileBlock)], '\n')
		if nl < 0 {
			// No line starts here: the block is inside one that started
			// before it, or past the input's end.
			return nil, err != nil
		}
		first = nl + 1
	}
	// The lines run to the first newline at or past the block's last byte,
	// if it comes before fileLineMax past the block's end.
	searched, limit := min(lead+fileBlock-1, got), lead+fileBlock+fileLineMax
	for {
		if nl := bytes.IndexByte(b[searched:], '\n'); nl >= 0 {
			return b[first : searched+nl+1], false
		}
		searched = len(b)
		if err != nil || len(b) == limit {
			// The rows end at the start of this line.
			return b[first : first+bytes.LastIndexByte(b[first:min(len(b), lead+fileBlock)], '\n')+1], true
		}
		more := min(len(b), limit-len(b))
		b = slices.Grow(b, more)[:len(b)+more]
		got, err = r.ReadAt(b[len(b)-more:], start+int64(len(b)-more))
		b = b[:len(b)-more+got]
		*buf = b
	}
}
