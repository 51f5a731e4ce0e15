package workflow

import (
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/flink/flinkfake"
	"github.com/coordc/coordc/runtime/runner"
)

// TestFlinkUploadFailuresWait is the jar-upload bullet of issue 11: an
// upload answered 500 (more often than the client retries) killed every
// action. The action stays RUNNING (SUBMITTING) and is submitted once the
// cluster accepts the upload, exactly once.
func TestFlinkUploadFailuresWait(t *testing.T) {
	env := newFlinkEnv(t, flinkfake.Options{}, false)
	env.fake.FailNext(20, flinkfake.Fault{Route: "POST /jars/upload", Status: 500})
	id := env.start("c@1", "/in")
	res := env.check(id)
	if res.Status != runner.Running {
		t.Fatalf("check during upload failures: %+v", res)
	}
	if st := env.row(id).externalStatus; st != flinkSubmitting {
		t.Fatalf("external status %q, want %s", st, flinkSubmitting)
	}
	for i := 0; i < 20 && res.Status == runner.Running; i++ {
		env.clk.add(11 * time.Second)
		res = env.check(id)
	}
	if res.Status != runner.Succeeded {
		t.Fatalf("result %+v", res)
	}
	if n := len(env.fake.Jobs()); n != 1 {
		t.Errorf("%d Flink jobs, want 1", n)
	}
}
