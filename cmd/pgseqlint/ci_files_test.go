package main

import (
	"bytes"
	"maps"
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
	type step struct {
		Name             string
		ID               string
		If               string
		Uses             string
		With             map[string]string
		Shell            string
		WorkingDirectory string `yaml:"working-directory"`
		ContinueOnError  bool   `yaml:"continue-on-error"`
		Env              map[string]string
		Run              string
	}
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
		Outputs map[string]struct {
			Description string
			Value       string
		}
		Runs struct {
			Using string
			Steps []step
		}
	}
	readYAML(t, "action.yml", &action)
	if action.Runs.Using != "composite" {
		t.Errorf("runs.using is %q, want composite", action.Runs.Using)
	}
	for _, name := range []string{"paths", "schema", "layout", "config", "fail-on", "args", "sarif-file", "version"} {
		if _, ok := action.Inputs[name]; !ok {
			t.Errorf("no input %q", name)
		}
	}
	check := checkCommandLine(t, "action.yml", []string{"check"})
	if def := action.Inputs["fail-on"].Default; def == nil || !slices.Contains(flagValues(check, "fail-on"), *def) {
		t.Errorf("fail-on defaults to %v, not a value of --fail-on %q", def, flagValues(check, "fail-on"))
	}
	for _, layout := range flagValues(check, "layout") {
		if !strings.Contains(action.Inputs["layout"].Description, layout) {
			t.Errorf("the layout input does not name --layout %s", layout)
		}
	}
	inputRef := regexp.MustCompile(`inputs\.([a-z-]+)`)
	scriptRef := regexp.MustCompile(`^bash "\$GITHUB_ACTION_PATH/(\.github/scripts/[a-z-]+\.sh)"$`)
	steps := map[string]step{}
	for _, st := range action.Runs.Steps {
		where := "action.yml step " + st.Name
		if (st.Run == "") == (st.Uses == "") {
			t.Errorf("%s: a step runs a script or uses an action", where)
		}
		if st.Run != "" && st.Shell == "" {
			t.Errorf("%s: a composite step that runs a script needs a shell", where)
		}
		var text []string
		text = append(text, st.If, st.Run)
		for _, v := range st.With {
			text = append(text, v)
		}
		for _, v := range st.Env {
			text = append(text, v)
		}
		for _, m := range inputRef.FindAllStringSubmatch(strings.Join(text, "\n"), -1) {
			if _, ok := action.Inputs[m[1]]; !ok {
				t.Errorf("%s: no input %q", where, m[1])
			}
		}
		if m := scriptRef.FindStringSubmatch(st.Run); m != nil {
			if _, err := os.Stat("../../" + m[1]); err != nil {
				t.Errorf("%s: %v", where, err)
			}
			steps[m[1]] = st
		}
		if strings.Contains(st.Run, "go install ./cmd/pgseqlint") {
			steps["build"] = st
			if st.WorkingDirectory != "${{ github.action_path }}" || st.If != "steps.install.outputs.build == 'true'" {
				t.Errorf("%s: builds in %q when %q, want the action's checkout when the install step says so", where, st.WorkingDirectory, st.If)
			}
		}
		if strings.HasPrefix(st.Uses, "github/codeql-action/upload-sarif@") {
			steps["upload"] = st
		}
	}
	install, checkStep, upload := steps[".github/scripts/install-pgseqlint.sh"], steps[".github/scripts/action-check.sh"], steps["upload"]
	if install.ID != "install" || checkStep.ID != "check" || steps["build"].Run == "" || upload.Uses == "" {
		t.Fatalf("want the steps install (id install), build, check (id check) and upload; have %v", slices.Collect(maps.Keys(steps)))
	}
	// The upload runs after a check that found something, and its failure
	// does not hide the check's result.
	if !upload.ContinueOnError || !strings.Contains(upload.If, "!cancelled()") || !strings.Contains(upload.If, "steps.check.outputs.status == '1'") {
		t.Errorf("upload step: continue-on-error %v, if %q; want true, and to run after a failed check", upload.ContinueOnError, upload.If)
	}
	if action.Outputs["status"].Value != "${{ steps.check.outputs.status }}" {
		t.Errorf("output status is %q", action.Outputs["status"].Value)
	}
	// The check step's script runs pgseqlint once, with flags check has.
	script, err := os.ReadFile("../../.github/scripts/action-check.sh")
	if err != nil {
		t.Fatal(err)
	}
	runs := regexp.MustCompile(`(?m)^(?:GITHUB_ACTIONS=true )?pgseqlint "\$\{args\[@\]\}"`).FindAll(script, -1)
	if len(runs) != 1 {
		t.Errorf("action-check.sh runs pgseqlint %d times, want once", len(runs))
	}
	flags := regexp.MustCompile(`(?m)args(?:\+)?=\((?:check )?((?:--[a-z-]+[^)]*))\)`).FindAllSubmatch(script, -1)
	if len(flags) < 4 {
		t.Errorf("found %d lines that add flags to args in action-check.sh, want the format, fail-on, schema, layout and config", len(flags))
	}
	var words []string
	for _, m := range flags {
		words = append(words, regexp.MustCompile(`--[a-z][a-z-]*`).FindAllString(string(m[1]), -1)...)
	}
	checkCommandLine(t, "action-check.sh", append([]string{"check"}, words...))
}

func TestPreCommitHooks(t *testing.T) {
	hooks := readHooks(t)
	if len(hooks) != 2 {
		t.Fatalf("%d hooks, want 2", len(hooks))
	}
	for _, h := range hooks {
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
}
