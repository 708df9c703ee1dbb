package checktest

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"time"
)

// Bounded is what a run cost: how long it took, the most the Go heap held
// while it ran (sampled every few milliseconds and at the end, counting
// dead objects not yet swept: what the process needed), and that above the
// heap before the run, just collected.
type Bounded struct {
	Took                 time.Duration
	HeapPeak, HeapGrowth uint64
}

// RunBounded runs work on a goroutine of its own, watching the heap. It
// gives up at deadline, leaving the goroutine behind, and reports false.
func RunBounded(deadline time.Duration, work func()) (Bounded, bool) {
	runtime.GC()
	base := heapBytes()
	done := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(done)
		work()
	}()
	sample := time.NewTicker(5 * time.Millisecond)
	defer sample.Stop()
	expired := time.After(deadline)
	peak := base
	for {
		select {
		case <-done:
			b := Bounded{Took: time.Since(start), HeapPeak: max(peak, heapBytes())}
			b.HeapGrowth = b.HeapPeak - base
			return b, true
		case <-sample.C:
			peak = max(peak, heapBytes())
		case <-expired:
			return Bounded{}, false
		}
	}
}

// heapBytes is the memory the heap's objects take, live or not yet swept.
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// MiB writes a byte count in mebibytes.
func MiB(n uint64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
