package fix_test

import (
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }
