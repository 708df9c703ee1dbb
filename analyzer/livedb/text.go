package livedb

import (
	"math"
	"math/big"
	"strconv"

	"github.com/pgseqlint/pgseqlint/analyzer/catalog"
)

// The server's text output of the values read.

func isTrue(b []byte) bool { return string(b) == "t" }

func atoi(b []byte) int64 {
	i, _ := strconv.ParseInt(string(b), 10, 64)
	return i
}

// clampKey reads an integer key; one beyond bigint (a numeric column) is
// clamped to bigint's range, past any sequence.
func clampKey(text string) (int64, bool) {
	if i, err := strconv.ParseInt(text, 10, 64); err == nil {
		return i, true
	}
	b, ok := new(big.Int).SetString(text, 10)
	if !ok {
		return 0, false
	}
	if b.Sign() > 0 {
		return math.MaxInt64, true
	}
	return math.MinInt64, true
}

// kindOf classifies a type by the name regtype gives it.
func kindOf(typ string) catalog.ColumnKind {
	switch typ {
	case "smallint":
		return catalog.KindInt2
	case "integer":
		return catalog.KindInt4
	case "bigint":
		return catalog.KindInt8
	case "numeric":
		return catalog.KindNumeric
	}
	return catalog.KindOther
}
