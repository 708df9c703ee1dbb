package main

import (
	"bytes"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

// readYAML parses a file at the top of the repository, refusing fields
// that v does not name.
func readYAML(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile("../../" + name)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// checkCommandLine finds a pgseqlint command line in the command tree and
// its flags among the command's: the CI files must name what exists.
func checkCommandLine(t *testing.T, where string, args []string) *cobra.Command {
	t.Helper()
	root := newRootCmd(streams{in: strings.NewReader(""), out: &bytes.Buffer{}, err: &bytes.Buffer{}})
	cmd, rest, err := root.Find(args)
	if err != nil || cmd == root {
		t.Fatalf("%s: %q is not a pgseqlint command (%v)", where, strings.Join(args, " "), err)
	}
	for _, arg := range rest {
		if name, ok := strings.CutPrefix(arg, "--"); ok {
			name, _, _ = strings.Cut(name, "=")
			if cmd.Flags().Lookup(name) == nil {
				t.Errorf("%s: %s has no flag --%s", where, cmd.CommandPath(), name)
			}
		}
	}
	return cmd
}

// flagValues lists the values a flag's help names ("text, json or sarif").
func flagValues(cmd *cobra.Command, name string) []string {
	usage := cmd.Flags().Lookup(name).Usage
	usage, _, _ = strings.Cut(usage[strings.Index(usage, ":")+1:], "(")
	return strings.FieldsFunc(strings.ReplaceAll(usage, " or ", ","), func(r rune) bool { return r == ',' || r == ' ' })
}

func TestAction(t *testing.T) {
	var action struct {
		Name        string
		Description string
		Author      string
		Branding    map[string]string
		Inputs      map[string]struct {
			Description string
			Required    bool
			Default     *string
		}
		Runs struct {
			Using string
			Steps []struct {
				Name             string
				If               string
				Uses             string
				With             map[string]string
				Shell            string
				WorkingDirectory string `yaml:"working-directory"`
				Env              map[string]string
				Run              string
			}
		}
	}
	readYAML(t, "action.yml", &action)
	if action.Runs.Using != "composite" {
		t.Errorf("runs.using is %q, want composite", action.Runs.Using)
	}
	for _, name := range []string{"paths", "format", "fail-on", "sarif-file"} {
		if _, ok := action.Inputs[name]; !ok {
			t.Errorf("no input %q", name)
		}
	}
	check := checkCommandLine(t, "action.yml", []string{"check"})
	if def := action.Inputs["fail-on"].Default; def == nil || !slices.Contains(flagValues(check, "fail-on"), *def) {
		t.Errorf("fail-on defaults to %v, not a value of --fail-on %q", def, flagValues(check, "fail-on"))
	}
	if def := action.Inputs["format"].Default; def == nil || *def != "" {
		t.Errorf("format defaults to %v, want empty: text and annotations", def)
	}
	inputRef := regexp.MustCompile(`inputs\.([a-z-]+)`)
	flagRef := regexp.MustCompile(`--[a-z][a-z-]*`)
	var installs, checks int
	for _, step := range action.Runs.Steps {
		where := "action.yml step " + step.Name
		if (step.Run == "") == (step.Uses == "") {
			t.Errorf("%s: a step runs a script or uses an action", where)
		}
		if step.Run != "" && step.Shell == "" {
			t.Errorf("%s: a composite step that runs a script needs a shell", where)
		}
		var text []string
		text = append(text, step.If, step.Run)
		for _, v := range step.With {
			text = append(text, v)
		}
		for _, v := range step.Env {
			text = append(text, v)
		}
		for _, m := range inputRef.FindAllStringSubmatch(strings.Join(text, "\n"), -1) {
			if _, ok := action.Inputs[m[1]]; !ok {
				t.Errorf("%s: no input %q", where, m[1])
			}
		}
		if strings.Contains(step.Run, "go install ./cmd/pgseqlint") {
			installs++
			if step.WorkingDirectory != "${{ github.action_path }}" {
				t.Errorf("%s: installs from %q, want the action's checkout", where, step.WorkingDirectory)
			}
		}
		for _, line := range strings.Split(step.Run, "\n") {
			words := strings.Fields(line)
			if len(words) < 2 || words[0] != "pgseqlint" {
				continue
			}
			checks++
			// The flags may sit in a shell array built on other lines.
			checkCommandLine(t, where, append([]string{words[1]}, flagRef.FindAllString(step.Run, -1)...))
		}
	}
	if installs != 1 || checks != 2 {
		t.Errorf("%d installs and %d pgseqlint command lines, want 1 and 2 (the SARIF report and the check)", installs, checks)
	}
}

func TestPreCommitHooks(t *testing.T) {
	var hooks []struct {
		ID            string
		Name          string
		Description   string
		Entry         string
		Language      string
		Files         string
		RequireSerial bool `yaml:"require_serial"`
	}
	readYAML(t, ".pre-commit-hooks.yaml", &hooks)
	if len(hooks) != 1 {
		t.Fatalf("%d hooks, want 1", len(hooks))
	}
	h := hooks[0]
	if h.Language != "golang" || !h.RequireSerial {
		t.Errorf("hook %s: language %q, require_serial %v; want golang, true", h.ID, h.Language, h.RequireSerial)
	}
	words := strings.Fields(h.Entry)
	if len(words) < 2 || words[0] != "pgseqlint" {
		t.Fatalf("hook %s runs %q, want pgseqlint", h.ID, h.Entry)
	}
	if cmd := checkCommandLine(t, ".pre-commit-hooks.yaml", words[1:]); cmd.Name() != "check" {
		t.Errorf("hook %s runs pgseqlint %s, want check", h.ID, cmd.Name())
	}
	files := regexp.MustCompile(h.Files)
	for name, want := range map[string]bool{"db/001_init.sql": true, "dump.sql": true, "notes.md": false, "schema.sql.bak": false} {
		if files.MatchString(name) != want {
			t.Errorf("hook %s: files %q matches %s: %v, want %v", h.ID, h.Files, name, !want, want)
		}
	}
}
