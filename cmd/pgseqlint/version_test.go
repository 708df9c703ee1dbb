package main

import (
	"bytes"
	"runtime/debug"
	"strings"
	"testing"
)

func TestDescribeBuild(t *testing.T) {
	vcs := func(version string, settings ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/pgseqlint/pgseqlint", Version: version}}
		bi.Settings = append(bi.Settings, debug.BuildSetting{Key: "CGO_ENABLED", Value: "1"})
		for i := 0; i+1 < len(settings); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return bi
	}
	const rev = "b3c25b700cfa99574942169563fa26973092fada"
	cases := []struct {
		name                string
		bi                  *debug.BuildInfo
		ldVersion, ldCommit string
		ldDate              string
		want, semver        string
	}{
		{
			name:      "release build",
			bi:        vcs("(devel)"),
			ldVersion: "v1.2.3", ldCommit: rev, ldDate: "2026-12-05T10:00:00Z",
			want: "v1.2.3 (commit b3c25b700cfa, built 2026-12-05T10:00:00Z)", semver: "1.2.3",
		},
		{
			name:      "release build of a prerelease, from a checkout the go command also stamped",
			bi:        vcs("v1.3.0-rc.1", "vcs.revision", rev, "vcs.time", "2026-12-02T21:08:38Z", "vcs.modified", "false"),
			ldVersion: "v1.3.0-rc.1", ldCommit: rev, ldDate: "2026-12-05T10:00:00Z",
			want: "v1.3.0-rc.1 (commit b3c25b700cfa, built 2026-12-05T10:00:00Z)", semver: "1.3.0-rc.1",
		},
		{
			// go install github.com/pgseqlint/pgseqlint/cmd/pgseqlint@v1.2.3
			// builds from the module zip: a version, no VCS settings.
			name: "go install at a version",
			bi:   vcs("v1.2.3"),
			want: "v1.2.3", semver: "1.2.3",
		},
		{
			name: "go build in a checkout, with changes",
			bi: vcs("v0.0.0-20261202210838-b3c25b700cfa+dirty",
				"vcs", "git", "vcs.revision", rev, "vcs.time", "2026-12-02T21:08:38Z", "vcs.modified", "true"),
			want:   "v0.0.0-20261202210838-b3c25b700cfa+dirty (commit b3c25b700cfa, modified, committed 2026-12-02T21:08:38Z)",
			semver: "0.0.0-20261202210838-b3c25b700cfa+dirty",
		},
		{
			name: "go build without VCS stamping",
			bi:   vcs("(devel)"),
			want: "(devel)",
		},
		{
			name: "go build of a checkout go did not stamp with a version",
			bi:   vcs("(devel)", "vcs", "git", "vcs.revision", rev, "vcs.time", "2026-12-02T21:08:38Z", "vcs.modified", "false"),
			want: "(devel) (commit b3c25b700cfa, committed 2026-12-02T21:08:38Z)",
		},
		{
			name: "no build information",
			want: "(devel)",
		},
		{
			name:      "no build information, version from the linker",
			ldVersion: "v2.0.0", ldDate: "2026-12-05T10:00:00Z",
			want: "v2.0.0 (built 2026-12-05T10:00:00Z)", semver: "2.0.0",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := describeBuild(c.bi, c.ldVersion, c.ldCommit, c.ldDate)
			if got := b.String(); got != c.want {
				t.Errorf("String() = %q, want %q", got, c.want)
			}
			if got := b.Semver(); got != c.semver {
				t.Errorf("Semver() = %q, want %q", got, c.semver)
			}
		})
	}
}

// TestVersionOutput runs `pgseqlint version` and `pgseqlint --version`:
// both print one line that names the build as currentVersion does.
func TestVersionOutput(t *testing.T) {
	want := "pgseqlint " + currentVersion().String() + "\n"
	if strings.Count(want, "\n") != 1 || strings.Contains(want, "pgseqlint  ") || strings.HasSuffix(want, " \n") {
		t.Fatalf("malformed version line %q", want)
	}
	for _, args := range [][]string{{"version"}, {"--version"}} {
		var out, errOut bytes.Buffer
		code := run(args, streams{in: strings.NewReader(""), out: &out, err: &errOut})
		if code != 0 || out.String() != want || errOut.Len() != 0 {
			t.Errorf("pgseqlint %s: exit %d, stdout %q, stderr %q; want 0, %q, nothing", args[0], code, out.String(), errOut.String(), want)
		}
	}
}

// TestReportVersion checks that the JSON and SARIF reports carry the
// version the build says of itself, as a release build stamps it.
func TestReportVersion(t *testing.T) {
	saved := version
	version = "v1.2.3"
	t.Cleanup(func() { version = saved })
	t.Chdir(t.TempDir())
	input := "CREATE TABLE t (id serial);\nINSERT INTO t VALUES (5);\n"
	for format, want := range map[string][]string{
		"json":  {`"version": "v1.2.3"`},
		"sarif": {`"version": "v1.2.3"`, `"semanticVersion": "1.2.3"`},
	} {
		var out, errOut bytes.Buffer
		code := run([]string{"check", "--format", format, "-"}, streams{in: strings.NewReader(input), out: &out, err: &errOut})
		if code != 1 {
			t.Fatalf("%s: exit %d, want 1: %s", format, code, errOut.String())
		}
		for _, w := range want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s report lacks %s:\n%s", format, w, out.String())
			}
		}
	}
}
