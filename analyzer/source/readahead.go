package source

import (
	"errors"
	"io"
	"sync"
)

// ReadAhead reads the input on its own goroutine, a few chunks ahead of the
// splitter, so that reading (and decompressing) overlaps the analysis. Each
// chunk keeps headroom in front of its data: the splitter copies the end of
// a statement it has not finished there, and goes on in the new chunk
// without copying the chunk itself.
type ReadAhead struct {
	filled chan *Chunk
	free   chan *Chunk
	done   chan struct{}
	stop   sync.Once

	size, headroom int
}

// Chunk is a buffer of input: Buf[headroom : headroom+N] holds the data.
// Err is set on the last chunk: io.EOF, or what went wrong.
type Chunk struct {
	Buf []byte
	N   int
	Err error
}

const (
	// firstChunkSize is how much input the first chunk holds: a small
	// script costs little.
	firstChunkSize = 64 << 10
	// chunksAhead is how many chunks are read before the splitter asks.
	chunksAhead = 2
)

// NewReadAhead reads src in chunks of size bytes (the first one smaller),
// each with headroom bytes in front of its data.
func NewReadAhead(src io.Reader, size, headroom int) *ReadAhead {
	ra := &ReadAhead{
		filled:   make(chan *Chunk, chunksAhead),
		free:     make(chan *Chunk, chunksAhead+2),
		done:     make(chan struct{}),
		size:     size,
		headroom: headroom,
	}
	go ra.run(src)
	return ra
}

func (ra *ReadAhead) run(src io.Reader) {
	defer close(ra.filled)
	size := min(ra.size, firstChunkSize)
	allocated := 0
	for {
		var c *Chunk
		select {
		case c = <-ra.free:
		case <-ra.done:
			return
		default:
			// The splitter holds one chunk and the channel the others:
			// allocate until there are enough to go round.
			if allocated < chunksAhead+2 {
				c = &Chunk{Buf: make([]byte, ra.headroom+size)}
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
		c.N, c.Err = io.ReadFull(src, c.Buf[ra.headroom:])
		if errors.Is(c.Err, io.ErrUnexpectedEOF) {
			c.Err = io.EOF
		}
		if c.Err == nil && c.N == 0 {
			continue
		}
		select {
		case ra.filled <- c:
		case <-ra.done:
			return
		}
		if c.Err != nil {
			return
		}
	}
}

// Next returns the next chunk; after the last one (whose Err is set) it
// returns nil.
func (ra *ReadAhead) Next() *Chunk { return <-ra.filled }

// Headroom is how many bytes each chunk keeps in front of its data.
func (ra *ReadAhead) Headroom() int { return ra.headroom }

// Release gives a chunk back for reading into.
func (ra *ReadAhead) Release(c *Chunk) {
	if c == nil || len(c.Buf) < ra.headroom+ra.size {
		return // the small first chunk is not reused
	}
	select {
	case ra.free <- c:
	default:
	}
}

// Close stops the reading goroutine.
func (ra *ReadAhead) Close() { ra.stop.Do(func() { close(ra.done) }) }
