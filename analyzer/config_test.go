package analyzer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var testRules = []*Rule{
	{Name: "missing-setval", Severity: SeverityError},
	{Name: "sequence-near-limit", Severity: SeverityWarning},
}

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), ConfigFile)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadConfig(t *testing.T) {
	path := writeConfig(t, `
rules:
  missing-setval: warning
  sequence-near-limit: off
exclude: [legacy/**, "*.bak.sql"]
fail-on: never
near-limit-threshold: 95%
pg-version: 18
paths: [db/migrations, seeds/base.sql]
`)
	cfg, err := LoadConfig(path, testRules)
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Rules["missing-setval"]; got.Severity != SeverityWarning || got.Off {
		t.Errorf("missing-setval: %+v", got)
	}
	if !cfg.Rules["sequence-near-limit"].Off {
		t.Errorf("sequence-near-limit is not off")
	}
	if cfg.FailOn != "never" || cfg.NearLimit != 0.95 || len(cfg.Exclude) != 2 || cfg.PGVersion != 18 {
		t.Errorf("got %+v", cfg)
	}
	// Paths are relative to the file, named from the current directory.
	dir := filepath.Dir(path)
	if want := []string{filepath.Join(dir, "db", "migrations"), filepath.Join(dir, "seeds", "base.sql")}; !slices.Equal(cfg.Paths, want) {
		t.Errorf("paths %q, want %q", cfg.Paths, want)
	}
	selected, err := cfg.Select(testRules, nil, nil)
	if err != nil || len(selected) != 1 || selected[0].Severity != SeverityWarning || testRules[0].Severity != SeverityError {
		t.Errorf("Select: %v %v; the rule itself must keep its severity", selected, err)
	}
	if selected, _ := cfg.Select(testRules, []string{"sequence-near-limit"}, []string{"missing-setval"}); len(selected) != 1 || selected[0].Name != "sequence-near-limit" {
		t.Errorf("--enable/--disable do not win: %v", selected)
	}
	if _, err := cfg.Select(testRules, []string{"missing-setval"}, []string{"missing-setval"}); err == nil {
		t.Errorf("a rule both enabled and disabled is accepted")
	}
}

// TestLoadConfigErrors checks that every mistake is reported where it is.
func TestLoadConfigErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"rule:\n  missing-setval: off\n", `:1:1: unknown key "rule"`},
		{"rules:\n  missing-setval: off\n  missing-setvals: off\n", `:3:3: unknown rule "missing-setvals"`},
		{"rules:\n  missing-setval: loud\n", `:2:19: unknown rule setting "loud"`},
		{"rules:\n  missing-setval: [error]\n", `:2:19: a rule's setting should be a single value`},
		{"rules: missing-setval\n", `:1:8: rules should be a mapping`},
		{"fail-on: sometimes\n", `:1:10: fail-on: unknown severity "sometimes"`},
		{"near-limit-threshold: 0.9\n", `:1:23: near-limit-threshold: "0.9" is not a percentage`},
		{"near-limit-threshold: 100%\n", `:1:23: near-limit-threshold: "100%" is not a percentage`},
		{"exclude: ['[']\n", `:1:11: bad exclude pattern "["`},
		{"pg-version: 9.6\n", `:1:13: pg-version: "9.6" is not a PostgreSQL major version such as 17 or 18`},
		{"pg-version: [18]\n", `:1:13: pg-version should be a single value`},
		{"paths: [[db]]\n", `:1:9: a path should be a single value`},
		{"fail-on: error\nfail-on: never\n", `:2:1: "fail-on" is given twice`},
		{"rules:\n\tmissing-setval: off\n", `:2: found character that cannot start any token`},
		{"- rules\n", `:1:1: the configuration should be a mapping`},
	} {
		path := writeConfig(t, tc.text)
		_, err := LoadConfig(path, testRules)
		if err == nil || !strings.HasPrefix(err.Error(), path+":") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got error %v, want %s%s", tc.text, err, path, tc.want)
		}
	}
}

func TestLoadConfigEmpty(t *testing.T) {
	cfg, err := LoadConfig(writeConfig(t, "# nothing yet\n"), testRules)
	if err != nil || len(cfg.Rules) != 0 || cfg.FailOn != "" {
		t.Errorf("got %+v, %v", cfg, err)
	}
}

func TestFindConfig(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, ConfigFile), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(deep)
	got, err := FindConfig(".")
	if want := filepath.Join("..", "..", ConfigFile); got != want || err != nil {
		t.Errorf("FindConfig = %q, %v; want %q", got, err, want)
	}
}

// TestFindConfigYML finds .pgseqlint.yml as .pgseqlint.yaml, nearer first,
// and refuses a directory that holds both.
func TestFindConfigYML(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(root, ConfigFile), filepath.Join(deep, ".pgseqlint.yml")} {
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(deep)
	if got, err := FindConfig("."); got != ".pgseqlint.yml" || err != nil {
		t.Errorf("FindConfig = %q, %v; want .pgseqlint.yml", got, err)
	}
	if err := os.WriteFile(ConfigFile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := FindConfig("."); err == nil || err.Error() != ".pgseqlint.yaml and .pgseqlint.yml are both there: keep one" {
		t.Errorf("FindConfig with both files: %v", err)
	}
}

func TestExcluded(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	cfg := &Config{Path: filepath.Join("conf", ConfigFile), Exclude: []string{"legacy", "**/*_seed.sql", "one/two.sql"}}
	for path, want := range map[string]bool{
		"conf/legacy/old.sql":                   true, // under an excluded directory
		"conf/legacy":                           true,
		"conf/db/x_seed.sql":                    true,
		"conf/one/two.sql":                      true,
		"conf/one/three.sql":                    false,
		"conf/legacyish/x.sql":                  false,
		"legacy/old.sql":                        false, // outside the configuration's directory
		filepath.Join(dir, "conf/legacy/a.sql"): true,
	} {
		if got := cfg.Excluded(path); got != want {
			t.Errorf("Excluded(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "4096": 4096, "64K": 64 << 10, "64KB": 64 << 10, "64MiB": 64 << 20, " 1G ": 1 << 30, "2GiB": 2 << 30, "1T": 1 << 40} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "K", "-1", "1.5M", "64P", "9223372036854775807K"} {
		if got, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) = %d, want an error", in, got)
		}
	}
}
