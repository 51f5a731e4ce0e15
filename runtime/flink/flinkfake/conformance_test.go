package flinkfake

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/corpus"
)

// exercise walks every operation through its success and error answers.
func (h *harness) exercise() {
	t := h.t
	up := h.upload("jarfile", "etl.jar", jarBytes(t, "com.example.Etl"))
	h.jar = filepath.Base(get(up.body, "filename").(string))
	h.do(http.MethodGet, "/overview", "", nil)
	h.do(http.MethodGet, "/jars", "", nil)
	ok := strings.Repeat("a", 32)
	fail := strings.Repeat("b", 32)
	forever := strings.Repeat("c", 32)
	for _, id := range []string{ok, fail, forever} {
		h.json(http.MethodPost, "/jars/"+h.jar+"/run", map[string]any{"jobId": id, "programArgsList": []string{id}, "parallelism": 2})
	}
	h.do(http.MethodGet, "/jobs", "", nil)
	h.do(http.MethodGet, "/jobs/overview", "", nil)
	h.do(http.MethodGet, "/jobs/"+ok+"/status", "", nil)
	h.clk.Advance(2 * time.Second)
	h.json(http.MethodPost, "/jobs/"+forever+"/stop", map[string]any{"targetDirectory": "/sp", "triggerId": strings.Repeat("d", 32)})
	h.do(http.MethodGet, "/jobs/"+forever+"/savepoints/"+strings.Repeat("d", 32), "", nil)
	h.clk.Advance(time.Minute)
	h.do(http.MethodGet, "/jobs/"+forever+"/savepoints/"+strings.Repeat("d", 32), "", nil)
	h.do(http.MethodGet, "/jobs/"+fail+"/exceptions", "", nil)
	h.do(http.MethodGet, "/jobs/"+fail+"/exceptions?maxExceptions=1", "", nil)
	h.do(http.MethodGet, "/jobs/"+ok+"/exceptions", "", nil)
	h.do(http.MethodGet, "/overview", "", nil)
	// A running job to cancel.
	h.json(http.MethodPost, "/jars/"+h.jar+"/run", map[string]any{"jobId": strings.Repeat("e", 32), "programArgsList": []string{"forever"}})
	h.do(http.MethodPatch, "/jobs/"+strings.Repeat("e", 32)+"?mode=cancel", "", nil)
	h.do(http.MethodGet, "/jobs/"+strings.Repeat("e", 32)+"/status", "", nil)
	h.do(http.MethodPatch, "/jobs/"+strings.Repeat("e", 32)+"?mode=cancel", "", nil)
	h.clk.Advance(time.Minute)
	h.do(http.MethodPatch, "/jobs/"+strings.Repeat("e", 32)+"?mode=cancel", "", nil)
	// Error answers.
	h.json(http.MethodPost, "/jars/"+h.jar+"/run", map[string]any{"jobId": ok})
	h.json(http.MethodPost, "/jars/"+h.jar+"/run", map[string]any{"jobId": "xyz"})
	h.json(http.MethodPost, "/jars/"+h.jar+"/run", map[string]any{"jobid": ok})
	h.json(http.MethodPost, "/jars/missing.jar/run", map[string]any{"jobId": strings.Repeat("f", 32)})
	h.do(http.MethodGet, "/jobs/"+strings.Repeat("0", 32)+"/status", "", nil)
	h.do(http.MethodGet, "/jobs/"+strings.Repeat("0", 32)+"/exceptions", "", nil)
	h.do(http.MethodGet, "/jobs/not-an-id/status", "", nil)
	h.do(http.MethodPatch, "/jobs/"+strings.Repeat("0", 32)+"?mode=cancel", "", nil)
	h.do(http.MethodPatch, "/jobs/"+ok+"?mode=cancel", "", nil)
	h.do(http.MethodPatch, "/jobs/"+ok+"?mode=stop", "", nil)
	h.do(http.MethodGet, "/jobs/"+ok+"/savepoints/"+strings.Repeat("9", 32), "", nil)
	h.json(http.MethodPost, "/jobs/"+ok+"/stop", map[string]any{})
	h.upload("jarfile", "etl.zip", []byte("x"))
	h.upload("jarfile", "", nil)
	h.do(http.MethodGet, "/nope", "", nil)
	h.do(http.MethodDelete, "/jars/"+h.jar, "", nil)
	h.do(http.MethodDelete, "/jars/"+h.jar, "", nil)
}

// scriptForConformance fails jobs whose first argument starts with "b" and
// keeps those with "c" or "forever" running.
func scriptForConformance(run RunInfo) Script {
	arg := ""
	if len(run.ProgramArgs) > 0 {
		arg = run.ProgramArgs[0]
	}
	switch {
	case strings.HasPrefix(arg, "b"):
		return FailingScript(5*time.Second, Failure{ExceptionName: "java.lang.RuntimeException", Message: "boom", TaskName: "Map (1/2)"})
	case strings.HasPrefix(arg, "c"), arg == "forever":
		return RunForever()
	}
	return DefaultScript()
}

type snapshotCall struct {
	URL        string `json:"url"`
	Method     string `json:"method"`
	StatusCode string `json:"status-code"`
}

func loadSnapshot(t *testing.T) map[string]int {
	data := corpus.ReadShared(t, "reference", "flink", "rest_api_v1.snapshot.json")
	var snap struct {
		Calls []snapshotCall `json:"calls"`
	}
	if err := json.Unmarshal(data, &snap); err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, c := range snap.Calls {
		code, err := strconv.Atoi(strings.Fields(c.StatusCode)[0])
		if err != nil {
			t.Fatal(err)
		}
		out[c.Method+" "+c.URL] = code
	}
	return out
}

// TestResponsesMatchTheSpecs runs every operation against the fake in both
// flavours and checks each answer: success statuses against the snapshot,
// success bodies against that flavour's OpenAPI schema, error bodies
// against Flink's ErrorResponseBody shape.
func TestResponsesMatchTheSpecs(t *testing.T) {
	snapshot := loadSnapshot(t)
	for _, tc := range []struct {
		flavor Flavor
		file   string
	}{{Flink2, "rest_v1_dispatcher.yml"}, {Flink120, "rest_v1_dispatcher-1.20-SNAPSHOT.yml"}} {
		t.Run(tc.flavor.String(), func(t *testing.T) {
			s := loadSpec(t, tc.file)
			h := newHarness(t, Options{Flavor: tc.flavor, Script: scriptForConformance})
			h.exercise()
			successes := map[string]bool{}
			for _, ex := range h.log {
				if ex.status >= 300 {
					checkErrorBody(t, ex)
					continue
				}
				successes[ex.route] = true
				if want, ok := snapshot[ex.route]; !ok || want != ex.status {
					t.Errorf("%s answered %d; snapshot says %d", ex.route, ex.status, want)
				}
				schema, err := s.responseSchema(ex.route, ex.status)
				if err != nil {
					t.Errorf("%v", err)
					continue
				}
				if schema == nil {
					if m, ok := ex.body.(map[string]any); !ok || len(m) != 0 {
						t.Errorf("%s: body %s, want {} (EmptyResponseBody)", ex.route, ex.raw)
					}
					continue
				}
				for _, v := range s.check(schema, ex.body, "$") {
					t.Errorf("%s %d: %s\nbody: %s", ex.route, ex.status, v, ex.raw)
				}
			}
			for _, rt := range routes {
				if !successes[rt.method+" "+rt.pattern] {
					t.Errorf("no successful exchange exercised %s %s", rt.method, rt.pattern)
				}
			}
		})
	}
}

func checkErrorBody(t *testing.T, ex exchange) {
	t.Helper()
	m, ok := ex.body.(map[string]any)
	errs, _ := m["errors"].([]any)
	if !ok || len(m) != 1 || len(errs) == 0 {
		t.Errorf("%s %d: error body %s, want {\"errors\":[...]}", ex.route, ex.status, ex.raw)
		return
	}
	for _, e := range errs {
		if s, ok := e.(string); !ok || s == "" {
			t.Errorf("%s %d: error element %v is not a non-empty string", ex.route, ex.status, e)
		}
	}
}

// TestErrorStatuses pins the status of each error the harness provokes.
func TestErrorStatuses(t *testing.T) {
	h := newHarness(t, Options{Script: scriptForConformance})
	h.exercise()
	var got []string
	for _, ex := range h.log {
		if ex.status >= 300 {
			got = append(got, strconv.Itoa(ex.status)+" "+ex.route)
		}
	}
	want := []string{
		"400 POST /jars/:jarid/run",                  // duplicate job id
		"400 POST /jars/:jarid/run",                  // malformed jobId
		"400 POST /jars/:jarid/run",                  // unknown member "jobid"
		"400 POST /jars/:jarid/run",                  // jar does not exist
		"500 GET /jobs/:jobid/status",                // unknown job: FlinkJobNotFoundException
		"404 GET /jobs/:jobid/exceptions",            // unknown job: NotFoundException
		"400 GET /jobs/:jobid/status",                // id does not parse
		"404 PATCH /jobs/:jobid",                     // cancel unknown job
		"409 PATCH /jobs/:jobid",                     // cancel FINISHED job
		"308 PATCH /jobs/:jobid",                     // mode=stop removed
		"404 GET /jobs/:jobid/savepoints/:triggerid", // unknown trigger
		"400 POST /jobs/:jobid/stop",                 // no savepoint directory
		"400 POST /jars/upload",                      // not a .jar
		"400 POST /jars/upload",                      // no file
		"404 GET /nope",                              // router
		"400 DELETE /jars/:jarid",                    // already deleted
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("error statuses:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
