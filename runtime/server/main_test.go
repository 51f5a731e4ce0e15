package server

import (
	"testing"

	"github.com/coordc/coordc/runtime/state/statetest"
)

// TestMain runs the package's tests on SQLite and, with
// COORDC_TEST_POSTGRES set, the SLA API and rerun --failed tests again on PostgreSQL.
func TestMain(m *testing.M) { statetest.Main(m, "TestOozieSLA|TestOozieRerunFailed") }
