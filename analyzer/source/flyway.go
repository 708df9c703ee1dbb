package source

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// flywayKind is what a file name makes of a script in Flyway.
type flywayKind uint8

const (
	flywayNone flywayKind = iota
	flywayVersioned
	flywayUndo
	flywayBaseline
	flywayRepeatable
	flywayCallback
)

// flywayName is a script's name read as Flyway reads it: V<version>__<description>.sql,
// U and B likewise, R__<description>.sql, <event>[__<description>].sql.
type flywayName struct {
	kind flywayKind
	// version holds the numbers of the version, without leading zeros and
	// without trailing zero numbers: 1.0 and 1 are the same version.
	version     []string
	description string // underscores read as spaces
	event       string
}

// flywayEvents are the callback events Flyway knows, by the name a
// callback script starts with.
var flywayEvents = []string{
	"beforeMigrate", "beforeEachMigrate", "beforeEachMigrateStatement", "afterEachMigrateStatement",
	"afterEachMigrateStatementError", "afterEachMigrate", "afterEachMigrateError", "beforeRepeatables",
	"afterVersioned", "afterMigrateApplied", "afterMigrate", "afterMigrateError",
	"beforeUndo", "beforeEachUndo", "beforeEachUndoStatement", "afterEachUndoStatement",
	"afterEachUndoStatementError", "afterEachUndo", "afterEachUndoError", "afterUndo", "afterUndoError",
	"beforeClean", "afterClean", "afterCleanError", "beforeValidate", "afterValidate", "afterValidateError",
	"beforeBaseline", "afterBaseline", "afterBaselineError", "beforeRepair", "afterRepair", "afterRepairError",
	"beforeInfo", "afterInfo", "afterInfoError", "afterMigrateOperationFinish", "afterInfoOperationFinish",
	"createSchema", "beforeConnect", "afterConnect",
}

func parseFlywayName(name string) flywayName {
	stem, ok := strings.CutSuffix(name, ".sql")
	if !ok {
		return flywayName{}
	}
	prefix, rest, separated := strings.Cut(stem, "__")
	description := strings.ReplaceAll(rest, "_", " ")
	if slices.Contains(flywayEvents, prefix) {
		return flywayName{kind: flywayCallback, event: prefix, description: description}
	}
	if !separated || prefix == "" {
		return flywayName{}
	}
	kind := map[byte]flywayKind{'V': flywayVersioned, 'U': flywayUndo, 'B': flywayBaseline, 'R': flywayRepeatable}[prefix[0]]
	if kind == flywayRepeatable {
		if len(prefix) > 1 {
			return flywayName{}
		}
		return flywayName{kind: kind, description: description}
	}
	version, ok := flywayVersion(prefix[1:])
	if kind == flywayNone || !ok {
		return flywayName{}
	}
	return flywayName{kind: kind, version: version, description: description}
}

// flywayVersion reads a version: numbers separated by dots or underscores.
func flywayVersion(s string) ([]string, bool) {
	parts := strings.Split(strings.ReplaceAll(s, "_", "."), ".")
	for i, p := range parts {
		if p == "" || digitRun(p) != len(p) {
			return nil, false
		}
		if parts[i] = strings.TrimLeft(p, "0"); parts[i] == "" {
			parts[i] = "0"
		}
	}
	for len(parts) > 1 && parts[len(parts)-1] == "0" {
		parts = parts[:len(parts)-1]
	}
	return parts, true
}

// compareFlywayVersions compares versions number by number, as big
// integers: 1.2.10 comes after 1.2.9.
func compareFlywayVersions(a, b []string) int {
	for i := range max(len(a), len(b)) {
		x, y := "0", "0"
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if c := compareNumbers(x, y); c != 0 {
			return c
		}
	}
	return 0
}

type flywayScript struct {
	flywayName
	path string
}

// flywayPlan runs a Flyway location (the directory and all below it) as
// `flyway migrate` runs it on an empty database: the beforeMigrate
// callbacks; the versioned migrations by version; when there are
// repeatable ones, the afterVersioned and beforeRepeatables callbacks and
// the repeatables in the order of their descriptions; each migration
// between the beforeEachMigrate and afterEachMigrate callbacks; then the
// afterMigrateApplied and afterMigrate callbacks. Callbacks of one event
// run in the order of their descriptions, one without a description first.
func flywayPlan(dir string, _ *Root) (*migrationPlan, error) {
	plan := &migrationPlan{}
	var versioned, repeatable []flywayScript
	callbacks := map[string][]flywayScript{}
	err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		s := flywayScript{parseFlywayName(e.Name()), path}
		switch s.kind {
		case flywayNone:
			plan.skip(path, "not named as a Flyway migration or callback")
		case flywayUndo:
			plan.skip(path, "an undo migration")
		case flywayBaseline:
			plan.skip(path, "a baseline migration, which Flyway runs instead of the versions up to it: not read")
		case flywayVersioned:
			versioned = append(versioned, s)
		case flywayRepeatable:
			repeatable = append(repeatable, s)
		case flywayCallback:
			if !slices.Contains(flywayMigrateEvents, s.event) {
				plan.skip(path, "callback "+s.event+", which pgseqlint does not run")
				break
			}
			callbacks[s.event] = append(callbacks[s.event], s)
		}
		return nil
	})
	if err != nil {
		return nil, PathError(dir, err)
	}
	slices.SortStableFunc(versioned, func(a, b flywayScript) int { return compareFlywayVersions(a.version, b.version) })
	slices.SortStableFunc(repeatable, func(a, b flywayScript) int { return compareUTF16(a.description, b.description) })
	for _, list := range callbacks {
		slices.SortStableFunc(list, func(a, b flywayScript) int { return compareUTF16(a.description, b.description) })
	}
	if err := flywayDuplicates(versioned, func(s flywayScript) string {
		return "version " + strings.Join(s.version, ".")
	}); err != nil {
		return nil, err
	}
	if err := flywayDuplicates(repeatable, func(s flywayScript) string {
		return fmt.Sprintf("repeatable migration %q", s.description)
	}); err != nil {
		return nil, err
	}
	for _, list := range callbacks {
		if err := flywayDuplicates(list, func(s flywayScript) string {
			return fmt.Sprintf("%s callback %q", s.event, s.description)
		}); err != nil {
			return nil, err
		}
	}
	run := func(event string) {
		for _, c := range callbacks[event] {
			plan.steps = append(plan.steps, migrationStep{path: c.path})
		}
	}
	migrate := func(s flywayScript) {
		run("beforeEachMigrate")
		plan.steps = append(plan.steps, migrationStep{path: s.path})
		run("afterEachMigrate")
	}
	run("beforeMigrate")
	for _, s := range versioned {
		migrate(s)
	}
	if len(repeatable) > 0 {
		run("afterVersioned")
		run("beforeRepeatables")
		for _, s := range repeatable {
			migrate(s)
		}
	}
	if len(versioned)+len(repeatable) > 0 {
		run("afterMigrateApplied")
	}
	run("afterMigrate")
	return plan, nil
}

// flywayMigrateEvents are the callbacks a migrate that succeeds runs, and
// that pgseqlint runs with it. Statement callbacks (which run around each
// statement) and those of validation and connection are not run.
var flywayMigrateEvents = []string{
	"beforeMigrate", "beforeEachMigrate", "afterEachMigrate", "afterVersioned", "beforeRepeatables",
	"afterMigrateApplied", "afterMigrate",
}

// flywayDuplicates fails as Flyway does when two scripts of a sorted list
// claim the same place: the same key.
func flywayDuplicates(list []flywayScript, key func(flywayScript) string) error {
	for i := 1; i < len(list); i++ {
		if k := key(list[i]); k == key(list[i-1]) {
			return fmt.Errorf("%s: %s is also %s", list[i].path, k, list[i-1].path)
		}
	}
	return nil
}
