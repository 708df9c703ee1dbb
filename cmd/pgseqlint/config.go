package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/pgseqlint/pgseqlint/analyzer"
	"github.com/pgseqlint/pgseqlint/analyzer/inert"
	"github.com/pgseqlint/pgseqlint/rules"
)

// configFlags choose the configuration file and the rules to run.
type configFlags struct {
	path            string
	enable, disable []string
	flags           *pflag.FlagSet
}

func (f *configFlags) register(cmd *cobra.Command) {
	f.flags = cmd.Flags()
	f.flags.StringVar(&f.path, "config", "", "read this configuration file instead of the "+analyzer.ConfigFile+" found from the current directory upward")
	f.flags.StringSliceVar(&f.enable, "enable", nil, "run these rules, whatever the configuration says (comma-separated)")
	f.flags.StringSliceVar(&f.disable, "disable", nil, "do not run these rules, whatever the configuration says (comma-separated)")
}

// settings are what the configuration file and the flags decide together.
type settings struct {
	flags  *configFlags
	config *analyzer.Config
	rules  []*analyzer.Rule
}

// load reads the configuration file (--config, or the one found from the
// current directory upward, or none) and chooses the rules.
func (f *configFlags) load() (*settings, error) {
	path := f.path
	if path == "" {
		found, err := analyzer.FindConfig(".")
		if err != nil {
			return nil, err
		}
		path = found
	}
	cfg := &analyzer.Config{}
	if path != "" {
		var err error
		if cfg, err = analyzer.LoadConfig(path, rules.All()); err != nil {
			return nil, err
		}
	}
	selected, err := cfg.Select(rules.All(), f.enable, f.disable)
	if err != nil {
		return nil, fmt.Errorf("--enable/--disable: %w", err)
	}
	return &settings{flags: f, config: cfg, rules: selected}, nil
}

// failOn is --fail-on when given, else the configuration's, else the
// flag's default.
func (s *settings) failOn(flag string) string {
	if !s.flags.flags.Changed("fail-on") && s.config.FailOn != "" {
		return s.config.FailOn
	}
	return flag
}

// describe says, for -v, which configuration file the run follows; w nil
// says nothing.
func (s *settings) describe(w io.Writer) {
	switch {
	case w == nil:
	case s.config.Path == "":
		fmt.Fprintf(w, "no configuration file (%s): every rule at its own severity\n", analyzer.ConfigFile)
	default:
		fmt.Fprintf(w, "configuration %s\n", inert.String(s.config.Path))
	}
}

func (s *settings) options(paths []string, stdin io.Reader) analyzer.Options {
	return analyzer.Options{
		Paths:     paths,
		Stdin:     stdin,
		Rules:     s.rules,
		Known:     rules.All(),
		Exclude:   s.config.Excluded,
		NearLimit: s.config.NearLimit,
		PGVersion: s.config.PGVersion,
	}
}
