package analyzer

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/pgseqlint/pgseqlint/analyzer/source"
	"go.yaml.in/yaml/v3"
)

// ConfigFile is the configuration file's name, looked for in the current
// directory and then in each directory above it; configFileYML, the same
// with the other extension YAML files take, is found too.
const (
	ConfigFile    = ".pgseqlint.yaml"
	configFileYML = ".pgseqlint.yml"
)

// Config is what a .pgseqlint.yaml says:
//
//	rules:
//	  sequence-near-limit: error   # on, with this severity
//	  stale-setval: off
//	exclude:
//	  - legacy/**
//	fail-on: warning
//	near-limit-threshold: 90%
//	paths:
//	  - db/migrations
type Config struct {
	// Path is the file the configuration was read from.
	Path string
	// Rules turns rules on or off and sets their severity, by name.
	Rules map[string]RuleSetting
	// Exclude are globs (with **) of the scripts not to read, relative to
	// the configuration file's directory.
	Exclude []string
	// FailOn is "error", "warning" or "never"; "" when not given.
	FailOn string
	// NearLimit is the share of a sequence's range that
	// sequence-near-limit allows; 0 when not given.
	NearLimit float64
	// PGVersion is the PostgreSQL major version the scripts are meant for;
	// 0 when not given.
	PGVersion int
	// Paths are what check reads when given no PATH, relative to the
	// current directory (the file names them relative to its own).
	Paths []string
}

// RuleSetting is what the configuration says of one rule.
type RuleSetting struct {
	Off bool
	// Severity replaces the rule's own; 0 keeps it.
	Severity Severity
}

// maxConfigBytes bounds the configuration file: a few rules and globs.
const maxConfigBytes = 1 << 20

// absolute makes a path absolute, as filepath.Abs does, or leaves it.
func absolute(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// FindConfig looks for ConfigFile (or .pgseqlint.yml) in dir and the
// directories above it; it returns "" when there is none, and an error
// when a directory holds both. The path it returns starts with dir, so
// that messages name the file as the user would.
func FindConfig(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		var found []string
		for _, name := range []string{ConfigFile, configFileYML} {
			path := filepath.Join(dir, name)
			info, err := os.Stat(path)
			if err != nil && !errors.Is(err, os.ErrNotExist) {
				return "", source.PathError(path, err)
			}
			if err != nil || info.IsDir() {
				continue
			}
			// A file the repository holds may be a link: one that leads
			// out of its directory (to /proc/self/environ, whose lines
			// errors would quote) is not the project's configuration.
			target, err := filepath.EvalSymlinks(path)
			if err != nil {
				return "", source.PathError(path, err)
			}
			real, _ := filepath.EvalSymlinks(abs)
			if !source.Within(abs, absolute(target)) && !source.Within(real, absolute(target)) {
				return "", fmt.Errorf("%s: leads to %s, outside its directory: not read", path, target)
			}
			found = append(found, path)
		}
		switch len(found) {
		case 1:
			return found[0], nil
		case 2:
			return "", fmt.Errorf("%s and %s are both there: keep one", found[0], found[1])
		}
		if parent := filepath.Dir(abs); parent != abs {
			abs, dir = parent, filepath.Join(dir, "..")
			continue
		}
		return "", nil
	}
}

// LoadConfig reads a configuration file. Rule names are checked against
// known; an unknown key or rule name is an error that says where it is.
func LoadConfig(path string, known []*Rule) (*Config, error) {
	data, err := source.ReadFile(path, maxConfigBytes)
	if err != nil {
		return nil, err
	}
	cfg := &Config{Path: path, Rules: map[string]RuleSetting{}}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		// "yaml: line 3: found character that cannot start any token"
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if rest, ok := strings.CutPrefix(msg, "line "); ok {
			if line, text, ok := strings.Cut(rest, ": "); ok {
				return nil, fmt.Errorf("%s:%s: %s", path, line, text)
			}
		}
		return nil, fmt.Errorf("%s: %s", path, msg)
	}
	if len(doc.Content) == 0 {
		return cfg, nil // an empty file
	}
	r := configReader{path: path, known: known}
	err = r.mapping(doc.Content[0], "the configuration", func(key, value *yaml.Node) error {
		switch key.Value {
		case "rules":
			return r.mapping(value, "rules", func(name, setting *yaml.Node) error {
				if ruleNamed(known, name.Value) == nil {
					return r.errorf(name, "%s", UnknownRule(known, name.Value))
				}
				s, err := r.ruleSetting(setting)
				cfg.Rules[name.Value] = s
				return err
			})
		case "exclude":
			return r.globs(value, &cfg.Exclude)
		case "paths":
			items, err := r.list(value, "a path")
			for _, item := range items {
				cfg.Paths = append(cfg.Paths, filepath.Join(filepath.Dir(path), filepath.FromSlash(item.Value)))
			}
			return err
		case "fail-on":
			if err := r.scalar(value, "fail-on"); err != nil {
				return err
			}
			if _, err := ParseFailOn(value.Value); err != nil {
				return r.errorf(value, "fail-on: %v", err)
			}
			cfg.FailOn = value.Value
		case "near-limit-threshold":
			share, err := r.percentage(value)
			cfg.NearLimit = share
			return err
		case "pg-version":
			if err := r.scalar(value, "pg-version"); err != nil {
				return err
			}
			v, err := ParsePGVersion(value.Value)
			if err != nil {
				return r.errorf(value, "pg-version: %v", err)
			}
			cfg.PGVersion = v
		default:
			return r.errorf(key, "unknown key %q (want rules, exclude, paths, fail-on, near-limit-threshold or pg-version)", key.Value)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return cfg, nil
}

// configReader reads the YAML tree of a configuration file, and says where
// it goes wrong.
type configReader struct {
	path  string
	known []*Rule
}

func (r *configReader) errorf(n *yaml.Node, format string, args ...any) error {
	return fmt.Errorf("%s:%d:%d: %s", r.path, n.Line, n.Column, fmt.Sprintf(format, args...))
}

// mapping calls f for each key and value of a mapping; a key given twice is
// an error.
func (r *configReader) mapping(n *yaml.Node, what string, f func(key, value *yaml.Node) error) error {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil // a key with nothing under it
	}
	if n.Kind != yaml.MappingNode {
		return r.errorf(n, "%s should be a mapping of keys to values", what)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := n.Content[i]
		if seen[key.Value] {
			return r.errorf(key, "%q is given twice", key.Value)
		}
		seen[key.Value] = true
		if err := f(key, n.Content[i+1]); err != nil {
			return err
		}
	}
	return nil
}

func (r *configReader) scalar(n *yaml.Node, what string) error {
	if n.Kind != yaml.ScalarNode {
		return r.errorf(n, "%s should be a single value", what)
	}
	return nil
}

// ruleSetting reads off, on, error or warning.
func (r *configReader) ruleSetting(n *yaml.Node) (RuleSetting, error) {
	if err := r.scalar(n, "a rule's setting"); err != nil {
		return RuleSetting{}, err
	}
	switch strings.ToLower(n.Value) {
	case "off", "false":
		return RuleSetting{Off: true}, nil
	case "on", "true":
		return RuleSetting{}, nil
	}
	sev, err := ParseSeverity(n.Value)
	if err != nil {
		return RuleSetting{}, r.errorf(n, "unknown rule setting %q (want off, on, error or warning)", n.Value)
	}
	return RuleSetting{Severity: sev}, nil
}

// list reads a list of single values, or one value alone.
func (r *configReader) list(n *yaml.Node, what string) ([]*yaml.Node, error) {
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	for _, item := range items {
		if err := r.scalar(item, what); err != nil {
			return nil, err
		}
	}
	return items, nil
}

// globs reads a list of glob patterns (or a single one).
func (r *configReader) globs(n *yaml.Node, out *[]string) error {
	items, err := r.list(n, "an exclude pattern")
	if err != nil {
		return err
	}
	for _, item := range items {
		if !doublestar.ValidatePattern(filepath.ToSlash(item.Value)) {
			return r.errorf(item, "bad exclude pattern %q", item.Value)
		}
		*out = append(*out, item.Value)
	}
	return nil
}

// percentage reads a share of a range written as a percentage: 80%.
func (r *configReader) percentage(n *yaml.Node) (float64, error) {
	if err := r.scalar(n, "near-limit-threshold"); err != nil {
		return 0, err
	}
	digits, ok := strings.CutSuffix(strings.TrimSpace(n.Value), "%")
	v, err := strconv.ParseFloat(strings.TrimSpace(digits), 64)
	if !ok || err != nil || v <= 0 || v >= 100 {
		return 0, r.errorf(n, "near-limit-threshold: %q is not a percentage between 0%% and 100%%, such as 80%%", n.Value)
	}
	return v / 100, nil
}

// sizeUnits are the suffixes ParseSize takes, longest first, with the
// power of two each stands for.
var sizeUnits = []struct {
	suffix string
	shift  int
}{{"KiB", 10}, {"MiB", 20}, {"GiB", 30}, {"TiB", 40}, {"KB", 10}, {"MB", 20}, {"GB", 30}, {"TB", 40}, {"K", 10}, {"M", 20}, {"G", 30}, {"T", 40}}

// ParseSize reads a number of bytes, with an optional suffix K, M, G or T
// (KiB, MiB, GiB, TiB and KB, MB, GB, TB alike: powers of 1024).
func ParseSize(s string) (int64, error) {
	digits, shift := strings.TrimSpace(s), 0
	for _, u := range sizeUnits {
		if rest, ok := strings.CutSuffix(digits, u.suffix); ok {
			digits, shift = rest, u.shift
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(digits), 10, 64)
	if err != nil || n < 0 || n > math.MaxInt64>>shift {
		return 0, fmt.Errorf("%q is not a size such as 1048576, 64K, 64M or 1G", s)
	}
	return n << shift, nil
}

// ParsePGVersion reads a PostgreSQL major version: 10 or later (pg_dump
// archives are read from PostgreSQL 10 on), such as 17 or 18.
func ParsePGVersion(s string) (int, error) {
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || v < 10 || v > 99 {
		return 0, fmt.Errorf("%q is not a PostgreSQL major version such as %d or %d", s, GrammarVersion, GrammarVersion+1)
	}
	return v, nil
}

// ParseFailOn reads the lowest severity that fails a run: error, warning,
// or never (0).
func ParseFailOn(s string) (Severity, error) {
	if s == "never" {
		return 0, nil
	}
	sev, err := ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("unknown severity %q (want error, warning or never)", s)
	}
	return sev, nil
}

// Select returns the rules to run, in the order of known: every rule the
// configuration does not turn off, at the severity it gives, then turned on
// or off by enable and disable (the command line, which wins).
func (c *Config) Select(known []*Rule, enable, disable []string) ([]*Rule, error) {
	for _, list := range [][]string{enable, disable} {
		for _, name := range list {
			if ruleNamed(known, name) == nil {
				return nil, errors.New(UnknownRule(known, name))
			}
		}
	}
	for _, name := range enable {
		if slices.Contains(disable, name) {
			return nil, fmt.Errorf("rule %q is both enabled and disabled", name)
		}
	}
	var out []*Rule
	for _, r := range known {
		s := c.Rules[r.Name]
		on := !s.Off
		if slices.Contains(enable, r.Name) {
			on = true
		}
		if slices.Contains(disable, r.Name) {
			on = false
		}
		if !on {
			continue
		}
		if s.Severity != 0 && s.Severity != r.Severity {
			configured := *r
			configured.Severity = s.Severity
			r = &configured
		}
		out = append(out, r)
	}
	return out, nil
}

// Excluded reports whether the configuration excludes a script: a pattern
// matches its path relative to the configuration file's directory, or one
// of the directories on that path.
func (c *Config) Excluded(path string) bool {
	if len(c.Exclude) == 0 {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	base, err := filepath.Abs(filepath.Dir(c.Path))
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, pattern := range c.Exclude {
		pattern = strings.TrimSuffix(filepath.ToSlash(pattern), "/")
		for prefix := rel; prefix != "."; prefix = filepath.ToSlash(filepath.Dir(prefix)) {
			if ok, _ := doublestar.Match(pattern, prefix); ok {
				return true
			}
		}
	}
	return false
}
