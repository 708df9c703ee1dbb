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
	exited chan struct{}
	stop   sync.Once

	size, headroom int
	// next is the size of the next chunk allocated, and allocated how many
	// are: only the reading goroutine changes them.
	next, allocated int
	// offset is where in the input the chunks handed out so far end.
	offset int64
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
		free:     make(chan *Chunk, chunksAhead+2),
		size:     size,
		headroom: headroom,
		next:     min(size, firstChunkSize),
	}
	ra.start(src)
	return ra
}

func (ra *ReadAhead) start(src io.Reader) {
	ra.filled = make(chan *Chunk, chunksAhead)
	ra.done = make(chan struct{})
	ra.exited = make(chan struct{})
	ra.stop = sync.Once{}
	go ra.run(src, ra.filled, ra.done, ra.exited)
}

func (ra *ReadAhead) run(src io.Reader, filled chan<- *Chunk, done <-chan struct{}, exited chan<- struct{}) {
	defer close(exited)
	defer close(filled)
	for {
		var c *Chunk
		select {
		case c = <-ra.free:
		case <-done:
			return
		default:
			// The splitter holds one chunk and the channel the others:
			// allocate until there are enough to go round.
			if ra.allocated < chunksAhead+2 {
				c = &Chunk{Buf: make([]byte, ra.headroom+ra.next)}
				ra.allocated++
				ra.next = ra.size
			} else {
				select {
				case c = <-ra.free:
				case <-done:
					return
				}
			}
		}
		c.N, c.Err = io.ReadFull(src, c.Buf[ra.headroom:])
		if errors.Is(c.Err, io.ErrUnexpectedEOF) {
			c.Err = io.EOF
		}
		select {
		case filled <- c:
		case <-done:
			// Stopped, perhaps to restart: the chunk goes back, or a
			// restart would leave one fewer to go round.
			ra.Release(c)
			return
		}
		if c.Err != nil {
			return
		}
	}
}

// Next returns the next chunk; after the last one (whose Err is set) it
// returns nil.
func (ra *ReadAhead) Next() *Chunk {
	c := <-ra.filled
	if c != nil {
		ra.offset += int64(c.N)
	}
	return c
}

// Offset is where in the input the chunks Next handed out end.
func (ra *ReadAhead) Offset() int64 { return ra.offset }

// Restart reads on from src, which starts at offset of the input: the
// chunks read ahead are dropped.
func (ra *ReadAhead) Restart(src io.Reader, offset int64) {
	ra.Close()
	<-ra.exited
	for c := range ra.filled {
		ra.Release(c)
	}
	ra.offset = offset
	ra.start(src)
}

// ChunkSize is how many bytes a chunk holds (the first one fewer).
func (ra *ReadAhead) ChunkSize() int { return ra.size }

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
