package source

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/pgseqlint/pgseqlint/analyzer/inert"
)

// Layout is a migration tool's convention for a directory: which files
// run, in which order, and which part of each.
type Layout string

const (
	LayoutAuto          Layout = "auto"
	LayoutGolangMigrate Layout = "golang-migrate"
	LayoutGoose         Layout = "goose"
	LayoutDbmate        Layout = "dbmate"
	LayoutFlyway        Layout = "flyway"
	LayoutDiesel        Layout = "diesel"
	LayoutServerpod     Layout = "serverpod"
	LayoutPlain         Layout = "plain"
)

// Layouts are the values of --layout.
var Layouts = []Layout{LayoutAuto, LayoutGolangMigrate, LayoutGoose, LayoutDbmate, LayoutFlyway, LayoutDiesel, LayoutServerpod, LayoutPlain}

// ParseLayout reads a --layout value; "" is auto.
func ParseLayout(s string) (Layout, error) {
	if s == "" {
		return LayoutAuto, nil
	}
	if slices.Contains(Layouts, Layout(s)) {
		return Layout(s), nil
	}
	names := make([]string, len(Layouts))
	for i, l := range Layouts {
		names[i] = string(l)
	}
	return "", fmt.Errorf("unknown layout %q (want %s)", s, strings.Join(names, ", "))
}

// migrationPlan is what a migration directory runs, in order, and what it
// leaves out.
type migrationPlan struct {
	steps   []migrationStep
	skipped []skippedFile
}

// migrationStep is one script the tool runs: a file, or its up section.
type migrationStep struct {
	path    string
	section *fileSection // nil: the whole file
	root    *Root
	// refused is set for a file that is not read (outside the root, not
	// a regular file).
	refused *RefusedError
}

// fileSection is the part [start, end) of a file that runs.
type fileSection struct {
	start   Position
	end     int64
	endLine int
}

type skippedFile struct{ path, why string }

// files counts the files that run: a file may hold several up sections.
func (p *migrationPlan) files() int {
	seen := map[string]bool{}
	for _, s := range p.steps {
		seen[s.path] = true
	}
	return len(seen)
}

func (p *migrationPlan) skip(path, why string) {
	p.skipped = append(p.skipped, skippedFile{path, why})
}

// layoutPlans read a directory the way each tool does.
var layoutPlans = map[Layout]func(dir string, root *Root) (*migrationPlan, error){
	LayoutGolangMigrate: golangMigratePlan,
	LayoutGoose:         goosePlan,
	LayoutDbmate:        dbmatePlan,
	LayoutFlyway:        flywayPlan,
	LayoutDiesel:        dieselPlan,
	LayoutServerpod:     serverpodPlan,
	LayoutPlain:         plainPlan,
}

// migrationInputs turns a migration directory into the scripts its tool
// runs, in the tool's order: the directory is one script.
func migrationInputs(dir string, opts Options) ([]Input, error) {
	layout, _ := ParseLayout(string(opts.Layout))
	if layout == LayoutAuto {
		var err error
		if layout, err = detectLayout(dir, opts.root()); err != nil {
			return nil, err
		}
	}
	plan, err := layoutPlans[layout](dir, opts.root())
	if err != nil {
		return nil, err
	}
	opts.logf("%s: %s layout, %s", dir, layout, Plural(plan.files(), "file"))
	for _, s := range plan.skipped {
		opts.logf("  skip %s: %s", s.path, s.why)
	}
	if len(plan.steps) == 0 {
		return nil, fmt.Errorf("%s: no migration files to run (%s layout)", dir, layout)
	}
	inputs := make([]Input, len(plan.steps))
	for i, step := range plan.steps {
		step.root = opts.root()
		inputs[i] = step.input()
	}
	return inputs, nil
}

// input reads the step: the whole file, or its section from the section's
// own offset, line and column, so that findings name the lines of the
// file.
func (s migrationStep) input() Input {
	// A migration is a plain file, and a section keeps the file's own
	// offsets: fix -w may insert into it.
	if s.refused != nil {
		return Input{Name: s.path, Refused: s.refused}
	}
	in := Input{Name: s.path, Rewritable: true, Open: func() (io.ReadCloser, error) { return openSection(s.root, s.path, s.section) }}
	if sec := s.section; sec != nil {
		in.Start = sec.start
		in.Note = fmt.Sprintf(", lines %d-%d", sec.start.Line, sec.endLine)
	}
	return in
}

// openSection reads a file, or only its section when sec is set.
func openSection(root *Root, path string, sec *fileSection) (io.ReadCloser, error) {
	f, err := root.Open(path)
	if err != nil || sec == nil {
		return f, err
	}
	if _, err := f.Seek(sec.start.Offset, io.SeekStart); err != nil {
		f.Close()
		return nil, PathError(path, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(f, sec.end-sec.start.Offset), f}, nil
}

// detectLayout names the tool whose files the directory holds; plain when
// none does, an error when several do.
func detectLayout(dir string, root *Root) (Layout, error) {
	var found []string
	for _, l := range []Layout{LayoutGolangMigrate, LayoutGoose, LayoutDbmate, LayoutFlyway, LayoutDiesel, LayoutServerpod} {
		ok, err := layoutSigns[l](dir, root)
		if err != nil {
			return "", err
		}
		if ok {
			found = append(found, string(l))
		}
	}
	switch len(found) {
	case 0:
		return LayoutPlain, nil
	case 1:
		return Layout(found[0]), nil
	}
	return "", fmt.Errorf("%s: holds %s migrations: choose one with --layout", dir, strings.Join(found, " and "))
}

// layoutSigns tell whether a directory holds a tool's migrations.
var layoutSigns = map[Layout]func(dir string, root *Root) (bool, error){
	LayoutGolangMigrate: func(dir string, _ *Root) (bool, error) {
		return anyFile(dir, func(name string) bool { return golangMigrateName.MatchString(name) })
	},
	LayoutGoose: func(dir string, root *Root) (bool, error) {
		return anySQLHead(dir, root, isGooseUp)
	},
	LayoutDbmate: func(dir string, root *Root) (bool, error) {
		return anySQLHead(dir, root, func(line []byte) bool { return dbmateUp.Match(line) })
	},
	LayoutFlyway: func(dir string, _ *Root) (bool, error) {
		found := false
		err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !e.IsDir() && parseFlywayName(e.Name()).kind != flywayNone {
				found = true
				return filepath.SkipAll
			}
			return nil
		})
		return found, PathError(dir, err)
	},
	LayoutDiesel: func(dir string, _ *Root) (bool, error) {
		return anySubdirWith(dir, "up.sql")
	},
	LayoutServerpod: func(dir string, _ *Root) (bool, error) {
		return anySubdirWith(dir, "migration.sql")
	},
}

func readDir(dir string) ([]os.DirEntry, error) {
	entries, err := os.ReadDir(dir)
	return entries, PathError(dir, err)
}

func anyFile(dir string, match func(name string) bool) (bool, error) {
	entries, err := readDir(dir)
	for _, e := range entries {
		if !e.IsDir() && match(e.Name()) {
			return true, nil
		}
	}
	return false, err
}

func anySubdirWith(dir, file string) (bool, error) {
	entries, err := readDir(dir)
	for _, e := range entries {
		if e.IsDir() && isFile(filepath.Join(dir, e.Name(), file)) {
			return true, nil
		}
	}
	return false, err
}

func isFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}

// anySQLHead tells whether a .sql file of the directory has a marker line
// among the comments it starts with.
func anySQLHead(dir string, root *Root, marker func(line []byte) bool) (bool, error) {
	entries, err := readDir(dir)
	if err != nil {
		return false, err
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		found := false
		_, err := scanLines(root, filepath.Join(dir, e.Name()), func(line []byte, _ Position) error {
			found = marker(line)
			if found || !isBlankOrComment(line) {
				return errStopScan
			}
			return nil
		})
		if asRefused(err) != nil {
			continue // not read, and so no sign of a tool
		}
		if err != nil || found {
			return found, err
		}
	}
	return false, nil
}

// golangMigrateName is golang-migrate's file name: <version>_<title>.up.sql
// or .down.sql, the version a number.
var golangMigrateName = regexp.MustCompile(`^([0-9]+)_(.*)\.(down|up)\.sql$`)

// golangMigratePlan runs the .up.sql files in the order of their versions,
// compared as numbers.
func golangMigratePlan(dir string, _ *Root) (*migrationPlan, error) {
	plan := &migrationPlan{}
	paths, err := versionedFiles(dir, plan, func(e os.DirEntry) (uint64, string) {
		m := golangMigrateName.FindStringSubmatch(e.Name())
		if e.IsDir() || m == nil {
			return 0, "not named <version>_<title>.up.sql"
		}
		version, err := strconv.ParseUint(m[1], 10, 64)
		switch {
		case err != nil:
			return 0, "its version is out of range"
		case m[3] == "down":
			return 0, "a down migration"
		}
		return version, ""
	})
	if err != nil {
		return nil, err
	}
	for _, path := range paths {
		plan.steps = append(plan.steps, migrationStep{path: path})
	}
	return plan, nil
}

// versionedFiles lists the files of dir in the order of their versions,
// and refuses two of one version, as the tools do. version reads an entry
// of the directory, or says why it does not run.
func versionedFiles[V cmp.Ordered](dir string, plan *migrationPlan, version func(os.DirEntry) (V, string)) ([]string, error) {
	entries, err := readDir(dir)
	if err != nil {
		return nil, err
	}
	type file struct {
		version V
		path    string
	}
	var files []file
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		v, skip := version(e)
		if skip != "" {
			plan.skip(path, skip)
			continue
		}
		for _, f := range files {
			if f.version == v {
				return nil, fmt.Errorf("%s: version %v is also %s", path, v, f.path)
			}
		}
		files = append(files, file{v, path})
	}
	slices.SortFunc(files, func(a, b file) int { return cmp.Compare(a.version, b.version) })
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.path
	}
	return paths, nil
}

// dieselPlan runs each migration folder's up.sql in the order of the
// folders' versions: the name up to its first underscore, without dashes,
// compared as text.
func dieselPlan(dir string, _ *Root) (*migrationPlan, error) {
	plan := &migrationPlan{}
	folders, err := versionedFiles(dir, plan, func(e os.DirEntry) (string, string) {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			return "", "not a migration folder"
		}
		version, _, _ := strings.Cut(e.Name(), "_")
		return strings.ReplaceAll(version, "-", ""), ""
	})
	if err != nil {
		return nil, err
	}
	for _, folder := range folders {
		up := filepath.Join(folder, "up.sql")
		if !isFile(up) {
			// diesel refuses to run such a directory.
			return nil, fmt.Errorf("%s: a diesel migration folder without up.sql", folder)
		}
		plan.steps = append(plan.steps, migrationStep{path: up})
		if down := filepath.Join(folder, "down.sql"); isFile(down) {
			plan.skip(down, "a down migration")
		}
	}
	return plan, nil
}

// serverpodPlan runs each version folder's migration.sql in the order of
// the folders' names. A folder's definition.sql is the whole schema at that
// version, which Serverpod runs instead of the migrations only on an empty
// database: it is not a step (read it with --schema).
func serverpodPlan(dir string, _ *Root) (*migrationPlan, error) {
	entries, err := readDir(dir)
	if err != nil {
		return nil, err
	}
	var versions []string
	plan := &migrationPlan{}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if !e.IsDir() {
			plan.skip(path, "not a version folder")
			continue
		}
		if !isFile(filepath.Join(path, "migration.sql")) {
			return nil, fmt.Errorf("%s: a Serverpod version folder without migration.sql", path)
		}
		versions = append(versions, e.Name())
		if isFile(filepath.Join(path, "definition.sql")) {
			plan.skip(filepath.Join(path, "definition.sql"), "the whole schema at that version, not a step")
		}
	}
	// Dart sorts the names as UTF-16 strings.
	slices.SortFunc(versions, compareUTF16)
	for _, v := range versions {
		plan.steps = append(plan.steps, migrationStep{path: filepath.Join(dir, v, "migration.sql")})
	}
	return plan, nil
}

// plainPlan runs the .sql files in natural order: 2_x.sql before 10_x.sql.
func plainPlan(dir string, _ *Root) (*migrationPlan, error) {
	entries, err := readDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	plan := &migrationPlan{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			plan.skip(filepath.Join(dir, e.Name()), "not a .sql file")
			continue
		}
		names = append(names, e.Name())
	}
	slices.SortFunc(names, compareNatural)
	for _, n := range names {
		plan.steps = append(plan.steps, migrationStep{path: filepath.Join(dir, n)})
	}
	return plan, nil
}

// compareNatural orders names as people number files: runs of digits
// compare as numbers, the rest byte by byte.
func compareNatural(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := compareNumbers(na, nb); c != 0 {
				return c
			}
			if da != db {
				return da - db // 01 after 1
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func digitRun(s string) int {
	n := 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	return n
}

// compareNumbers compares two numbers written in decimal without leading
// zeros, of any length.
func compareNumbers(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

// compareUTF16 orders strings as Java and Dart do: by UTF-16 code units.
func compareUTF16(a, b string) int {
	return slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
}

// logf writes a line to the -v listing, which names files of the
// directory: escaped, as everything printed.
func (o Options) logf(format string, args ...any) {
	if o.Verbose != nil {
		fmt.Fprintln(o.Verbose, inert.String(fmt.Sprintf(format, args...)))
	}
}

// Plural counts things in words: "1 file", "2 files".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// MigrationOrder is what a migration tool would run of paths, in its
// order, when they are several files of one directory whose tool (layout,
// or the one detected) is not plain: loose migrations, as a pre-commit
// hook passes them in path order (10_fix before 1_create, down migrations
// among them). ok is false when the paths are anything else, or the tool
// runs none of them.
func MigrationOrder(paths []string, layout Layout, root *Root) (tool Layout, order []string, ok bool) {
	if len(paths) < 2 {
		return "", nil, false
	}
	dir := filepath.Dir(paths[0])
	for _, p := range paths {
		if p == "-" || filepath.Dir(p) != dir || !isFile(p) {
			return "", nil, false
		}
	}
	if layout == LayoutAuto {
		var err error
		if layout, err = detectLayout(dir, root); err != nil {
			return "", nil, false
		}
	}
	if layout == LayoutPlain {
		return "", nil, false
	}
	plan, err := layoutPlans[layout](dir, root)
	if err != nil {
		return "", nil, false
	}
	given := map[string]string{} // cleaned path: as given
	for _, p := range paths {
		given[filepath.Clean(p)] = p
	}
	for _, step := range plan.steps {
		if p, found := given[filepath.Clean(step.path)]; found && !slices.Contains(order, p) {
			order = append(order, p)
		}
	}
	return layout, order, len(order) > 0
}
