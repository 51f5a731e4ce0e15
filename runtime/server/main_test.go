package server

import (
	"testing"

	"github.com/coordc/coordc/runtime/state/statetest"
)

// TestMain runs the package's tests on SQLite and, with
// COORDC_TEST_POSTGRES set, the Oozie API tests (TestOozie…, the SLA, rerun --failed and
// workflow rerun ones among them), the job lifecycle API tests and the metrics test again on
// PostgreSQL.
func TestMain(m *testing.M) { statetest.Main(m, "TestOozie|TestLifecycleAPI|TestMetricsNamed") }
