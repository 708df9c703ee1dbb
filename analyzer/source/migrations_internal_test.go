package source

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestNaturalOrder(t *testing.T) {
	names := []string{"10_x.sql", "2_x.sql", "1_x.sql", "b.sql", "a10.sql", "a9.sql", "01_x.sql", "100_x.sql"}
	slices.SortFunc(names, compareNatural)
	want := "1_x.sql 01_x.sql 2_x.sql 10_x.sql 100_x.sql a9.sql a10.sql b.sql"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// Flyway compares versions number by number, as big integers, and drops
// trailing zero numbers: 1.0 is 1.
func TestFlywayVersions(t *testing.T) {
	names := []string{
		"V1.2.10__a.sql", "V1_2_9__b.sql", "V2__c.sql", "V1.10__d.sql", "V1.9.99__e.sql",
		"V99999999999999999999999__f.sql", "V100000000000000000000000__g.sql", "V0.1__h.sql",
	}
	slices.SortFunc(names, func(a, b string) int {
		return compareFlywayVersions(parseFlywayName(a).version, parseFlywayName(b).version)
	})
	want := "V0.1__h.sql V1_2_9__b.sql V1.2.10__a.sql V1.9.99__e.sql V1.10__d.sql V2__c.sql " +
		"V99999999999999999999999__f.sql V100000000000000000000000__g.sql"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if compareFlywayVersions(parseFlywayName("V1.0__a.sql").version, parseFlywayName("V1__b.sql").version) != 0 {
		t.Error("1.0 and 1 should be the same version")
	}
}

func TestFlywayNames(t *testing.T) {
	for name, want := range map[string]flywayName{
		"V1__init.sql":                   {kind: flywayVersioned, version: []string{"1"}, description: "init"},
		"V1_2__add_users_table.sql":      {kind: flywayVersioned, version: []string{"1", "2"}, description: "add users table"},
		"V007__x.sql":                    {kind: flywayVersioned, version: []string{"7"}, description: "x"},
		"U1__init.sql":                   {kind: flywayUndo, version: []string{"1"}, description: "init"},
		"B5__base.sql":                   {kind: flywayBaseline, version: []string{"5"}, description: "base"},
		"R__views.sql":                   {kind: flywayRepeatable, description: "views"},
		"afterMigrate.sql":               {kind: flywayCallback, event: "afterMigrate"},
		"afterMigrate__0_0_initial.sql":  {kind: flywayCallback, event: "afterMigrate", description: "0 0 initial"},
		"afterMigrateApplied__x_y.sql":   {kind: flywayCallback, event: "afterMigrateApplied", description: "x y"},
		"V1.sql":                         {},
		"V1__x.txt":                      {},
		"V1.a__x.sql":                    {},
		"V__x.sql":                       {},
		"R1__x.sql":                      {},
		"aftermigrate.sql":               {},
		"insert__john_doe.sql":           {},
		"V1..2__x.sql":                   {},
		"V1.2.__x.sql":                   {},
		"Vx1__y.sql":                     {},
		"beforeEachMigrateStatement.sql": {kind: flywayCallback, event: "beforeEachMigrateStatement"},
	} {
		got := parseFlywayName(name)
		if got.kind != want.kind || got.description != want.description || got.event != want.event ||
			!slices.Equal(got.version, want.version) {
			t.Errorf("%s: got %+v, want %+v", name, got, want)
		}
	}
}

// Repeatable migrations and callbacks run in the order of their
// descriptions as Java compares strings: by UTF-16 code units, so a
// character beyond the Basic Multilingual Plane (a surrogate pair) comes
// before U+FF5E, which UTF-8 byte order puts first.
func TestUTF16Order(t *testing.T) {
	if compareUTF16("\U0001F600", "\uFF5E") >= 0 {
		t.Error("a surrogate pair should sort before U+FF5E")
	}
	if compareUTF16("after migrate", "after_migrate") >= 0 {
		t.Error("a space should sort before an underscore")
	}
}

// A migration the tool refuses to run stops the run, naming the file and
// the line.
func TestRefusedMigrations(t *testing.T) {
	for _, tc := range []struct {
		layout Layout
		files  map[string]string
		want   string
	}{
		{LayoutGoose, map[string]string{"1_a.sql": "-- a comment\nCREATE TABLE t ();\n-- +goose Up\n"},
			"1_a.sql:2:1: goose: SQL before the '-- +goose Up' annotation"},
		{LayoutGoose, map[string]string{"1_a.sql": "-- +goose Down\nDROP TABLE t;\n"},
			"1_a.sql:1:1: goose: '-- +goose Down' before '-- +goose Up'"},
		{LayoutGoose, map[string]string{"1_a.sql": "-- +goose Up\nSELECT 1;\n-- +goose UP\n"},
			"1_a.sql:3:1: goose: a second '-- +goose Up' annotation"},
		{LayoutGoose, map[string]string{"1_a.sql": "SELECT 1;\n"}, "1_a.sql:1:1: goose: SQL before"},
		{LayoutGoose, map[string]string{"1_a.sql": "-- nothing\n"}, "1_a.sql: goose: no '-- +goose Up' annotation"},
		{LayoutGoose, map[string]string{"1_a.sql": "-- +goose Up\n", "01_b.sql": "-- +goose Up\n"}, ": version 1 is also "},
		{LayoutDbmate, map[string]string{"1_a.sql": "SELECT 1;\n-- migrate:up\n"},
			"1_a.sql:1:1: dbmate: SQL before the '-- migrate:up' marker"},
		{LayoutDbmate, map[string]string{"1_a.sql": "-- migrate:up\nSELECT 1;\n-- migrate:down\n-- migrate:down\n"},
			"1_a.sql:4:1: dbmate: a second '-- migrate:down' in one block"},
		{LayoutDbmate, map[string]string{"1_a.sql": "SELECT 1; -- migrate:up\n"}, "1_a.sql:1:1: dbmate: SQL before"},
		{LayoutDbmate, map[string]string{"1_a.sql": "-- migrate:upper\n"}, "1_a.sql: dbmate: no '-- migrate:up' marker"},
		{LayoutGolangMigrate, map[string]string{"1_a.up.sql": "", "001_b.up.sql": ""}, ": version 1 is also "},
		{LayoutDiesel, map[string]string{"2024-01-01-000000_a/down.sql": ""}, "2024-01-01-000000_a: a diesel migration folder without up.sql"},
		{LayoutDiesel, map[string]string{"2024-01-01-000000_a/up.sql": "", "20240101000000_b/up.sql": ""}, ": version 20240101000000 is also "},
		{LayoutServerpod, map[string]string{"20240101/definition.sql": ""}, "20240101: a Serverpod version folder without migration.sql"},
		{LayoutFlyway, map[string]string{"a/R__x_y.sql": "", "b/R__x y.sql": ""}, `: repeatable migration "x y" is also `},
		{LayoutPlain, map[string]string{"notes.txt": ""}, ": no migration files to run (plain layout)"},
	} {
		dir := t.TempDir()
		for name, text := range tc.files {
			path := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		_, err := migrationInputs(dir, Options{Layout: tc.layout})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %v: got %v, want an error with %q", tc.layout, tc.files, err, tc.want)
		}
	}
}

// Up sections: where each starts and ends, for -v and for the reader.
func TestUpSections(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	sections := func(secs ...*fileSection) string {
		var parts []string
		for _, s := range secs {
			parts = append(parts, strings.Join([]string{
				strconv.FormatInt(s.start.Offset, 10), strconv.FormatInt(s.end, 10),
				strconv.Itoa(s.start.Line), strconv.Itoa(s.endLine),
			}, ","))
		}
		return strings.Join(parts, " ")
	}
	// A last line without a line break, CRLF line ends.
	goose := write("g.sql", "-- c\r\n--+GOOSE UP\r\nSELECT 1;\r\n-- +goose Down\r\nSELECT 2;")
	if sec, err := gooseUpSection(AnywhereRoot(), goose); err != nil || sections(sec) != "6,30,2,3" {
		t.Errorf("goose: got %v %v", sections(sec), err)
	}
	noDown := write("n.sql", "-- +goose Up\nSELECT 1;")
	if sec, err := gooseUpSection(AnywhereRoot(), noDown); err != nil || sections(sec) != "0,22,1,2" {
		t.Errorf("goose without down: got %v %v", sections(sec), err)
	}
	dbmate := write("d.sql", "-- migrate:down\n\n-- migrate:up transaction:false\nSELECT 1\n-- migrate:up\n-- migrate:down\nSELECT 2;\n--  migrate:up\nSELECT 3;\n")
	secs, err := dbmateUpSections(AnywhereRoot(), dbmate)
	if err != nil || sections(secs...) != "17,58,3,4 58,72,5,5 98,123,8,9" {
		t.Errorf("dbmate: got %v %v", sections(secs...), err)
	}
}
