package analyzer

import (
	"errors"
	"io"
	"sync"
)

// readAhead reads the input on its own goroutine, a few chunks ahead of the
// splitter, so that reading (and decompressing) overlaps the analysis. Each
// chunk keeps headroom in front of its data: the splitter copies the end of
// a statement it has not finished there, and goes on in the new chunk
// without copying the chunk itself.
type readAhead struct {
	filled chan *chunk
	free   chan *chunk
	done   chan struct{}
	stop   sync.Once

	size, headroom int
}

// chunk is a buffer of input: buf[headroom : headroom+n] holds the data.
// err is set on the last chunk: io.EOF, or what went wrong.
type chunk struct {
	buf []byte
	n   int
	err error
}

const (
	// chunkSize is how much input a chunk holds; the first chunk is small,
	// so that a small script costs little.
	chunkSize      = 4 << 20
	firstChunkSize = 64 << 10
	chunkHeadroom  = 64 << 10
	// chunksAhead is how many chunks are read before the splitter asks.
	chunksAhead = 2
)

func newReadAhead(src io.Reader, size, headroom int) *readAhead {
	ra := &readAhead{
		filled:   make(chan *chunk, chunksAhead),
		free:     make(chan *chunk, chunksAhead+2),
		done:     make(chan struct{}),
		size:     size,
		headroom: headroom,
	}
	go ra.run(src)
	return ra
}

func (ra *readAhead) run(src io.Reader) {
	defer close(ra.filled)
	size := min(ra.size, firstChunkSize)
	allocated := 0
	for {
		var c *chunk
		select {
		case c = <-ra.free:
		case <-ra.done:
			return
		default:
			// The splitter holds one chunk and the channel the others:
			// allocate until there are enough to go round.
			if allocated < chunksAhead+2 {
				c = &chunk{buf: make([]byte, ra.headroom+size)}
				allocated++
				size = ra.size
			} else {
				select {
				case c = <-ra.free:
				case <-ra.done:
					return
				}
			}
		}
		c.n, c.err = io.ReadFull(src, c.buf[ra.headroom:])
		if errors.Is(c.err, io.ErrUnexpectedEOF) {
			c.err = io.EOF
		}
		if c.err == nil && c.n == 0 {
			continue
		}
		select {
		case ra.filled <- c:
		case <-ra.done:
			return
		}
		if c.err != nil {
			return
		}
	}
}

// next returns the next chunk; after the last one (whose err is set) it
// returns nil.
func (ra *readAhead) next() *chunk { return <-ra.filled }

// release gives a chunk back for reading into.
func (ra *readAhead) release(c *chunk) {
	if c == nil || len(c.buf) < ra.headroom+ra.size {
		return // the small first chunk is not reused
	}
	select {
	case ra.free <- c:
	default:
	}
}

// close stops the reading goroutine.
func (ra *readAhead) close() { ra.stop.Do(func() { close(ra.done) }) }
