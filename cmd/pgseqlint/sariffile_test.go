package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSARIFFile: --sarif-file writes, beside the report of --format, the
// SARIF report --format sarif gives, from the same run.
func TestSARIFFile(t *testing.T) {
	shop, err := filepath.Abs("../../testdata/examples/shop")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(shop)
	check := func(args ...string) (string, int) {
		var out, errOut bytes.Buffer
		code := run(append([]string{"check"}, args...), streams{in: strings.NewReader(""), out: &out, err: &errOut})
		return out.String(), code
	}
	paths := []string{"schema.sql", "data.sql"}
	want, wantCode := check(append([]string{"--format", "sarif"}, paths...)...)
	jsonReport, _ := check(append([]string{"--format", "json"}, paths...)...)
	file := filepath.Join(t.TempDir(), "report.sarif")
	out, code := check(append([]string{"--format", "json", "--sarif-file", file}, paths...)...)
	if code != wantCode || wantCode != 1 || out != jsonReport {
		t.Errorf("with --sarif-file: exit %d and stdout\n%s\nwant exit %d and the JSON report", code, out, wantCode)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want || !json.Valid(got) {
		t.Errorf("--sarif-file wrote\n%s\nwant what --format sarif writes:\n%s", got, want)
	}
}
