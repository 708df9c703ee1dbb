package fix

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/inert"
	"github.com/pgseqlint/pgseqlint/analyzer/script"
)

// Patch is the SQL that repairs what a run found: one statement for each
// sequence a finding carries a fix for, in script order. It is written out
// whole (Write), or inserted into the files it repairs, each statement
// right after the statement it follows (Rewrite, WriteDiff).
type Patch struct {
	repairs []repair
}

// repair is one statement of a patch.
type repair struct {
	// database is where it runs, when the input holds several.
	database string
	comment  []string
	sql      string
	after    script.Span
}

// NewPatch collects the fixes of a run's findings. With static set, each
// statement is pg_dump's literal setval with the values seen in the input,
// where the input shows them.
func NewPatch(res *analyzer.Result, static bool) *Patch {
	p := &Patch{}
	for _, d := range res.Diagnostics {
		if d.Fix == nil {
			continue
		}
		r := repair{sql: d.Fix.SQL, comment: d.Fix.Comment, after: d.Fix.After}
		// The database the script starts in needs no \connect: a live one
		// has a name, and starts the patch all the same.
		if d.Subject != nil && d.Subject.Database != res.Database {
			r.database = d.Subject.Database
		}
		switch {
		case !static:
		case d.Fix.Static != "":
			r.sql = d.Fix.Static
		default:
			// A copy: the finding's own comment stays as it is.
			r.comment = append(r.comment[:len(r.comment):len(r.comment)],
				"the input does not show these keys: the value is computed when the statement runs")
		}
		p.repairs = append(p.repairs, r)
	}
	// The script's first database has no name to \connect to: its
	// statements come first, while the patch still runs there.
	sort.SliceStable(p.repairs, func(i, j int) bool {
		return p.repairs[i].database == "" && p.repairs[j].database != ""
	})
	return p
}

// Len is the number of statements in the patch.
func (p *Patch) Len() int { return len(p.repairs) }

// Write writes the patch as one SQL script: each statement after a
// comment saying what it repairs, with a \connect where the database
// changes. An empty patch writes nothing.
func (p *Patch) Write(w io.Writer) error {
	var b strings.Builder
	database := ""
	for i, r := range p.repairs {
		if i > 0 {
			b.WriteString("\n")
		}
		if r.database != database {
			// psql takes a double-quoted argument as it is, up to the end
			// of the line: a name with a line break in it cannot be
			// written, and is escaped so that psql finds no such database
			// rather than run the rest of the line.
			fmt.Fprintf(&b, "\\connect %s\n", inert.String(script.QuoteIdent(r.database)))
			database = r.database
		}
		for _, line := range r.lines() {
			b.WriteString(line + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// lines are the comment and the statement, one line each.
func (r repair) lines() []string {
	lines := make([]string, 0, len(r.comment)+1)
	for _, c := range r.comment {
		// A line break in a file name must not end the comment, and
		// nothing in it may act on a terminal the patch is printed to.
		lines = append(lines, "-- "+inert.String(c))
	}
	return append(lines, r.sql)
}

// insertion is text to add to a file at a byte offset.
type insertion struct {
	offset int64
	lines  []string
}

// insertions are the patch's statements for one file, by offset.
func (p *Patch) insertions(file string) []insertion {
	var ins []insertion
	for _, r := range p.repairs {
		if r.after.File == file {
			ins = append(ins, insertion{offset: r.after.End, lines: r.lines()})
		}
	}
	sort.SliceStable(ins, func(i, j int) bool { return ins[i].offset < ins[j].offset })
	return ins
}

// Line operations of an edited file, as a unified diff marks them.
const (
	lineKept    = ' '
	lineAdded   = '+'
	lineRemoved = '-'
)

// errFileChanged is a file that no longer matches what was read.
var errFileChanged = errors.New("the file changed since it was read")

// editLines reads a file and calls emit for each line of the file with the
// insertions made: the lines kept, added and removed, in order, each with
// its line ending (the last line may have none). The slice passed to emit
// is only valid during the call.
//
// An insertion goes right after its offset, the end of a statement. When
// the rest of that line is blank or a comment it goes after the line, so
// that the change adds whole lines; otherwise the line is split there,
// which is still between two statements for psql. Added lines take the
// line ending of the line they follow (\r\n or \n).
func editLines(r io.Reader, ins []insertion, emit func(op byte, line []byte) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var offset int64
	eol := "\n"
	var long []byte
	added := func(ins []insertion) error {
		for _, in := range ins {
			for _, l := range in.lines {
				if err := emit(lineAdded, []byte(l+eol)); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long[:0], line...)
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = br.ReadSlice('\n')
				long = append(long, line...)
			}
			line = long
		}
		if err != nil && err != io.EOF {
			return err
		}
		if len(line) == 0 {
			break
		}
		end := offset + int64(len(line))
		hasEOL := line[len(line)-1] == '\n'
		if hasEOL {
			eol = "\n"
			if bytes.HasSuffix(line, []byte("\r\n")) {
				eol = "\r\n"
			}
		}
		n := 0
		for n < len(ins) && ins[n].offset == offset {
			n++
		}
		if err := added(ins[:n]); err != nil {
			return err
		}
		ins = ins[n:]
		n = 0
		for n < len(ins) && (ins[n].offset < end || !hasEOL && ins[n].offset == end) {
			n++
		}
		if n == 0 {
			err = emit(lineKept, line)
		} else {
			err = editLine(line, offset, ins[:n], eol, emit, added)
		}
		if err != nil {
			return err
		}
		ins = ins[n:]
		offset = end
	}
	for len(ins) > 0 && ins[0].offset == offset {
		if err := added(ins[:1]); err != nil {
			return err
		}
		ins = ins[1:]
	}
	if len(ins) > 0 {
		return errFileChanged
	}
	return nil
}

// editLine makes the insertions that fall inside one line (or at the end
// of a last line without a line ending).
func editLine(line []byte, start int64, ins []insertion, eol string, emit func(byte, []byte) error, added func([]insertion) error) error {
	body := bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
	ending := line[len(body):]
	complete := bytes.HasSuffix(ending, []byte("\n"))
	// Where each insertion falls in the line's text (a statement that takes
	// in the line ending ends with the text).
	at := func(in insertion) int { return min(int(in.offset-start), len(body)) }
	// The insertions followed by nothing but a comment go after the line.
	split := len(ins)
	for split > 0 && restIsBlank(body[at(ins[split-1]):]) {
		split--
	}
	if split == 0 && complete {
		if err := emit(lineKept, line); err != nil {
			return err
		}
		return added(ins)
	}
	if err := emit(lineRemoved, line); err != nil {
		return err
	}
	pos := 0
	for _, in := range ins[:split] {
		if err := emit(lineAdded, append(body[pos:at(in):at(in)], eol...)); err != nil {
			return err
		}
		if err := added([]insertion{in}); err != nil {
			return err
		}
		pos = at(in)
	}
	last := append(body[pos:len(body):len(body)], ending...)
	if split < len(ins) && !complete {
		// The last line gets the line ending it lacked, before the lines
		// added after it.
		last = append(body[pos:len(body):len(body)], eol...)
	}
	if err := emit(lineAdded, last); err != nil {
		return err
	}
	return added(ins[split:])
}

// restIsBlank reports whether what follows a statement on its line is only
// white space or a -- comment.
func restIsBlank(rest []byte) bool {
	rest = bytes.TrimLeft(rest, " \t\r\f\v")
	return len(rest) == 0 || bytes.HasPrefix(rest, []byte("--"))
}
