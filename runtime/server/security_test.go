package server

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/redact"
	"github.com/coordc/coordc/runtime/actionlog"
	"github.com/coordc/coordc/runtime/workflow"
)

func TestMutationsNeedTheToken(t *testing.T) {
	f := newFixture(t, "s3cret")
	id := f.seed(t, "alpha", 2)
	status, hdr, _ := f.call(t, "PUT", "/oozie/v2/job/"+id+"?action=suspend", "")
	wantError(t, "no token", status, hdr, 401, "E0509")
	status, hdr, _ = f.call(t, "PUT", "/oozie/v2/job/"+id+"?action=suspend", "", "Authorization", "Bearer wrong")
	wantError(t, "wrong token", status, hdr, 401, "E0509")
	status, hdr, _ = f.call(t, "POST", "/oozie/v2/jobs", "<configuration/>")
	wantError(t, "submit without token", status, hdr, 401, "E0509")
	if status, _, _ := f.call(t, "GET", "/oozie/v2/job/"+id+"?show=info", ""); status != 200 {
		t.Errorf("reads need no token: %d", status)
	}
	if status, _, _ := f.call(t, "PUT", "/oozie/v2/job/"+id+"?action=suspend", "", "Authorization", "Bearer s3cret"); status != 200 {
		t.Errorf("with the token: %d", status)
	}
}

func TestHealthReadyMetrics(t *testing.T) {
	f := newFixture(t, "")
	f.seed(t, "alpha", 3)
	if status, _, body := f.call(t, "GET", "/healthz", ""); status != 200 || body != "ok\n" {
		t.Errorf("healthz: %d %q", status, body)
	}
	if status, _, body := f.call(t, "GET", "/readyz", ""); status != 200 {
		t.Errorf("readyz: %d %q", status, body)
	}
	f.call(t, "GET", "/oozie/versions", "")
	status, _, body := f.call(t, "GET", "/metrics", "")
	if status != 200 {
		t.Fatalf("metrics: %d", status)
	}
	for _, want := range []string{
		`coordc_actions{status="WAITING"} 3`,
		`coordc_jobs{status="RUNNING"} 1`,
		`coordc_http_requests_total{code="200",method="GET",route="GET /oozie/versions"} 1`,
		"coordc_materialization_lag_seconds ",
		"coordc_input_wait_seconds ",
		"coordc_tick_duration_seconds_count 0",
		"coordc_action_launch_latency_seconds_count 0",
		"coordc_state_up 1",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	f.srv.Drain()
	if status, _, _ := f.call(t, "GET", "/readyz", ""); status != 503 {
		t.Errorf("readyz while draining: %d, want 503", status)
	}
	f.srv.draining.Store(false)
	f.st.Close()
	if status, _, _ := f.call(t, "GET", "/readyz", ""); status != 503 {
		t.Errorf("readyz with the state closed: %d, want 503", status)
	}
}

// logFixture gives action 1 of a job a workflow run whose node directory
// holds stdout, and returns the job ID and that directory.
func logFixture(t *testing.T, f *fixture) (string, string) {
	t.Helper()
	id := f.seed(t, "alpha", 2)
	runDir := filepath.Join(f.logDir, id, "1", "0")
	nodeDir := filepath.Join(runDir, "step")
	if err := os.MkdirAll(nodeDir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(nodeDir, "exit"), []byte("0\n"), 0o644)
	os.WriteFile(filepath.Join(nodeDir, "stdout"), []byte("hello from step\n"), 0o644)
	conf, _ := json.Marshal(map[string]string{workflow.ConfDir: runDir})
	db := f.st.DB()
	if _, err := db.Exec(`INSERT INTO wf_jobs (id, parent_id, app_name, app_path, conf, status, run, created_time, last_modified_time)
		VALUES (?, ?, 'wf', '/wf', ?, 'SUCCEEDED', 0, '2009-03-01T08:00:00Z', '2009-03-01T08:00:00Z')`, id+"@1-W0", id+"@1", string(conf)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO wf_actions (id, wf_id, name, type, status, external_id, created_time, last_modified_time)
		VALUES (?, ?, 'step', 'shell', 'OK', 'pid:1:1', '2009-03-01T08:00:00Z', '2009-03-01T08:00:00Z')`, id+"@1-W0@step", id+"@1-W0"); err != nil {
		t.Fatal(err)
	}
	return id, nodeDir
}

func TestLogsStayInTheJobDirectory(t *testing.T) {
	f := newFixture(t, "")
	id, nodeDir := logFixture(t, f)
	status, _, body := f.call(t, "GET", "/oozie/v2/job/"+id+"@1?show=log", "")
	if status != 200 || !strings.Contains(body, "hello from step") {
		t.Fatalf("log: %d\n%s", status, body)
	}
	// A symbolic link to a file outside the job's directory is not followed.
	secret := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secret, []byte("TOP SECRET\n"), 0o600)
	os.Remove(filepath.Join(nodeDir, "stdout"))
	if err := os.Symlink(secret, filepath.Join(nodeDir, "stdout")); err != nil {
		t.Fatal(err)
	}
	status, _, body = f.call(t, "GET", "/oozie/v2/job/"+id+"?show=log", "")
	if status != 200 || strings.Contains(body, "TOP SECRET") || !strings.Contains(body, actionlog.ErrOutside.Error()) {
		t.Errorf("symlinked stdout: %d\n%s", status, body)
	}
	status, _, body = f.call(t, "GET", "/coordc/v1/logs/"+id, "")
	if status != 200 || strings.Contains(body, "TOP SECRET") {
		t.Errorf("coordc logs through a symlink: %d\n%s", status, body)
	}
	// A run directory recorded outside the log directory is refused too.
	other := t.TempDir()
	os.MkdirAll(filepath.Join(other, "step"), 0o755)
	os.WriteFile(filepath.Join(other, "step", "stdout"), []byte("TOP SECRET\n"), 0o600)
	conf, _ := json.Marshal(map[string]string{workflow.ConfDir: other})
	f.st.DB().Exec(`UPDATE wf_jobs SET conf = ? WHERE id = ?`, string(conf), id+"@1-W0")
	if _, _, body = f.call(t, "GET", "/coordc/v1/logs/"+id, ""); strings.Contains(body, "TOP SECRET") {
		t.Errorf("a run directory outside the log directory was read:\n%s", body)
	}
	// Job IDs with .., encoded slashes and the like name no job.
	for _, p := range []string{
		"/oozie/v2/job/..%2F..%2Fetc%2Fpasswd?show=log",
		"/oozie/v2/job/%2E%2E?show=log",
		"/oozie/v2/job/..?show=errorlog",
		"/coordc/v1/logs/..%2F" + id,
		"/coordc/v1/logs/%2Fetc%2Fpasswd",
	} {
		status, _, body := f.call(t, "GET", p, "")
		if status == 200 || strings.Contains(body, "root:") {
			t.Errorf("%s: %d\n%s", p, status, body)
		}
	}
}

func TestInside(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "job", "a"), 0o755)
	os.WriteFile(filepath.Join(dir, "job", "a", "f"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "outside"), nil, 0o644)
	os.Symlink(filepath.Join(dir, "outside"), filepath.Join(dir, "job", "a", "link"))
	os.Symlink(filepath.Join(dir, "job", "a", "f"), filepath.Join(dir, "job", "a", "inlink"))
	root := filepath.Join(dir, "job")
	for path, want := range map[string]bool{
		filepath.Join(root, "a", "f"):                   true,
		filepath.Join(root, "a", "inlink"):              true,
		filepath.Join(root, "a", "link"):                false,
		filepath.Join(root, "a", "..", "..", "outside"): false,
		filepath.Join(root, "missing"):                  false,
		root + "x":                                      false,
	} {
		if got := actionlog.Inside(path, root); got != want {
			t.Errorf("Inside(%s) = %v, want %v", path, got, want)
		}
	}
}

func TestConsoleButtonsAuthorization(t *testing.T) {
	f := newFixture(t, "s3cret")
	id := f.seed(t, "alpha", 2)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(form string, hdr ...string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("POST", f.ts.URL+"/console/job/"+id+"/suspend", strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Set(hdr[i], hdr[i+1])
		}
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if resp := post("token=s3cret", "Origin", "http://evil.example"); resp.StatusCode != 403 {
		t.Errorf("cross-site form: %d, want 403", resp.StatusCode)
	}
	if resp := post("token=s3cret", "Sec-Fetch-Site", "cross-site"); resp.StatusCode != 403 {
		t.Errorf("Sec-Fetch-Site cross-site: %d, want 403", resp.StatusCode)
	}
	if resp := post("token=wrong"); resp.StatusCode != 303 || !strings.Contains(resp.Header.Get("Location"), "err=not+authorized") {
		t.Errorf("wrong token: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if s := jobStatus(t, f, id); s != "RUNNING" {
		t.Fatalf("refused buttons changed the job: %s", s)
	}
	resp := post("token=s3cret", "Origin", f.ts.URL)
	if resp.StatusCode != 303 || !strings.Contains(resp.Header.Get("Location"), "msg=") || jobStatus(t, f, id) != "SUSPENDED" {
		t.Fatalf("with the token: %d %s %s", resp.StatusCode, resp.Header.Get("Location"), jobStatus(t, f, id))
	}
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == tokenCookie {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Fatalf("token cookie: %+v", cookie)
	}
	// The cookie authorizes the next button.
	req, _ := http.NewRequest("POST", f.ts.URL+"/console/job/"+id+"/resume", nil)
	req.AddCookie(cookie)
	if resp, err := noRedirect.Do(req); err != nil || resp.StatusCode != 303 || jobStatus(t, f, id) != "RUNNING" {
		t.Errorf("resume with the cookie: %v %v %s", resp, err, jobStatus(t, f, id))
	}
}

// TestSecretsNeverShown: a secret job property's value is masked in the
// API's configuration, messages and logs, and on the console.
func TestSecretsNeverShown(t *testing.T) {
	f := newFixture(t, "")
	id, nodeDir := logFixture(t, f)
	const secret = "hunter2-very-secret"
	db := f.st.DB()
	db.Exec(`UPDATE coord_jobs SET conf = ? WHERE id = ?`, `{"db.password":"`+secret+`","queue":"default"}`, id)
	db.Exec(`UPDATE coord_actions SET error_message = ?, run_conf = ? WHERE id = ?`, "login failed with "+secret, `{"db.password":"`+secret+`"}`, id+"@1")
	os.WriteFile(filepath.Join(nodeDir, "stdout"), []byte("connecting with "+secret+"\n"), 0o644)
	for _, p := range []string{
		"/oozie/v2/job/" + id + "?show=info&len=5",
		"/oozie/v2/job/" + id + "@1?show=info",
		"/oozie/v2/jobs?jobtype=coordinator",
		"/oozie/v2/job/" + id + "?show=log",
		"/oozie/v2/job/" + id + "@1-W0?show=info",
		"/coordc/v1/jobs",
		"/coordc/v1/status",
		"/coordc/v1/status?job=" + id,
		"/coordc/v1/logs/" + id,
		"/console/action/" + id + "@1",
	} {
		status, _, body := f.call(t, "GET", p, "")
		if status != 200 || strings.Contains(body, secret) {
			t.Errorf("%s: %d, shows the secret:\n%s", p, status, body)
		}
	}
	if _, _, body := f.call(t, "GET", "/oozie/v2/job/"+id+"?show=log", ""); !strings.Contains(body, "connecting with "+redact.Mask) {
		t.Errorf("log lost its line:\n%s", body)
	}
}
