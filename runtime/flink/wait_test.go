package flink

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/flink/flinkfake"
)

// scriptByArg picks a job lifecycle from the program's first argument.
func scriptByArg(run flinkfake.RunInfo) flinkfake.Script {
	switch {
	case slices.Contains(run.ProgramArgs, "--fail"):
		return flinkfake.FailingScript(30*time.Second, flinkfake.Failure{
			ExceptionName: "java.lang.IllegalStateException", Message: "input hdfs://nn/in/2025-03-30 is empty", TaskName: "Source: in (1/4)"})
	case slices.Contains(run.ProgramArgs, "--forever"):
		return flinkfake.RunForever()
	case slices.Contains(run.ProgramArgs, "--suspend"):
		return flinkfake.Script{{State: flinkfake.StateCreated}, {After: time.Second, State: flinkfake.StateRunning},
			{After: 5 * time.Second, State: flinkfake.StateSuspended}, {After: 20 * time.Second, State: flinkfake.StateRunning},
			{After: 40 * time.Second, State: flinkfake.StateFinished}}
	}
	return flinkfake.DefaultScript()
}

func (e *env) submit(t *testing.T, action string, args ...string) string {
	t.Helper()
	sub, err := e.client.Submit(ctxT(t), testJar(t, "etl.jar", "com.example.Etl"), RunRequest{JobID: JobID(action, 1), ProgramArgs: args})
	if err != nil {
		t.Fatal(err)
	}
	return sub.JobID
}

func TestWaitFinished(t *testing.T) {
	e := newEnv(t, flinkfake.Options{Script: scriptByArg})
	id := e.submit(t, "C@1")
	st, err := e.client.Wait(ctxT(t), id, WaitOptions{Interval: 3 * time.Second, Timeout: time.Minute})
	if err != nil || st != StateFinished {
		t.Fatalf("Wait = %s, %v; want FINISHED", st, err)
	}
	if got := e.fake.Count("GET /jobs/:jobid/status"); got != 5 {
		t.Errorf("status polls = %d, want 5 (t=0,3,6,9,12s)", got)
	}
}

func TestWaitFailedCarriesTheExceptions(t *testing.T) {
	for _, fl := range flavors {
		t.Run(fl.String(), func(t *testing.T) {
			e := newEnv(t, flinkfake.Options{Flavor: fl, Script: scriptByArg})
			id := e.submit(t, "C@1", "--fail")
			st, err := e.client.Wait(ctxT(t), id, WaitOptions{Interval: 10 * time.Second, Timeout: time.Minute})
			var jerr *JobError
			if st != StateFailed || !errors.As(err, &jerr) {
				t.Fatalf("Wait = %s, %v; want FAILED with a *JobError", st, err)
			}
			want := "java.lang.IllegalStateException: input hdfs://nn/in/2025-03-30 is empty (task Source: in (1/4))"
			if jerr.Message != want || jerr.State != StateFailed || jerr.JobID != id {
				t.Errorf("JobError = %+v, want message %q", jerr, want)
			}
			if !strings.Contains(err.Error(), "ended FAILED: java.lang.IllegalStateException") {
				t.Errorf("error text %q does not name the state and exception", err)
			}
		})
	}
}

func TestWaitTreatsSuspendedAsNotFinal(t *testing.T) {
	e := newEnv(t, flinkfake.Options{Script: scriptByArg})
	id := e.submit(t, "C@1", "--suspend")
	st, err := e.client.Wait(ctxT(t), id, WaitOptions{Interval: 5 * time.Second, Timeout: 2 * time.Minute})
	if err != nil || st != StateFinished {
		t.Fatalf("Wait = %s, %v; want FINISHED after SUSPENDED", st, err)
	}
}

func TestWaitTimesOut(t *testing.T) {
	e := newEnv(t, flinkfake.Options{Script: scriptByArg})
	id := e.submit(t, "C@1", "--forever")
	st, err := e.client.Wait(ctxT(t), id, WaitOptions{Interval: 10 * time.Second, Timeout: time.Minute})
	if !errors.Is(err, ErrWaitTimeout) || st != StateRunning {
		t.Fatalf("Wait = %s, %v; want RUNNING with ErrWaitTimeout", st, err)
	}
	if got := e.fake.Count("GET /jobs/:jobid/status"); got != 6 {
		t.Errorf("status polls = %d, want 6 within one minute at 10s", got)
	}
}

func TestWaitUnknownJob(t *testing.T) {
	e := newEnv(t, flinkfake.Options{})
	if _, err := e.client.Wait(ctxT(t), JobID("never", 1), WaitOptions{Timeout: time.Minute}); !errors.Is(err, ErrJobNotFound) {
		t.Fatalf("err = %v, want ErrJobNotFound", err)
	}
	if got := e.fake.Count("GET /jobs/:jobid/status"); got != 1 {
		t.Errorf("status polls = %d, want 1 (no retry for an unknown job)", got)
	}
}

func TestWaitSurvivesErrorsAndResetsMidPoll(t *testing.T) {
	e := newEnv(t, flinkfake.Options{Script: scriptByArg})
	id := e.submit(t, "C@1")
	route := "GET /jobs/:jobid/status"
	e.fake.FailNext(3, flinkfake.Fault{Route: route, Status: 500})
	e.fake.FailNext(2, flinkfake.Fault{Route: route, Reset: true})
	e.fake.FailNext(2, flinkfake.Fault{Route: route, Status: 503})
	st, err := e.client.Wait(ctxT(t), id, WaitOptions{Interval: 5 * time.Second, Timeout: 5 * time.Minute})
	if err != nil || st != StateFinished {
		t.Fatalf("Wait = %s, %v; want FINISHED despite 7 injected faults", st, err)
	}
}

func TestWaitGivesUpAfterMaxErrors(t *testing.T) {
	e := newEnv(t, flinkfake.Options{Script: scriptByArg})
	id := e.submit(t, "C@1")
	e.fake.FailNext(100, flinkfake.Fault{Route: "GET /jobs/:jobid/status", Status: 502})
	_, err := e.client.Wait(ctxT(t), id, WaitOptions{Interval: time.Second, MaxErrors: 2, Timeout: time.Hour})
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != 502 {
		t.Fatalf("err = %v, want the last 502", err)
	}
	if got := e.fake.Count("GET /jobs/:jobid/status"); got != 8 {
		t.Errorf("status requests = %d, want 2 polls x 4 attempts", got)
	}
}
