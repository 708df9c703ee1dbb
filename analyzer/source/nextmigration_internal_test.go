package source

import (
	"testing"
	"time"
)

func TestNextNumber(t *testing.T) {
	now := time.Date(2026, 12, 5, 19, 30, 0, 0, time.UTC)
	for last, want := range map[string]string{
		"":                        "1",
		"1":                       "2",
		"9":                       "10",
		"0009":                    "0010",
		"20240103000000":          "20261205193000", // a timestamp: now
		"20990101000000":          "20990101000001", // dated after now: the next number
		"99999999999999999999999": "100000000000000000000000",
	} {
		if got := nextNumber(last, now); got != want {
			t.Errorf("nextNumber(%q) = %q, want %q", last, got, want)
		}
	}
}
