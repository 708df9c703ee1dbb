package source

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Goose and dbmate keep a migration's up and down SQL in one file, between
// marker comments. Only the up sections run; each is read as a source of
// its own that starts at the section's offset, line and column. Reading
// the section alone is what the tool does (goose runs the up statements,
// dbmate sends the up block as one string), so a statement cannot run on
// from an up section into the down SQL after it, and findings point at the
// file's own lines.

// Position is a place in a file: its byte offset, and its line and column
// (1-based, counted in bytes).
type Position struct {
	Offset    int64
	Line, Col int
}

// errStopScan, from a scanLines callback, stops the scan early.
var errStopScan = errors.New("stop")

// scanLines calls fn with each line of a file (without its line break) and
// the position where it starts, until fn returns an error. It returns the
// position where reading stopped (the end of the file, or the line fn
// stopped at) and fn's error, but for errStopScan. Only the first 4 KiB of
// a longer line is passed: markers are short.
func scanLines(root *Root, path string, fn func(line []byte, at Position) error) (Position, error) {
	f, err := root.Open(path)
	if err != nil {
		return Position{}, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 4096)
	at := Position{Line: 1, Col: 1}
	for {
		chunk, err := r.ReadSlice('\n')
		size := int64(len(chunk))
		line := bytes.TrimRight(chunk, "\r\n")
		if errors.Is(err, bufio.ErrBufferFull) {
			line = bytes.Clone(chunk)
			for errors.Is(err, bufio.ErrBufferFull) {
				chunk, err = r.ReadSlice('\n')
				size += int64(len(chunk))
			}
		}
		if size > 0 {
			if err := fn(line, at); err != nil {
				if errors.Is(err, errStopScan) {
					err = nil
				}
				return at, err
			}
		}
		at.Offset += size
		switch {
		case err == nil:
			at.Line++
		case errors.Is(err, io.EOF):
			at.Col += int(size) // a last line without a line break
			return at, nil
		default:
			return at, PathError(path, err)
		}
	}
}

// lastLine is the line of the last byte before end.
func lastLine(end Position) int {
	if end.Col == 1 {
		return end.Line - 1
	}
	return end.Line
}

// isBlankOrComment tells a line that holds no SQL of its own.
func isBlankOrComment(line []byte) bool {
	t := bytes.TrimLeft(line, " \t\r\f\v")
	return len(t) == 0 || bytes.HasPrefix(t, []byte("--"))
}

// sectionError is a migration the tool itself refuses to run.
func sectionError(path string, at Position, format string, args ...any) error {
	return fmt.Errorf("%s:%d:%d: %s", path, at.Line, at.Col, fmt.Sprintf(format, args...))
}

// goosePlan runs the up section of each <version>_<name>.sql file in the
// order of the versions, compared as numbers.
func goosePlan(dir string, root *Root) (*migrationPlan, error) {
	plan := &migrationPlan{}
	paths, err := versionedFiles(dir, plan, func(e os.DirEntry) (int64, string) {
		version, ok := gooseVersion(e.Name())
		if e.IsDir() || !ok {
			return 0, "not named <version>_<name>.sql"
		}
		return version, ""
	})
	if err != nil {
		return nil, err
	}
	for _, path := range paths {
		sec, err := gooseUpSection(root, path)
		if refused := asRefused(err); refused != nil {
			plan.steps = append(plan.steps, migrationStep{path: path, refused: refused})
			continue
		}
		if err != nil {
			return nil, err
		}
		plan.steps = append(plan.steps, migrationStep{path: path, section: sec})
	}
	return plan, nil
}

// gooseVersion is the version of a goose file name: the number before the
// first underscore, at least 1.
func gooseVersion(name string) (int64, bool) {
	prefix, _, found := strings.Cut(name, "_")
	if !found || !strings.HasSuffix(name, ".sql") {
		return 0, false
	}
	v, err := strconv.ParseInt(prefix, 10, 64)
	return v, err == nil && v >= 1
}

// gooseAnnotation reads a `-- +goose ...` line: annotations start the line
// and, since goose 3.19.1, are case-insensitive.
func gooseAnnotation(line []byte) string {
	if !bytes.HasPrefix(line, []byte("--")) {
		return ""
	}
	return strings.ToLower(string(bytes.TrimSpace(line[2:])))
}

func isGooseUp(line []byte) bool { return gooseAnnotation(line) == "+goose up" }

// gooseUpSection finds the lines between `-- +goose Up` and `-- +goose
// Down` (or the end). Goose refuses a file without the Up annotation, with
// SQL before it, or with the annotations out of order.
func gooseUpSection(root *Root, path string) (*fileSection, error) {
	var sec *fileSection
	end, err := scanLines(root, path, func(line []byte, at Position) error {
		switch gooseAnnotation(line) {
		case "+goose up":
			if sec != nil {
				return sectionError(path, at, "goose: a second '-- +goose Up' annotation")
			}
			sec = &fileSection{start: at}
		case "+goose down":
			if sec == nil {
				return sectionError(path, at, "goose: '-- +goose Down' before '-- +goose Up'")
			}
			return errStopScan
		default:
			if sec == nil && !isBlankOrComment(line) {
				return sectionError(path, at, "goose: SQL before the '-- +goose Up' annotation")
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if sec == nil {
		return nil, fmt.Errorf("%s: goose: no '-- +goose Up' annotation", path)
	}
	sec.end, sec.endLine = end.Offset, lastLine(end)
	return sec, nil
}

// dbmate's markers: `-- migrate:up` and `-- migrate:down` at the start of a
// line, then options or nothing.
var (
	dbmateName = regexp.MustCompile(`^[0-9]+.*\.sql$`)
	dbmateUp   = regexp.MustCompile(`^--\s*migrate:up(\s|$)`)
	dbmateDown = regexp.MustCompile(`^--\s*migrate:down(\s|$)`)
)

// dbmatePlan runs the up sections of the files whose names start with a
// version, in the order of the names.
func dbmatePlan(dir string, root *Root) (*migrationPlan, error) {
	entries, err := readDir(dir)
	if err != nil {
		return nil, err
	}
	plan := &migrationPlan{}
	var paths []string
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if e.IsDir() || !dbmateName.MatchString(e.Name()) {
			plan.skip(path, "not named <version>_<name>.sql")
			continue
		}
		paths = append(paths, path)
	}
	slices.Sort(paths)
	for _, path := range paths {
		sections, err := dbmateUpSections(root, path)
		if refused := asRefused(err); refused != nil {
			plan.steps = append(plan.steps, migrationStep{path: path, refused: refused})
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, sec := range sections {
			plan.steps = append(plan.steps, migrationStep{path: path, section: sec})
		}
	}
	return plan, nil
}

// dbmateUpSections finds each `-- migrate:up` block: from its marker to the
// block's `-- migrate:down`, the next up marker or the end. dbmate refuses
// a file without an up marker, with SQL before the first one, or with two
// down markers in one block.
func dbmateUpSections(root *Root, path string) ([]*fileSection, error) {
	var sections []*fileSection
	var open *fileSection // the up section being read
	inDown := false
	close := func(at Position) {
		open.end, open.endLine = at.Offset, lastLine(at)
		sections = append(sections, open)
		open = nil
	}
	end, err := scanLines(root, path, func(line []byte, at Position) error {
		switch {
		case dbmateUp.Match(line):
			if open != nil {
				close(at)
			}
			open, inDown = &fileSection{start: at}, false
		case dbmateDown.Match(line) && open != nil:
			close(at)
			inDown = true
		case dbmateDown.Match(line) && inDown:
			return sectionError(path, at, "dbmate: a second '-- migrate:down' in one block")
		case open == nil && !inDown && !isBlankOrComment(line):
			return sectionError(path, at, "dbmate: SQL before the '-- migrate:up' marker")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if open != nil {
		close(end)
	}
	if len(sections) == 0 {
		return nil, fmt.Errorf("%s: dbmate: no '-- migrate:up' marker", path)
	}
	return sections, nil
}
