package workflow

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/runtime/launch"
	"github.com/coordc/coordc/runtime/runner"
)

var epoch = time.Date(2025, 3, 30, 1, 0, 0, 0, time.UTC)

func TestShellOK(t *testing.T) {
	t.Setenv("TZ", "Pacific/Chatham") // nothing may depend on the host zone
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	req := request(t, "basic", map[string]string{"greeting": "hi there"})
	id, err := e.Start(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if id != "0000001-basic-C@1-W0" {
		t.Errorf("id = %q", id)
	}
	again, err := e.Start(context.Background(), req)
	if err != nil || again != id {
		t.Errorf("second Start = %q, %v; want the same job", again, err)
	}
	res := runToEnd(t, e, id)
	if diff := cmp.Diff(runner.Result{Status: runner.Succeeded}, res); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	want := map[string]string{StartNode: "OK", "hello": "OK", "end": "OK"}
	if diff := cmp.Diff(want, nodes(t, db, id)); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
	out := readFile(t, filepath.Join(req.Dir, "hello", launch.StdoutFile))
	if want := "hi there|" + id + "|$HOME; rm -rf /"; out != want {
		t.Errorf("stdout = %q, want %q", out, want)
	}
	conf := readFile(t, filepath.Join(req.Dir, "hello", ConfXMLFile))
	if !strings.Contains(conf, "<name>greeting</name><value>hi there</value>") {
		t.Errorf("action configuration:\n%s", conf)
	}
	rows, _ := loadActions(context.Background(), db, id)
	for _, r := range rows {
		if r.name == "hello" && (!strings.HasPrefix(r.externalID, "pid:") || r.externalStatus != "SUCCEEDED" || r.transition != "end") {
			t.Errorf("hello row: %+v", r)
		}
	}
}

func TestShellErrorToKill(t *testing.T) {
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	req := request(t, "failing", nil)
	id, err := e.Start(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	res := runToEnd(t, e, id)
	want := runner.Result{Status: runner.Killed, ErrorCode: CodeKilled, ErrorMessage: "[boom] failed with code 3"}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{StartNode: "OK", "boom": "ERROR", "fail": "OK"}, nodes(t, db, id)); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
	if got := readFile(t, filepath.Join(req.Dir, "boom", launch.StderrFile)); got != "broken\n" {
		t.Errorf("stderr = %q", got)
	}
}

func TestUserRetry(t *testing.T) {
	for _, tt := range []struct {
		succeedAt string
		want      runner.Status
		tries     string
	}{
		{"3", runner.Succeeded, "3"}, // two retries are enough
		{"4", runner.Killed, "3"},    // retry-max=2: three tries, then the error transition
	} {
		db, _ := newDB(t)
		c := &clock{t: epoch}
		e := newEngine(db, c)
		counter := filepath.Join(t.TempDir(), "count")
		id, err := e.Start(context.Background(), request(t, "retry", map[string]string{"counter": counter, "succeedAt": tt.succeedAt}))
		if err != nil {
			t.Fatal(err)
		}
		var res runner.Result
		for i := 0; i < 2000 && !res.Status.Terminal(); i++ {
			if res, err = e.Check(context.Background(), id); err != nil {
				t.Fatal(err)
			}
			if !res.NextCheck.IsZero() && res.NextCheck.Sub(c.now()) > time.Second {
				// A retry is waiting: nothing may happen before the interval.
				if got := strings.TrimSpace(readFile(t, counter)); got == tt.tries && !res.Status.Terminal() {
					t.Fatalf("a retry is scheduled after the last try")
				}
				if d := res.NextCheck.Sub(c.now()); d != time.Minute {
					t.Errorf("retry scheduled in %v, want 1m", d)
				}
				c.add(time.Minute)
			}
			time.Sleep(2 * time.Millisecond)
		}
		if res.Status != tt.want {
			t.Errorf("succeedAt %s: status %s, want %s", tt.succeedAt, res.Status, tt.want)
		}
		if got := strings.TrimSpace(readFile(t, counter)); got != tt.tries {
			t.Errorf("succeedAt %s: ran %s times, want %s", tt.succeedAt, got, tt.tries)
		}
		rows, _ := loadActions(context.Background(), db, id)
		for _, r := range rows {
			if r.name == "flaky" && r.retries != 2 && tt.want == runner.Killed {
				t.Errorf("retries = %d, want 2", r.retries)
			}
		}
	}
}

func TestForkJoinDecision(t *testing.T) {
	for _, tt := range []struct {
		status string
		want   runner.Result
	}{
		{"good", runner.Result{Status: runner.Succeeded}},
		{"bad", runner.Result{Status: runner.Killed, ErrorCode: CodeKilled, ErrorMessage: "decision said no: {rows=42, status=bad}"}},
	} {
		db, _ := newDB(t)
		e := newEngine(db, &clock{t: epoch})
		out := t.TempDir()
		id, err := e.Start(context.Background(), request(t, "forkjoin", map[string]string{"status": tt.status, "out": out}))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, runToEnd(t, e, id)); diff != "" {
			t.Errorf("%s: result (-want +got):\n%s", tt.status, diff)
		}
		want := map[string]string{StartNode: "OK", "split": "OK", "slow": "OK", "dirs": "OK", "merge": "OK", "check": "OK",
			map[string]string{"good": "end", "bad": "fail"}[tt.status]: "OK"}
		if diff := cmp.Diff(want, nodes(t, db, id)); diff != "" {
			t.Errorf("%s: nodes (-want +got):\n%s", tt.status, diff)
		}
	}
}

func TestParamsAndFs(t *testing.T) {
	db, _ := newDB(t)
	e := newEngine(db, &clock{t: epoch})
	out := t.TempDir()
	_, err := e.Start(context.Background(), request(t, "params", nil))
	if want := "params/workflow.xml:3:19: The following 1 parameters are required but were not defined and no default values are available: out"; err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("Start without the required parameter: %v", err)
	}
	id, err := e.Start(context.Background(), request(t, "params", map[string]string{"out": out}))
	if err != nil {
		t.Fatal(err)
	}
	if res := runToEnd(t, e, id); res.Status != runner.Succeeded {
		t.Errorf("params: %+v", res)
	}
	if !exists(filepath.Join(out, "sub", "fast")) {
		t.Errorf("the default parameters were not applied")
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
