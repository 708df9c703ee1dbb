package script

import (
	"os"

	"github.com/pgseqlint/pgseqlint/analyzer/source"
)

// mapping is a file the splitter reads in place, in windows of ChunkSize
// bytes, giving back the pages behind it.
type mapping struct {
	data     []byte
	released int // pages before this offset are given back
	progress *source.Progress
}

// releaseStep is how much read data a mapping keeps before giving it back.
const releaseStep = 8 << 20

// NewMappedSplitter reads a mapped file.
func NewMappedSplitter(file string, data []byte, progress *source.Progress) *Splitter {
	s := &Splitter{
		file:            file,
		mapped:          &mapping{data: data, progress: progress},
		buf:             data,
		pos:             position{line: 1, col: 1, charCol: 1},
		MaxStmtBytes:    DefaultMaxStmtBytes,
		standardStrings: true,
		lex:             lexer{tokStart: -1},
	}
	return s
}

// fillMapped widens the window by a chunk and gives back the pages that
// the window has left behind.
func (s *Splitter) fillMapped() bool {
	m := s.mapped
	if s.w == len(m.data) {
		s.eof = true
		return false
	}
	grow := min(ChunkSize, len(m.data)-s.w)
	s.w += grow
	if m.progress != nil {
		m.progress.Add(int64(grow))
	}
	if s.w == len(m.data) {
		s.eof = true
	}
	if done := s.r &^ (os.Getpagesize() - 1); done-m.released >= releaseStep {
		source.UnmapPages(m.data[m.released:done])
		m.released = done
	}
	return true
}
