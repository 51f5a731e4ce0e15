package flink

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/flink/flinkfake"
)

func TestStopWithSavepoint(t *testing.T) {
	for _, fl := range flavors {
		t.Run(fl.String(), func(t *testing.T) {
			e := newEnv(t, flinkfake.Options{Flavor: fl, Script: scriptByArg})
			ctx := ctxT(t)
			id := e.submit(t, "C@1", "--forever")
			e.clock.mc.Advance(2 * time.Second)
			trigger := TriggerID(id, "stop")
			req := StopRequest{TriggerID: trigger, TargetDirectory: "hdfs://nn/savepoints", Drain: true, FormatType: "CANONICAL"}
			for range 2 { // the second trigger is a retry after a crash
				got, err := e.client.StopWithSavepoint(ctx, id, req)
				if err != nil || got != trigger {
					t.Fatalf("StopWithSavepoint = %s, %v; want %s", got, err, trigger)
				}
			}
			sp, err := e.client.SavepointStatus(ctx, id, trigger)
			if err != nil || sp.Completed {
				t.Fatalf("status right after the trigger = %+v, %v; want in progress", sp, err)
			}
			sp, err = e.client.WaitSavepoint(ctx, id, trigger, WaitOptions{Interval: time.Second, Timeout: time.Minute})
			if err != nil || !sp.Completed || !strings.HasPrefix(sp.Location, "hdfs://nn/savepoints/savepoint-"+id[:6]+"-") {
				t.Fatalf("WaitSavepoint = %+v, %v; want a savepoint under hdfs://nn/savepoints", sp, err)
			}
			if st, err := e.client.Wait(ctx, id, WaitOptions{Interval: time.Second, Timeout: time.Minute}); err != nil || st != StateFinished {
				t.Errorf("job after stop = %s, %v; want FINISHED", st, err)
			}
		})
	}
}

func TestStopFailures(t *testing.T) {
	e := newEnv(t, flinkfake.Options{Script: scriptByArg})
	ctx := ctxT(t)
	id := e.submit(t, "C@1", "--forever") // CREATED: not yet running
	trigger := TriggerID(id, "stop")
	if _, err := e.client.StopWithSavepoint(ctx, id, StopRequest{TriggerID: trigger}); err == nil {
		t.Fatal("stop without a savepoint directory succeeded, want Flink's 400")
	} else if ae, ok := errorsAs[*APIError](err); !ok || ae.StatusCode != http.StatusBadRequest || !strings.Contains(err.Error(), "must be provided") {
		t.Fatalf("err = %v, want 400 naming the missing directory", err)
	}
	if _, err := e.client.StopWithSavepoint(ctx, id, StopRequest{TriggerID: trigger, TargetDirectory: "/sp"}); err != nil {
		t.Fatal(err)
	}
	_, err := e.client.WaitSavepoint(ctx, id, trigger, WaitOptions{Interval: time.Second, Timeout: time.Minute})
	var serr *SavepointError
	if !errors.As(err, &serr) || !strings.Contains(serr.Failure, "CheckpointException") {
		t.Fatalf("err = %v, want a *SavepointError from CheckpointException", err)
	}
	if _, err := e.client.SavepointStatus(ctx, id, TriggerID(id, "other")); !errors.Is(err, ErrOperationNotFound) {
		t.Errorf("unknown trigger: err = %v, want ErrOperationNotFound", err)
	}
	for _, bad := range []StopRequest{{TriggerID: "x"}, {TriggerID: trigger, FormatType: "native"}} {
		if _, err := e.client.StopWithSavepoint(ctx, id, bad); err == nil {
			t.Errorf("StopWithSavepoint(%+v) succeeded, want a validation error", bad)
		}
	}
}

func TestCancel(t *testing.T) {
	for _, fl := range flavors {
		t.Run(fl.String(), func(t *testing.T) {
			e := newEnv(t, flinkfake.Options{Flavor: fl, Script: scriptByArg})
			ctx := ctxT(t)
			id := e.submit(t, "C@1", "--forever")
			if err := e.client.Cancel(ctx, id); err != nil {
				t.Fatal(err)
			}
			if st, _ := e.client.Status(ctx, id); st != StateCancelling {
				t.Errorf("state after cancel = %s, want CANCELLING", st)
			}
			st, err := e.client.Wait(ctx, id, WaitOptions{Interval: time.Second, Timeout: time.Minute})
			var jerr *JobError
			if st != StateCanceled || !errors.As(err, &jerr) || jerr.Message != "" {
				t.Fatalf("Wait = %s, %v; want CANCELED with an empty exception summary", st, err)
			}
			if err := e.client.Cancel(ctx, id); err != nil {
				t.Errorf("second cancel: %v, want it acknowledged", err)
			}
			done := e.submit(t, "C@2")
			e.clock.mc.Advance(time.Minute)
			if err := e.client.Cancel(ctx, done); !errors.Is(err, ErrJobTerminated) {
				t.Errorf("cancel of a FINISHED job: err = %v, want ErrJobTerminated", err)
			}
			if err := e.client.Cancel(ctx, JobID("never", 1)); !errors.Is(err, ErrJobNotFound) {
				t.Errorf("cancel of an unknown job: err = %v, want ErrJobNotFound", err)
			}
		})
	}
}
