package flinkfake

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var (
	id1 = strings.Repeat("1", 32)
	id2 = strings.Repeat("2", 32)
)

func (h *harness) uploadJar() string {
	h.t.Helper()
	up := h.upload("jarfile", "etl.jar", jarBytes(h.t, "com.example.Etl"))
	if up.status != http.StatusOK {
		h.t.Fatalf("upload: %d %s", up.status, up.raw)
	}
	return up.body.(map[string]any)["filename"].(string)[strings.LastIndex(up.body.(map[string]any)["filename"].(string), "/")+1:]
}

func (h *harness) state(id string) string {
	h.t.Helper()
	j, ok := h.srv.Job(id)
	if !ok {
		h.t.Fatalf("no job %s", id)
	}
	return j.State
}

func TestLifecycleFollowsTheScriptAndClock(t *testing.T) {
	h := newHarness(t, Options{Script: scriptForConformance})
	jar := h.uploadJar()
	h.json(http.MethodPost, "/jars/"+jar+"/run", map[string]any{"jobId": id1})
	h.json(http.MethodPost, "/jars/"+jar+"/run", map[string]any{"jobId": id2, "programArgsList": []string{"b"}})
	var got []string
	for _, step := range []time.Duration{0, time.Second, 4 * time.Second, 5 * time.Second} {
		h.clk.Advance(step)
		got = append(got, h.state(id1)+"/"+h.state(id2))
	}
	want := []string{"CREATED/CREATED", "RUNNING/RUNNING", "RUNNING/FAILED", "FINISHED/FAILED"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("states (-want +got):\n%s", diff)
	}
	jobs := h.srv.Jobs()
	if len(jobs) != 2 || jobs[0].Run.JobID != id1 || len(jobs[1].Failures) != 1 || jobs[1].Failures[0].Message != "boom" {
		t.Errorf("Jobs() = %+v", jobs)
	}
}

func TestSetState(t *testing.T) {
	h := newHarness(t, Options{Script: func(RunInfo) Script { return RunForever() }})
	jar := h.uploadJar()
	h.json(http.MethodPost, "/jars/"+jar+"/run", map[string]any{"jobId": id1})
	if err := h.srv.SetState(id1, StateFailed, &Failure{ExceptionName: "java.lang.Error", Message: "manual"}); err != nil {
		t.Fatal(err)
	}
	if err := h.srv.SetState(id1, StateRunning, nil); err == nil {
		t.Error("moving a FAILED job succeeded, want an error")
	}
	if err := h.srv.SetState(id2, StateRunning, nil); err == nil {
		t.Error("moving an unknown job succeeded, want an error")
	}
	ex := h.do(http.MethodGet, "/jobs/"+id1+"/exceptions", "", nil)
	if !strings.Contains(ex.raw, "java.lang.Error: manual") {
		t.Errorf("exceptions = %s, want the manual failure", ex.raw)
	}
}

func TestRestartModes(t *testing.T) {
	for _, tc := range []struct {
		mode                    RestartMode
		runningKept, finishedOK bool
	}{{RestartSession, false, false}, {RestartHA, true, true}} {
		h := newHarness(t, Options{Script: scriptForConformance})
		jar := h.uploadJar()
		h.json(http.MethodPost, "/jars/"+jar+"/run", map[string]any{"jobId": id1})
		h.json(http.MethodPost, "/jars/"+jar+"/run", map[string]any{"jobId": id2, "programArgsList": []string{"forever"}})
		h.clk.Advance(time.Minute)
		h.srv.Restart(tc.mode)
		if n := len(h.srv.Jars()); n != 0 {
			t.Errorf("mode %d: %d jars survived the restart", tc.mode, n)
		}
		if st := h.do(http.MethodGet, "/jobs/"+id2+"/status", "", nil); (st.status == http.StatusOK) != tc.runningKept {
			t.Errorf("mode %d: running job status %d %s", tc.mode, st.status, st.raw)
		}
		if st := h.do(http.MethodGet, "/jobs/"+id1+"/status", "", nil); st.status != http.StatusInternalServerError {
			t.Errorf("mode %d: finished job still queryable: %d", tc.mode, st.status)
		}
		jar = h.uploadJar()
		run := h.json(http.MethodPost, "/jars/"+jar+"/run", map[string]any{"jobId": id1})
		if dup := run.status == http.StatusBadRequest && strings.Contains(run.raw, "DuplicateJobSubmissionException"); dup != tc.finishedOK {
			t.Errorf("mode %d: resubmitting the finished job: %d %s", tc.mode, run.status, run.raw)
		}
	}
}

func TestRetentionWindows(t *testing.T) {
	h := newHarness(t, Options{Script: scriptForConformance, JobStoreExpiration: time.Hour, AsyncStoreDuration: 5 * time.Minute})
	jar := h.uploadJar()
	h.json(http.MethodPost, "/jars/"+jar+"/run", map[string]any{"jobId": id1, "programArgsList": []string{"forever"}})
	h.clk.Advance(2 * time.Second)
	trig := strings.Repeat("7", 32)
	h.json(http.MethodPost, "/jobs/"+id1+"/stop", map[string]any{"targetDirectory": "/sp", "triggerId": trig})
	h.clk.Advance(2*time.Second + 5*time.Minute)
	if st := h.do(http.MethodGet, "/jobs/"+id1+"/savepoints/"+trig, "", nil); st.status != http.StatusOK {
		t.Errorf("savepoint result at the end of the store window: %d", st.status)
	}
	h.clk.Advance(time.Second)
	if st := h.do(http.MethodGet, "/jobs/"+id1+"/savepoints/"+trig, "", nil); st.status != http.StatusNotFound {
		t.Errorf("savepoint result after the store window: %d, want 404", st.status)
	}
	if st := h.do(http.MethodGet, "/jobs/"+id1+"/status", "", nil); st.status != http.StatusOK {
		t.Errorf("finished job within jobstore.expiration-time: %d", st.status)
	}
	h.clk.Advance(time.Hour)
	if st := h.do(http.MethodGet, "/jobs/"+id1+"/status", "", nil); st.status != http.StatusInternalServerError {
		t.Errorf("finished job after expiration: %d, want 500 not found", st.status)
	}
	if run := h.json(http.MethodPost, "/jars/"+jar+"/run", map[string]any{"jobId": id1}); run.status != http.StatusBadRequest {
		t.Errorf("expired job id resubmitted: %d, want the duplicate 400", run.status)
	}
}

func TestRepeatedStopTriggerIsIdempotent(t *testing.T) {
	h := newHarness(t, Options{Script: scriptForConformance, SavepointDir: "/default-sp"})
	jar := h.uploadJar()
	h.json(http.MethodPost, "/jars/"+jar+"/run", map[string]any{"jobId": id1, "programArgsList": []string{"forever"}})
	h.clk.Advance(2 * time.Second)
	trig := strings.Repeat("7", 32)
	for range 3 {
		if r := h.json(http.MethodPost, "/jobs/"+id1+"/stop", map[string]any{"triggerId": trig}); r.status != http.StatusAccepted || !strings.Contains(r.raw, trig) {
			t.Fatalf("stop: %d %s", r.status, r.raw)
		}
		h.clk.Advance(500 * time.Millisecond)
	}
	h.clk.Advance(time.Second)
	r := h.do(http.MethodGet, "/jobs/"+id1+"/savepoints/"+trig, "", nil)
	if !strings.Contains(r.raw, `"COMPLETED"`) || !strings.Contains(r.raw, "/default-sp/savepoint-111111-") {
		t.Errorf("savepoint: %s, want completed under the default directory 2s after the first trigger", r.raw)
	}
	if h.state(id1) != StateFinished {
		t.Errorf("stopped job is %s, want FINISHED", h.state(id1))
	}
	// The job is gone from the runners now: a new trigger fails.
	other := strings.Repeat("8", 32)
	h.json(http.MethodPost, "/jobs/"+id1+"/stop", map[string]any{"triggerId": other})
	r = h.do(http.MethodGet, "/jobs/"+id1+"/savepoints/"+other, "", nil)
	if !strings.Contains(r.raw, "FlinkJobNotFoundException") {
		t.Errorf("stop of a finished job: %s", r.raw)
	}
	if again := h.json(http.MethodPost, "/jobs/"+id1+"/stop", map[string]any{"triggerId": other}); again.status != http.StatusInternalServerError {
		t.Errorf("re-trigger of a failed operation: %d, want 500", again.status)
	}
}

func TestFaults(t *testing.T) {
	h := newHarness(t, Options{})
	h.srv.FailNext(1, Fault{Route: "GET /jars", Status: 418})
	h.srv.FailNext(1, Fault{Status: 503})
	h.srv.FailNext(1, Fault{Latency: 20 * time.Millisecond})
	if r := h.do(http.MethodGet, "/overview", "", nil); r.status != 503 || !strings.Contains(r.raw, "leader election") {
		t.Errorf("first overview: %d %s, want the 503 fault (the 418 is for /jars)", r.status, r.raw)
	}
	start := time.Now()
	if r := h.do(http.MethodGet, "/overview", "", nil); r.status != 200 || time.Since(start) < 20*time.Millisecond {
		t.Errorf("second overview: %d after %v, want 200 after the latency", r.status, time.Since(start))
	}
	if r := h.do(http.MethodGet, "/jars", "", nil); r.status != 418 {
		t.Errorf("jars: %d, want the 418 fault", r.status)
	}
	if r := h.do(http.MethodGet, "/v1/jars", "", nil); r.status != 200 {
		t.Errorf("/v1/jars: %d, want 200", r.status)
	}
	want := map[string]int{"GET /overview": 2, "GET /jars": 2}
	if diff := cmp.Diff(want, h.srv.Counts()); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	if r := h.do(http.MethodGet, "/v1jars", "", nil); r.status != http.StatusNotFound {
		t.Errorf("/v1jars: %d, want the router's 404", r.status)
	}
	// A fresh connection, so that net/http does not transparently re-send
	// the request as it does on a reused keep-alive connection.
	fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	h.srv.FailNext(1, Fault{Reset: true})
	if _, err := fresh.Get(h.srv.URL() + "/overview"); err == nil {
		t.Error("reset fault: request succeeded")
	}
}

func TestRunRequestDialects(t *testing.T) {
	tests := []struct {
		name   string
		flavor Flavor
		query  string
		body   string
		status int
		args   []string
	}{
		{"2.x list", Flink2, "", `{"jobId":"%s","programArgsList":["a b","c"]}`, 200, []string{"a b", "c"}},
		{"2.x rejects programArgs", Flink2, "", `{"jobId":"%s","programArgs":"a b"}`, 400, nil},
		{"1.20 programArgs tokenized", Flink120, "", `{"jobId":"%s","programArgs":"--in 'a b' \"c d\" e"}`, 200, []string{"--in", "a b", "c d", "e"}},
		{"1.20 confusing request", Flink120, "", `{"jobId":"%s","programArgs":"a","programArgsList":["b"]}`, 400, nil},
		{"query programArg split on commas", Flink2, "?programArg=a,b&programArg=c", `{"jobId":"%s"}`, 200, []string{"a", "b", "c"}},
		{"body wins over query", Flink2, "?programArg=q", `{"jobId":"%s","programArgsList":["b"]}`, 200, []string{"b"}},
		{"1.20 program-args query", Flink120, "?program-args=x%20y", `{"jobId":"%s"}`, 200, []string{"x", "y"}},
		{"2.x ignores program-args query", Flink2, "?program-args=x%20y", `{"jobId":"%s"}`, 200, nil},
		{"members are case-sensitive", Flink2, "", `{"JobId":"%s"}`, 400, nil},
		{"bad claim mode", Flink2, "", `{"jobId":"%s","claimMode":"claim"}`, 400, nil},
		{"bad parallelism type", Flink2, "", `{"jobId":"%s","parallelism":"4"}`, 400, nil},
		{"bad parallelism query", Flink2, "?parallelism=four", `{"jobId":"%s"}`, 400, nil},
		{"trailing data", Flink2, "", `{"jobId":"%s"} {}`, 400, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Options{Flavor: tt.flavor})
			jar := h.uploadJar()
			r := h.do(http.MethodPost, "/jars/"+jar+"/run"+tt.query, "application/json", []byte(strings.Replace(tt.body, "%s", id1, 1)))
			if r.status != tt.status {
				t.Fatalf("status %d (%s), want %d", r.status, r.raw, tt.status)
			}
			if tt.status == 200 {
				j, _ := h.srv.Job(id1)
				if diff := cmp.Diff(tt.args, j.Run.ProgramArgs); diff != "" {
					t.Errorf("args (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestUploadRules(t *testing.T) {
	h := newHarness(t, Options{MaxContentLength: 1 << 10})
	if r := h.upload("anyfield", "x.jar", []byte("not a zip")); r.status != 200 {
		t.Errorf("upload under another field name: %d %s", r.status, r.raw)
	}
	if r := h.upload("jarfile", "big.jar", make([]byte, 2<<10)); r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized upload: %d, want 413", r.status)
	}
	if r := h.do(http.MethodPost, "/jars/upload", "application/json", []byte(`{}`)); r.status != 400 || !strings.Contains(r.raw, "received 0") {
		t.Errorf("non-multipart upload: %d %s", r.status, r.raw)
	}
	jars := h.srv.Jars()
	if len(jars) != 1 || jars[0].MainClass != "" {
		t.Fatalf("jars = %+v", jars)
	}
	r := h.json(http.MethodPost, "/jars/"+jars[0].ID+"/run", map[string]any{"jobId": id1})
	if r.status != 500 || !strings.Contains(r.raw, "Neither a 'Main-Class'") {
		t.Errorf("run without an entry class: %d %s", r.status, r.raw)
	}
	if r := h.json(http.MethodPost, "/jars/"+jars[0].ID+"/run", map[string]any{"jobId": id1, "entryClass": "a.B"}); r.status != 200 {
		t.Errorf("run with an entry class: %d %s", r.status, r.raw)
	}
}

func TestTokenize(t *testing.T) {
	for in, want := range map[string][]string{
		"":                  nil,
		"  a   b ":          {"a", "b"},
		`'a b' "c 'd'" e`:   {"a b", "c 'd'", "e"},
		`x"y z"w`:           {"xy zw"},
		`''`:                {""},
		"tab\tand\nnewline": {"tab", "and", "newline"},
	} {
		if diff := cmp.Diff(want, tokenize(in)); diff != "" {
			t.Errorf("tokenize(%q) (-want +got):\n%s", in, diff)
		}
	}
}

func TestFlavoursDifferWhereTheSpecsDiffer(t *testing.T) {
	s2 := loadSpec(t, "rest_v1_dispatcher.yml")
	h := newHarness(t, Options{Flavor: Flink120, Script: scriptForConformance})
	jar := h.uploadJar()
	h.json(http.MethodPost, "/jars/"+jar+"/run", map[string]any{"jobId": id2, "programArgsList": []string{"b"}})
	h.clk.Advance(time.Minute)
	r := h.do(http.MethodGet, "/jobs/"+id2+"/exceptions", "", nil)
	schema, err := s2.responseSchema("GET /jobs/:jobid/exceptions", 200)
	if err != nil {
		t.Fatal(err)
	}
	got := s2.check(schema, r.body, "$")
	for _, member := range []string{"all-exceptions", "root-exception", "timestamp", "truncated", "location"} {
		if !strings.Contains(strings.Join(got, "\n"), `"`+member+`"`) {
			t.Errorf("1.20 answer checked against the 2.x schema does not flag %q: %q", member, got)
		}
	}
}
