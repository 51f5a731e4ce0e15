package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// These tests are a client written from Oozie's Web Services API document
// (docs/WebServicesAPI.md) and JsonTags.java, request by request: the
// status codes, content types, error headers and JSON field names the
// document shows. They do not use the package's Client.

// jsonOf decodes a body as a JSON value.
func jsonOf(t *testing.T, body string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, body)
	}
	return v
}

// hasFields checks that a JSON object has every field.
func hasFields(t *testing.T, what string, v any, fields ...string) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s: not a JSON object: %v", what, v)
	}
	for _, f := range fields {
		if _, ok := m[f]; !ok {
			t.Errorf("%s: no field %q (have %v)", what, f, keys(m))
		}
	}
	return m
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// wantError checks an Oozie error answer: status and both headers.
func wantError(t *testing.T, what string, status int, hdr http.Header, wantStatus int, wantCode string) {
	t.Helper()
	if status != wantStatus {
		t.Errorf("%s: status %d, want %d", what, status, wantStatus)
	}
	if got := hdr.Get("oozie-error-code"); got != wantCode {
		t.Errorf("%s: oozie-error-code %q, want %q", what, got, wantCode)
	}
	if hdr.Get("oozie-error-message") == "" {
		t.Errorf("%s: no oozie-error-message header", what)
	}
}

// Coordinator job fields of JsonTags (COORDINATOR_JOB_*), action fields
// (COORDINATOR_ACTION_*).
var (
	coordJobFields = []string{"coordJobId", "coordJobName", "coordJobPath", "frequency", "timeUnit", "timeZone",
		"concurrency", "mat_throttling", "executionPolicy", "timeOut", "lastAction", "nextMaterializedTime", "conf",
		"status", "createdTime", "startTime", "endTime", "pauseTime", "consoleUrl", "user", "group", "acl",
		"total", "coordExternalId", "bundleId", "toString"}
	coordActionFields = []string{"id", "jobId", "type", "actionNumber", "createdConf", "runConf", "createdTime",
		"nominalTime", "lastModifiedTime", "status", "externalId", "externalStatus", "errorCode", "errorMessage",
		"missingDependencies", "pushMissingDependencies", "trackerUri", "consoleUrl", "toString"}
)

func TestOozieVersionsAndAdmin(t *testing.T) {
	f := newFixture(t, "")
	status, hdr, body := f.call(t, "GET", "/oozie/versions", "")
	if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
		t.Fatalf("versions: %d %s", status, hdr.Get("Content-Type"))
	}
	vs, ok := jsonOf(t, body).([]any)
	if !ok || len(vs) == 0 || vs[len(vs)-1] != 2.0 {
		t.Errorf("versions: %s, want a list ending in 2", body)
	}
	status, _, body = f.call(t, "GET", "/oozie/v2/admin/status", "")
	if m := hasFields(t, "admin/status", jsonOf(t, body), "systemMode"); status != 200 || m["systemMode"] != "NORMAL" {
		t.Errorf("admin/status: %d %s", status, body)
	}
	status, _, body = f.call(t, "GET", "/oozie/v2/admin/build-version", "")
	if m := hasFields(t, "build-version", jsonOf(t, body), "buildVersion"); status != 200 || m["buildVersion"] != "test" {
		t.Errorf("build-version: %d %s", status, body)
	}
	status, hdr, _ = f.call(t, "GET", "/oozie/v2/admin/instrumentation", "")
	wantError(t, "admin/instrumentation (left out)", status, hdr, 404, "E0301")
}

func TestOozieJobsListing(t *testing.T) {
	f := newFixture(t, "")
	a := f.seed(t, "alpha", 3)
	b := f.seed(t, "beta", 2)
	c := f.seed(t, "gamma", 1)
	if _, err := f.st.DB().Exec(`UPDATE coord_jobs SET status = 'SUSPENDED' WHERE id = ?`, b); err != nil {
		t.Fatal(err)
	}
	list := func(q string) (map[string]any, []string) {
		t.Helper()
		status, hdr, body := f.call(t, "GET", "/oozie/v2/jobs?"+q, "")
		if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
			t.Fatalf("jobs?%s: %d %s", q, status, body)
		}
		m := hasFields(t, "jobs", jsonOf(t, body), "total", "offset", "len", "coordinatorjobs")
		var ids []string
		for _, j := range m["coordinatorjobs"].([]any) {
			jm := hasFields(t, "coordinator job", j, coordJobFields...)
			ids = append(ids, jm["coordJobId"].(string))
		}
		return m, ids
	}
	m, ids := list("jobtype=coordinator")
	if m["total"] != 3.0 || m["offset"] != 1.0 || m["len"] != 50.0 || strings.Join(ids, ",") != c+","+b+","+a {
		t.Errorf("all: total %v offset %v len %v ids %v (newest first)", m["total"], m["offset"], m["len"], ids)
	}
	if m, ids = list("jobtype=coord&offset=2&len=1"); m["total"] != 3.0 || strings.Join(ids, ",") != b {
		t.Errorf("offset=2&len=1: %v %v", m["total"], ids)
	}
	if m, ids = list("jobtype=coordinator&filter=status%3DRUNNING"); m["total"] != 2.0 || strings.Join(ids, ",") != c+","+a {
		t.Errorf("status=RUNNING: %v %v", m["total"], ids)
	}
	if m, ids = list("jobtype=coordinator&filter=status%3DRUNNING%3Bname%3Dalpha"); m["total"] != 1.0 || strings.Join(ids, ",") != a {
		t.Errorf("status=RUNNING;name=alpha: %v %v", m["total"], ids)
	}
	if m, ids = list("jobtype=coordinator&filter=name%3Dalpha%3Bname%3Dbeta"); m["total"] != 2.0 || strings.Join(ids, ",") != b+","+a {
		t.Errorf("name=alpha;name=beta (OR): %v %v", m["total"], ids)
	}
	status, _, body := f.call(t, "GET", "/oozie/v2/jobs?jobtype=wf", "")
	if m := hasFields(t, "wf jobs", jsonOf(t, body), "total", "offset", "len", "workflows"); status != 200 || m["total"] != 0.0 {
		t.Errorf("jobtype=wf: %d %s", status, body)
	}
	for _, bad := range []string{"jobtype=coordinator&filter=bogus%3D1", "jobtype=coordinator&filter=status%3DNOPE", "jobtype=coordinator&filter=status"} {
		status, hdr, _ := f.call(t, "GET", "/oozie/v2/jobs?"+bad, "")
		wantError(t, bad, status, hdr, 400, "E0420")
	}
	status, hdr, _ := f.call(t, "GET", "/oozie/v2/jobs?jobtype=coordinator&offset=x", "")
	wantError(t, "offset=x", status, hdr, 400, "E0302")
	status, hdr, _ = f.call(t, "GET", "/oozie/v2/jobs?jobtype=mapreduce", "")
	wantError(t, "jobtype=mapreduce", status, hdr, 400, "E0302")
}

func TestOozieJobInfo(t *testing.T) {
	f := newFixture(t, "")
	id := f.seed(t, "alpha", 10)
	f.force(t, id+"@3", "KILLED")
	f.force(t, id+"@7", "KILLED")
	info := func(q string) (map[string]any, []float64) {
		t.Helper()
		status, hdr, body := f.call(t, "GET", "/oozie/v2/job/"+id+"?"+q, "")
		if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
			t.Fatalf("job?%s: %d %s", q, status, body)
		}
		m := hasFields(t, "coordinator job", jsonOf(t, body), coordJobFields...)
		var nums []float64
		acts, _ := m["actions"].([]any)
		for _, a := range acts {
			am := hasFields(t, "coordinator action", a, coordActionFields...)
			nums = append(nums, am["actionNumber"].(float64))
		}
		return m, nums
	}
	m, nums := info("show=info")
	if m["coordJobId"] != id || m["coordJobName"] != "alpha" || m["status"] != "RUNNING" || m["total"] != 10.0 || len(nums) != 0 {
		t.Errorf("v2 default len=0: %v %v %v %v, actions %v", m["coordJobId"], m["coordJobName"], m["status"], m["total"], nums)
	}
	if m["startTime"] != "Sun, 01 Mar 2009 08:00:00 GMT" {
		t.Errorf("startTime %v, want Oozie's RFC 1123 GMT form", m["startTime"])
	}
	if _, nums = info("show=info&offset=5&len=3"); !equalNums(nums, 5, 6, 7) {
		t.Errorf("offset=5&len=3: %v", nums)
	}
	if _, nums = info("show=info&len=3&order=desc"); !equalNums(nums, 10, 9, 8) {
		t.Errorf("order=desc: %v", nums)
	}
	if m, nums = info("show=info&len=10&filter=status%3DKILLED"); !equalNums(nums, 3, 7) || m["total"] != 2.0 {
		t.Errorf("filter=status=KILLED: %v total %v", nums, m["total"])
	}
	if m, nums = info("show=info&len=3&offset=2&filter=status%21%3DKILLED&order=desc"); !equalNums(nums, 9, 8, 6) || m["total"] != 8.0 {
		t.Errorf("filter=status!=KILLED desc offset 2: %v total %v", nums, m["total"])
	}
	// JOB@N is the action.
	status, _, body := f.call(t, "GET", "/oozie/v2/job/"+id+"@3?show=info", "")
	if am := hasFields(t, "action", jsonOf(t, body), coordActionFields...); status != 200 || am["id"] != id+"@3" || am["status"] != "KILLED" || am["nominalTime"] != "Sun, 01 Mar 2009 10:00:00 GMT" {
		t.Errorf("action info: %d %s", status, body)
	}
	status, _, body = f.call(t, "GET", "/oozie/v2/job/"+id+"?show=status", "")
	if sm := hasFields(t, "status", jsonOf(t, body), "status"); status != 200 || sm["status"] != "RUNNING" {
		t.Errorf("show=status: %d %s", status, body)
	}
	for _, c := range []struct {
		path   string
		status int
		code   string
	}{
		{"/oozie/v2/job/0000099-nope-C?show=info", 404, "E0604"},
		{"/oozie/v2/job/" + id + "@99?show=info", 404, "E0605"},
		{"/oozie/v2/job/" + id + "@x?show=info", 400, "E0302"},
		{"/oozie/v2/job/" + id + "?show=bogus", 400, "E0302"},
		{"/oozie/v2/job/" + id + "?show=info&order=sideways", 400, "E0302"},
		{"/oozie/v2/job/" + id + "?show=info&len=2&filter=status%3DNOPE", 400, "E0421"},
		{"/oozie/v2/job/" + id + "?show=info&len=2&filter=status%3DKILLED%3Bstatus%21%3DFAILED", 400, "E0421"},
		{"/oozie/v2/job/" + id + "?show=info&len=-1", 400, "E0302"},
	} {
		status, hdr, _ := f.call(t, "GET", c.path, "")
		wantError(t, c.path, status, hdr, c.status, c.code)
	}
}

func equalNums(got []float64, want ...float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

func TestOozieManageJob(t *testing.T) {
	f := newFixture(t, "")
	id := f.seed(t, "alpha", 5)
	put := func(q string) (int, http.Header) {
		status, hdr, _ := f.call(t, "PUT", "/oozie/v2/job/"+id+"?"+q, "")
		return status, hdr
	}
	if status, _ := put("action=suspend"); status != 200 {
		t.Fatalf("suspend: %d", status)
	}
	if s := jobStatus(t, f, id); s != "SUSPENDED" {
		t.Errorf("after suspend: %s", s)
	}
	status, hdr := put("action=suspend")
	wantError(t, "suspend twice", status, hdr, 400, "E1018")
	if status, _ := put("action=resume"); status != 200 || jobStatus(t, f, id) != "RUNNING" {
		t.Errorf("resume: %d %s", status, jobStatus(t, f, id))
	}
	if status, _ := put("action=kill&type=action&scope=2-3"); status != 200 {
		t.Fatalf("kill actions: %d", status)
	}
	_, _, body := f.call(t, "GET", "/oozie/v2/job/"+id+"?show=info&len=10&filter=status%3DKILLED", "")
	if m := jsonOf(t, body).(map[string]any); m["total"] != 2.0 {
		t.Errorf("killed actions: %v", m["total"])
	}
	// An action ID kills that action.
	if status, _, _ := f.call(t, "PUT", "/oozie/v2/job/"+id+"@4?action=kill", ""); status != 200 {
		t.Errorf("kill JOB@4: %d", status)
	}
	for _, c := range []struct {
		q      string
		status int
		code   string
	}{
		{"", 400, "E0305"},
		{"action=explode", 400, "E0302"},
		{"action=rerun", 400, "E0305"},
		{"action=coord-rerun&type=action&scope=x", 400, "E0302"},
		{"action=coord-rerun&type=week&scope=1", 400, "E0302"},
		{"action=change&value=bogus%3D1", 400, "E1015"},
		{"action=ignore&type=action&scope=1", 400, "E1018"},
		{"action=start", 400, "E0307"},
		{"action=kill&type=action&scope=99", 400, "E0307"},
	} {
		status, hdr := put(c.q)
		wantError(t, "PUT ?"+c.q, status, hdr, c.status, c.code)
	}
	status, hdr, _ = f.call(t, "PUT", "/oozie/v2/job/0000099-nope-C?action=kill", "")
	wantError(t, "kill unknown", status, hdr, 404, "E0604")
	if status, _ := put("action=kill"); status != 200 || jobStatus(t, f, id) != "KILLED" {
		t.Errorf("kill: %d %s", status, jobStatus(t, f, id))
	}
	status, hdr = put("action=kill")
	wantError(t, "kill twice", status, hdr, 400, "E1018")
}

func jobStatus(t *testing.T, f *fixture, id string) string {
	t.Helper()
	_, _, body := f.call(t, "GET", "/oozie/v2/job/"+id+"?show=status", "")
	m, _ := jsonOf(t, body).(map[string]any)
	s, _ := m["status"].(string)
	return s
}

func TestOozieSubmitErrors(t *testing.T) {
	f := newFixture(t, "")
	for _, c := range []struct {
		name, body string
		status     int
		code, msg  string
	}{
		{"not XML", "this is not xml", 400, "E0401", "line 1"},
		{"broken XML", "<configuration>\n<property><name>a</name>\n<value>b</value></propert>\n</configuration>", 400, "E0401", "line 3"},
		{"wrong root", "<conf/>", 400, "E0401", "<configuration>"},
		{"no name", "<configuration><property><value>b</value></property></configuration>", 400, "E0401", "without a <name>"},
		{"no app path", "<configuration><property><name>a</name><value>b</value></property></configuration>", 400, "E0401", "oozie.coord.application.path"},
		{"workflow", "<configuration><property><name>oozie.wf.application.path</name><value>/x</value></property></configuration>", 400, "E0307", "workflow"},
		{"hdfs path", "<configuration><property><name>oozie.coord.application.path</name><value>hdfs://nn/x</value></property></configuration>", 400, "E0401", "file:///"},
	} {
		status, hdr, _ := f.call(t, "POST", "/oozie/v2/jobs", c.body, "Content-Type", "application/xml;charset=UTF-8")
		wantError(t, c.name, status, hdr, c.status, c.code)
		if msg := hdr.Get("oozie-error-message"); !strings.Contains(msg, c.msg) {
			t.Errorf("%s: message %q lacks %q", c.name, msg, c.msg)
		}
	}
	big := "<configuration>" + strings.Repeat("<property><name>a</name><value>bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb</value></property>", MaxBody/60) + "</configuration>"
	status, hdr, _ := f.call(t, "POST", "/oozie/v2/jobs", big)
	wantError(t, "too large", status, hdr, 413, "E0302")
}

// Workflow job fields of JsonTags (WORKFLOW_*) and workflow action fields
// (WORKFLOW_ACTION_*).
var (
	wfFields       = []string{"id", "appName", "appPath", "externalId", "parentId", "user", "status", "conf", "createdTime", "startTime", "endTime", "run", "consoleUrl", "acl", "group", "lastModTime"}
	wfActionFields = []string{"id", "name", "type", "conf", "startTime", "endTime", "status", "externalId", "externalStatus", "trackerUri", "consoleUrl", "transition", "data", "errorCode", "errorMessage", "retries"}
)

func TestOozieWorkflows(t *testing.T) {
	f := newFixture(t, "")
	id, _ := logFixture(t, f)
	wf := id + "@1-W0"
	status, _, body := f.call(t, "GET", "/oozie/v2/jobs?jobtype=wf", "")
	m := hasFields(t, "wf jobs", jsonOf(t, body), "total", "offset", "len", "workflows")
	if status != 200 || m["total"] != 1.0 {
		t.Fatalf("jobtype=wf: %d %s", status, body)
	}
	if wm := hasFields(t, "workflow", m["workflows"].([]any)[0], wfFields...); wm["id"] != wf || wm["parentId"] != id+"@1" {
		t.Errorf("listed workflow: %v", wm)
	}
	if _, _, body := f.call(t, "GET", "/oozie/v2/jobs?jobtype=wf&filter=status%3DRUNNING", ""); jsonOf(t, body).(map[string]any)["total"] != 0.0 {
		t.Errorf("status=RUNNING workflows: %s", body)
	}
	status, hdr, _ := f.call(t, "GET", "/oozie/v2/jobs?jobtype=wf&filter=name%3Dx", "")
	wantError(t, "wf filter by name", status, hdr, 400, "E0420")

	status, _, body = f.call(t, "GET", "/oozie/v2/job/"+wf+"?show=info", "")
	wm := hasFields(t, "workflow info", jsonOf(t, body), wfFields...)
	if status != 200 || wm["status"] != "SUCCEEDED" || wm["run"] != 0.0 {
		t.Fatalf("workflow info: %d %s", status, body)
	}
	acts := wm["actions"].([]any)
	if am := hasFields(t, "workflow action", acts[0], wfActionFields...); len(acts) != 1 || am["id"] != wf+"@step" || am["type"] != "shell" || am["status"] != "OK" {
		t.Errorf("workflow actions: %v", acts)
	}
	if _, _, body := f.call(t, "GET", "/oozie/v2/job/"+wf+"?show=status", ""); !strings.Contains(body, `"SUCCEEDED"`) {
		t.Errorf("workflow show=status: %s", body)
	}
	if _, _, body := f.call(t, "GET", "/oozie/v2/job/"+wf+"?show=log", ""); !strings.Contains(body, "hello from step") {
		t.Errorf("workflow show=log: %s", body)
	}
	status, hdr, _ = f.call(t, "GET", "/oozie/v2/job/"+id+"@1-W7?show=info", "")
	wantError(t, "unknown workflow", status, hdr, 404, "E0604")
	status, hdr, _ = f.call(t, "PUT", "/oozie/v2/job/"+wf+"?action=kill", "")
	wantError(t, "kill a workflow", status, hdr, 400, "E0307")
}
