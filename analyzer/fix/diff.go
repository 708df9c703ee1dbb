package fix

import (
	"fmt"
	"io"

	"github.com/pgseqlint/pgseqlint/analyzer/inert"
)

// unifiedDiff writes a unified diff (diff -u) from the lines of an edit as
// they stream past, with three lines of context. The edit says which lines
// it adds and removes, so no line matching is needed, and only a hunk's
// lines are held in memory, never the file.
type unifiedDiff struct {
	w    io.Writer
	name string
	// oldLine and newLine number the next line of each side, from 1.
	oldLine, newLine int
	// before holds the last context lines outside a hunk.
	before [][]byte
	// hunk holds the lines of the open hunk, marked; trailing counts the
	// context lines since its last change.
	hunk             [][]byte
	hunkOld, hunkNew int
	trailing         int
	open, started    bool
	err              error
}

const diffContext = 3

func newUnifiedDiff(w io.Writer, name string) *unifiedDiff {
	return &unifiedDiff{w: w, name: name, oldLine: 1, newLine: 1}
}

// line takes the next line of the edit.
func (d *unifiedDiff) line(op byte, text []byte) error {
	if op == lineKept {
		d.oldLine++
		d.newLine++
		if !d.open {
			// Most lines pass here: keep the last few, reusing the oldest.
			var reuse []byte
			if len(d.before) == diffContext {
				reuse = d.before[0][:0]
				copy(d.before, d.before[1:])
				d.before = d.before[:diffContext-1]
			}
			d.before = append(d.before, append(append(reuse, op), text...))
			return nil
		}
		d.hunk = append(d.hunk, append([]byte{op}, text...))
		d.trailing++
		// Changes further apart than twice the context go in two hunks.
		if d.trailing > 2*diffContext {
			rest := d.hunk[len(d.hunk)-(d.trailing-diffContext):]
			d.hunk = d.hunk[:len(d.hunk)-len(rest)]
			d.before = append([][]byte(nil), rest[len(rest)-diffContext:]...)
			d.flush()
		}
		return d.err
	}
	if !d.open {
		d.open = true
		d.hunkOld, d.hunkNew = d.oldLine-len(d.before), d.newLine-len(d.before)
		d.hunk = append(d.hunk[:0], d.before...)
		d.before = nil
	}
	if op == lineRemoved {
		d.oldLine++
	} else {
		d.newLine++
	}
	d.hunk = append(d.hunk, append([]byte{op}, text...))
	d.trailing = 0
	return nil
}

// close writes the open hunk.
func (d *unifiedDiff) close() error {
	if d.open {
		if d.trailing > diffContext {
			d.hunk = d.hunk[:len(d.hunk)-(d.trailing-diffContext)]
		}
		d.flush()
	}
	return d.err
}

func (d *unifiedDiff) flush() {
	d.open = false
	if d.err != nil {
		return
	}
	if !d.started {
		d.started = true
		// The headers name the file; the lines below each start with
		// their mark, so no line a file holds starts a line of the diff.
		name := inert.String(d.name)
		d.printf("--- %s\n+++ %s\n", name, name)
	}
	oldCount, newCount := 0, 0
	for _, l := range d.hunk {
		if l[0] != lineAdded {
			oldCount++
		}
		if l[0] != lineRemoved {
			newCount++
		}
	}
	d.printf("@@ -%s +%s @@\n", hunkRange(d.hunkOld, oldCount), hunkRange(d.hunkNew, newCount))
	// Within a run of changed lines, diff writes the removed ones first.
	for i := 0; i < len(d.hunk); {
		j := i
		for j < len(d.hunk) && d.hunk[j][0] != lineKept {
			j++
		}
		if j == i {
			d.writeLine(d.hunk[i])
			i++
			continue
		}
		for _, op := range []byte{lineRemoved, lineAdded} {
			for _, l := range d.hunk[i:j] {
				if l[0] == op {
					d.writeLine(l)
				}
			}
		}
		i = j
	}
	d.hunk = d.hunk[:0]
}

func (d *unifiedDiff) writeLine(l []byte) {
	d.write(l)
	if l[len(l)-1] != '\n' {
		d.printf("\n\\ No newline at end of file\n")
	}
}

// hunkRange is diff's start,count: the count is left out when it is 1,
// and an empty range starts at the line before it.
func hunkRange(start, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, count)
}

func (d *unifiedDiff) printf(format string, args ...any) {
	if d.err == nil {
		_, d.err = fmt.Fprintf(d.w, format, args...)
	}
}

func (d *unifiedDiff) write(b []byte) {
	if d.err == nil {
		_, d.err = d.w.Write(b)
	}
}
