package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pgseqlint/pgseqlint/analyzer/report"
)

// Release builds set these at link time (.github/scripts/build-release.sh):
//
//	-ldflags "-X main.version=v1.2.3 -X main.commit=<hash> -X main.date=<RFC 3339 time>"
//
// Other builds leave them empty and say what the go command recorded.
var version, commit, date string

// buildVersion is what a pgseqlint binary knows of where it came from.
type buildVersion struct {
	// Version is the release's tag, the module's version (go install
	// ...@v1.2.3 records v1.2.3, a build in a checkout a pseudo-version
	// such as v0.0.0-20261205093000-0123456789ab+dirty), or (devel).
	Version string
	// Commit is the hash of the commit built, when known.
	Commit string
	// Modified is set when the checkout had changes not committed.
	Modified bool
	// Built is when a release build was made; Committed the time of the
	// commit, when that is all that is known.
	Built, Committed string
}

// currentVersion describes this binary.
func currentVersion() buildVersion {
	bi, _ := debug.ReadBuildInfo()
	return describeBuild(bi, version, commit, date)
}

// describeBuild merges what the linker was told with what the go command
// recorded (bi may be nil): the first wins.
func describeBuild(bi *debug.BuildInfo, ldVersion, ldCommit, ldDate string) buildVersion {
	b := buildVersion{Version: ldVersion, Commit: ldCommit, Built: ldDate}
	if bi == nil {
		if b.Version == "" {
			b.Version = "(devel)"
		}
		return b
	}
	if b.Version == "" {
		b.Version = bi.Main.Version
	}
	if b.Version == "" {
		b.Version = "(devel)"
	}
	if b.Commit == "" {
		settings := map[string]string{}
		for _, s := range bi.Settings {
			settings[s.Key] = s.Value
		}
		b.Commit = settings["vcs.revision"]
		b.Modified = settings["vcs.modified"] == "true"
		if b.Built == "" {
			b.Committed = settings["vcs.time"]
		}
	}
	return b
}

// String is the version and, in parentheses, what else is known:
// "v1.2.3 (commit 0123456789ab, built 2026-12-05T10:00:00Z)".
func (b buildVersion) String() string {
	var more []string
	if b.Commit != "" {
		c := b.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		more = append(more, "commit "+c)
	}
	if b.Modified {
		more = append(more, "modified")
	}
	switch {
	case b.Built != "":
		more = append(more, "built "+b.Built)
	case b.Committed != "":
		more = append(more, "committed "+b.Committed)
	}
	if len(more) == 0 {
		return b.Version
	}
	return fmt.Sprintf("%s (%s)", b.Version, strings.Join(more, ", "))
}

// Semver is the version as Semantic Versioning spells it, without the "v"
// ("1.2.3", "0.0.0-20261205093000-0123456789ab+dirty"), or "" when the
// build has none: SARIF's semanticVersion takes this form.
func (b buildVersion) Semver() string {
	v, ok := strings.CutPrefix(b.Version, "v")
	if !ok || v == "" || v[0] < '0' || v[0] > '9' {
		return ""
	}
	return v
}

// reportTool is what the JSON and SARIF reports say of this build: the
// version `pgseqlint version` prints, without the commit and date.
func reportTool() report.Tool {
	b := currentVersion()
	return report.Tool{Version: b.Version, SemanticVersion: b.Semver()}
}

// versionLine is what `pgseqlint version` and `pgseqlint --version` print.
func versionLine() string { return "pgseqlint " + currentVersion().String() + "\n" }

func newCmdVersion(io streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Long: `Version prints pgseqlint's version, and the commit and date of the build where they are
known, as --version does.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return writeOut(io, versionLine())
		},
	}
}
