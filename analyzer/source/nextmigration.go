package source

import (
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pgseqlint/pgseqlint/analyzer/pgarchive"
)

// NewFile is a file to write: its path and text.
type NewFile struct {
	Path, Text string
}

// NextMigration is a new migration of dir, named title, that runs up after
// the migrations its tool runs now, in the tool's own convention: the
// next version (the next number, or the time now where versions are
// timestamps), and the up and down files or annotations the tool reads.
// Flyway's is an afterMigrate callback where repeatable scripts or
// callbacks run after the versioned migrations. Migrations that may
// already have run are not edited: Flyway refuses a
// changed checksum, and golang-migrate never runs a file twice. layout
// LayoutAuto detects the tool. It writes nothing.
func NextMigration(dir string, layout Layout, root *Root, title, up string, now time.Time) (Layout, []NewFile, error) {
	if layout == LayoutAuto || layout == "" {
		var err error
		if layout, err = detectLayout(dir, root); err != nil {
			return "", nil, err
		}
	}
	if layout == LayoutServerpod {
		return layout, nil, fmt.Errorf("%s: serverpod writes its migrations itself (serverpod create-migration): add the statements to a new one, or edit in place with --in-place", dir)
	}
	plan, err := layoutPlans[layout](dir, root)
	if err != nil {
		return layout, nil, err
	}
	var last string // the version of the last migration, as its name spells it
	for _, s := range plan.steps {
		if v := stepVersion(layout, dir, s.path); v != "" {
			last = v
		}
	}
	const down = "-- Nothing to undo: a sequence moved past its keys stays correct.\n"
	join := func(name string) string { return filepath.Join(dir, name) }
	switch layout {
	case LayoutGolangMigrate:
		v := nextNumber(last, now)
		return layout, []NewFile{{join(v + "_" + title + ".up.sql"), up}, {join(v + "_" + title + ".down.sql"), down}}, nil
	case LayoutGoose:
		return layout, []NewFile{{join(nextNumber(last, now) + "_" + title + ".sql"), "-- +goose Up\n" + up + "\n-- +goose Down\n" + down}}, nil
	case LayoutDbmate:
		return layout, []NewFile{{join(nextNumber(last, now) + "_" + title + ".sql"), "-- migrate:up\n" + up + "\n-- migrate:down\n" + down}}, nil
	case LayoutFlyway:
		if tail := plan.steps[len(plan.steps)-1].path; stepVersion(layout, dir, tail) == "" {
			// Repeatable scripts or callbacks run after the versioned
			// migrations, and may load keys: an afterMigrate callback runs
			// after them all, on every migrate, which the repair (computed
			// from the data when it runs) bears.
			return layout, []NewFile{{join("afterMigrate__" + title + ".sql"), up}}, nil
		}
		major, _, _ := strings.Cut(last, ".")
		return layout, []NewFile{{join("V" + nextNumber(major, now) + "__" + title + ".sql"), up}}, nil
	case LayoutDiesel:
		v := now.UTC().Format("2006-01-02-150405")
		if strings.ReplaceAll(v, "-", "") <= strings.ReplaceAll(last, "-", "") {
			return layout, nil, fmt.Errorf("%s: the last migration, %s, is dated after now", dir, last)
		}
		folder := join(v + "_" + title)
		return layout, []NewFile{{filepath.Join(folder, "up.sql"), up}, {filepath.Join(folder, "down.sql"), down}}, nil
	}
	if last == "" {
		return layout, nil, fmt.Errorf("%s: its last file has no number to follow: name the new file yourself, or edit in place with --in-place", dir)
	}
	return layout, []NewFile{{join(nextNumber(last, now) + "_" + title + ".sql"), up}}, nil
}

// stepVersion is the version a step's name gives, as written: the leading
// digits of its file (flyway: of a versioned script, dots and all; diesel:
// of its folder), or "" for a step with none (a callback, a repeatable).
func stepVersion(layout Layout, dir, path string) string {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return ""
	}
	name := filepath.Base(rel)
	switch layout {
	case LayoutFlyway:
		if n := parseFlywayName(name); n.kind == flywayVersioned {
			return strings.Join(n.version, ".")
		}
		return ""
	case LayoutDiesel:
		version, _, _ := strings.Cut(filepath.Dir(rel), "_")
		return version
	}
	return name[:digitRun(name)]
}

// nextNumber is the version after last: the time now (UTC, as
// 20240131150405) where last is such a timestamp and now is later, else
// last plus one, as wide as last with its leading zeros.
func nextNumber(last string, now time.Time) string {
	if stamp := now.UTC().Format("20060102150405"); len(last) == len(stamp) && stamp > last {
		return stamp
	}
	n, ok := new(big.Int).SetString(last, 10)
	if !ok {
		n = new(big.Int)
	}
	next := n.Add(n, big.NewInt(1)).String()
	if len(next) < len(last) {
		next = strings.Repeat("0", len(last)-len(next)) + next
	}
	return next
}

// IsMigrationDir reports whether path is a directory of migrations (not a
// pg_dump directory archive).
func IsMigrationDir(path string, root *Root) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir() && !pgarchive.IsDirectory(root.Folder(path))
}
