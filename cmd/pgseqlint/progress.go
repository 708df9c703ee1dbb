package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/source"
)

// progressThreshold is the input size from which a progress bar shows
// (on a terminal): below it, a run is over before a bar would help.
const progressThreshold = 64 << 20

// progressBar draws on standard error how much of the input has been read:
// bytes of the total, the rate and the time left; for standard input,
// whose size is not known, bytes and rate.
type progressBar struct {
	w        io.Writer
	progress source.Progress
	total    int64 // 0: not known
	force    bool
	start    time.Time
	stopped  chan struct{}
	finished chan struct{}
}

// progressBar returns the bar the flags ask for, or nil: --progress shows
// it, --no-progress hides it, and by default it shows when standard error
// is a terminal and the input is over 64 MB.
func (o *inputOptions) progressBar(paths []string, io streams) *progressBar {
	if o.noProgress || !o.progress && !isTerminal(io.err) {
		return nil
	}
	return &progressBar{w: io.err, total: inputSize(paths), force: o.progress}
}

// check runs the analyzer with the progress bar these flags ask for.
func (o *inputOptions) check(ctx context.Context, opts analyzer.Options, io streams) (*analyzer.Result, error) {
	bar := o.progressBar(opts.Paths, io)
	opts.Progress = bar.counter()
	bar.run()
	defer bar.stop()
	return analyzer.Check(ctx, opts)
}

// inputSize adds up the sizes of the PATHs; 0 when one is standard input.
func inputSize(paths []string) int64 {
	var total int64
	for _, p := range paths {
		if p == "-" {
			return 0
		}
		filepath.WalkDir(p, func(_ string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				if info, err := d.Info(); err == nil {
					total += info.Size()
				}
			}
			return nil
		})
	}
	return total
}

// counter is what the analyzer counts into (nil without a bar).
func (b *progressBar) counter() *source.Progress {
	if b == nil {
		return nil
	}
	return &b.progress
}

func (b *progressBar) run() {
	if b == nil {
		return
	}
	b.start = time.Now()
	b.stopped, b.finished = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(b.finished)
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		shown := false
		for {
			select {
			case <-b.stopped:
				if shown {
					fmt.Fprint(b.w, "\r\x1b[K")
				}
				return
			case <-tick.C:
				read := b.progress.Read()
				if b.force || b.total > progressThreshold || b.total == 0 && read > progressThreshold {
					fmt.Fprintf(b.w, "\r\x1b[K%s", b.line(read, time.Since(b.start)))
					shown = true
				}
			}
		}
	}()
}

// line is the bar's text after elapsed, with read bytes read.
func (b *progressBar) line(read int64, elapsed time.Duration) string {
	rate := float64(read) / elapsed.Seconds()
	if b.total <= 0 {
		return fmt.Sprintf("pgseqlint: %s read, %s/s", size(read), size(int64(rate)))
	}
	read = min(read, b.total)
	left := "?"
	if rate > 0 {
		left = time.Duration(float64(b.total-read) / rate * float64(time.Second)).Round(time.Second).String()
	}
	return fmt.Sprintf("pgseqlint: %s of %s (%d%%), %s/s, %s left",
		size(read), size(b.total), read*100/b.total, size(int64(rate)), left)
}

func (b *progressBar) stop() {
	if b == nil {
		return
	}
	close(b.stopped)
	<-b.finished
}

// size writes a byte count for people: 412 MB, 1.8 GB.
func size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d kB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}
