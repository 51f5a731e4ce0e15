package server

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/runtime/scheduler"
)

// The job lifecycle requests of Oozie's Web Services API (change, ignore,
// update), written from WebServicesAPI.md and DG_CommandLineTool.md as the
// other API tests are: request by request, status codes, error headers and
// the JSON fields the document shows.

func TestLifecycleAPIChange(t *testing.T) {
	f := newFixture(t, "")
	id := f.seed(t, "alpha", 5) // actions 1-5 at 08:00 … 12:00, end 13:00
	put := func(q string) (int, http.Header) {
		t.Helper()
		status, hdr, _ := f.call(t, "PUT", "/oozie/v2/job/"+id+"?"+q, "")
		return status, hdr
	}
	info := func() map[string]any {
		t.Helper()
		_, _, body := f.call(t, "GET", "/oozie/v2/job/"+id+"?show=info&len=10", "")
		return hasFields(t, "info", jsonOf(t, body), coordJobFields...)
	}
	// PUT /oozie/v1/job/job-3?action=change&value=endtime=…;concurrency=… → 200.
	if status, hdr := put("action=change&value=endtime%3D2009-03-01T11:00Z%3Bconcurrency%3D3"); status != 200 {
		t.Fatalf("change: %d %s", status, hdr.Get("oozie-error-message"))
	}
	m := info()
	if m["endTime"] != "Sun, 01 Mar 2009 11:00:00 GMT" || m["concurrency"] != 3.0 || m["total"] != 3.0 {
		t.Errorf("after change: endTime %v concurrency %v total %v", m["endTime"], m["concurrency"], m["total"])
	}
	// The WAITING actions at or after the new end were revoked.
	if acts, _ := m["actions"].([]any); len(acts) != 3 {
		t.Errorf("after change: %d actions, want 3", len(acts))
	}
	f.force(t, id+"@3", "SUCCEEDED")
	for _, c := range []struct {
		q    string
		code string
	}{
		{"action=change&value=endtime%3D2009-03-01T09:00Z", "E1022"},   // action 3 ran
		{"action=change&value=pausetime%3D2001-01-01T00:00Z", "E1015"}, // in the past
		{"action=change&value=concurrency%3Dmany", "E1015"},
		{"action=change&value=endtime%3D2009-03-01T11:00Z%3Bendtime%3D2009-03-01T12:00Z", "E1015"},
		{"action=change&value=", "E1015"},
		{"action=change&value=status%3DRUNNING", "E1015"}, // only a FAILED, KILLED or IGNORED job
		{"action=change&type=action&scope=1&value=concurrency%3D2", "E0307"},
	} {
		status, hdr := put(c.q)
		wantError(t, "PUT ?"+c.q, status, hdr, 400, c.code)
	}
	if m := info(); m["endTime"] != "Sun, 01 Mar 2009 11:00:00 GMT" || m["total"] != 3.0 {
		t.Errorf("a refused change changed the job: %v %v", m["endTime"], m["total"])
	}
	if status, _ := put("action=change&value=pausetime%3D2099-01-01T00:00Z"); status != 200 {
		t.Errorf("pausetime: %d", status)
	}
	if m := info(); m["pauseTime"] != "Thu, 01 Jan 2099 00:00:00 GMT" {
		t.Errorf("pauseTime %v", m["pauseTime"])
	}
	status, hdr, _ := f.call(t, "PUT", "/oozie/v2/job/0000099-nope-C?action=change&value=concurrency%3D1", "")
	wantError(t, "change unknown", status, hdr, 404, "E0604")

	// A killed job cannot be changed (E1016), is ignored, and an ignored
	// job changes back to RUNNING only with status=RUNNING.
	if status, _ := put("action=kill"); status != 200 {
		t.Fatal("kill")
	}
	status, hdr = put("action=change&value=concurrency%3D2")
	wantError(t, "change killed", status, hdr, 400, "E1016")
	if status, _ := put("action=ignore"); status != 200 || jobStatus(t, f, id) != "IGNORED" {
		t.Errorf("ignore job: %d %s", status, jobStatus(t, f, id))
	}
	status, hdr = put("action=change&value=concurrency%3D2")
	wantError(t, "change ignored", status, hdr, 400, "E1015")
	if status, _ := put("action=change&value=status%3DRUNNING"); status != 200 || jobStatus(t, f, id) == "IGNORED" {
		t.Errorf("status=RUNNING: %d %s", status, jobStatus(t, f, id))
	}
}

func TestLifecycleAPIIgnore(t *testing.T) {
	f := newFixture(t, "")
	id := f.seed(t, "alpha", 5)
	f.force(t, id+"@2", "FAILED")
	f.force(t, id+"@3", "KILLED")
	put := func(q string) (int, http.Header) {
		t.Helper()
		status, hdr, _ := f.call(t, "PUT", "/oozie/v2/job/"+id+"?"+q, "")
		return status, hdr
	}
	// A RUNNING job cannot be ignored; WAITING actions cannot either, and
	// then none of the selected ones is.
	status, hdr := put("action=ignore")
	wantError(t, "ignore running job", status, hdr, 400, "E1018")
	status, hdr = put("action=ignore&type=action&scope=1-3")
	wantError(t, "ignore waiting", status, hdr, 400, "E1018")
	status, hdr = put("action=ignore&type=action&scope=9")
	wantError(t, "ignore unknown action", status, hdr, 400, "E0307")
	status, hdr = put("action=ignore&type=week&scope=1")
	wantError(t, "ignore bad type", status, hdr, 400, "E0302")
	// PUT /oozie/v2/job/job-3?action=ignore&type=action&scope=3-4 → 200.
	if status, hdr := put("action=ignore&type=action&scope=2-3"); status != 200 {
		t.Fatalf("ignore 2-3: %d %s", status, hdr.Get("oozie-error-message"))
	}
	_, _, body := f.call(t, "GET", "/oozie/v2/job/"+id+"?show=info&len=10&filter=status%3DIGNORED", "")
	if m := jsonOf(t, body).(map[string]any); m["total"] != 2.0 {
		t.Errorf("ignored actions: %v", m["total"])
	}
	// By date, and as JOB@N.
	f.force(t, id+"@4", "TIMEDOUT")
	f.force(t, id+"@5", "KILLED")
	if status, _ := put("action=ignore&type=date&scope=2009-03-01T11:00Z"); status != 200 {
		t.Errorf("ignore by date: %d", status)
	}
	if status, _, _ := f.call(t, "PUT", "/oozie/v2/job/"+id+"@5?action=ignore", ""); status != 200 {
		t.Errorf("ignore JOB@5: %d", status)
	}
	_, _, body = f.call(t, "GET", "/oozie/v2/job/"+id+"?show=info&len=10&filter=status%3DIGNORED", "")
	if m := jsonOf(t, body).(map[string]any); m["total"] != 4.0 {
		t.Errorf("ignored actions: %v", m["total"])
	}
}

// updateDefinition is a coordinator whose workflow configuration carries
// the job property queue.
const updateDefinition = `<coordinator-app name="upd" frequency="${coord:hours(1)}" start="2030-01-01T00:00Z" end="2030-01-01T06:00Z" timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
  <action><workflow><app-path>/nowhere/wf</app-path>
    <configuration><property><name>q</name><value>${queue}</value></property></configuration>
  </workflow></action>
</coordinator-app>
`

func TestLifecycleAPIUpdate(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, "")
	dir := t.TempDir()
	def := filepath.Join(dir, "coordinator.xml")
	if err := os.WriteFile(def, []byte(updateDefinition), 0o600); err != nil {
		t.Fatal(err)
	}
	res, diags := compiler.Load([]string{def}, compiler.Options{Defines: []string{"queue=slow"}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	s := f.srv.cfg.NewScheduler()
	id, err := s.Submit(ctx, res.Project.Coordinators[0], scheduler.Meta{AppPath: def, Sources: map[string][]byte{def: []byte(updateDefinition)}})
	if err != nil {
		t.Fatal(err)
	}
	hash := func() string {
		j, err := f.st.GetJob(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return j.DefinitionHash
	}
	before := hash()
	conf := "<configuration><property><name>queue</name><value>fast</value></property></configuration>"

	// dryrun=true answers {"update": {"diff": …}} and changes nothing.
	status, hdr, body := f.call(t, "PUT", "/oozie/v2/job/"+id+"?action=update&dryrun=true", conf, "Content-Type", "application/xml;charset=UTF-8")
	if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
		t.Fatalf("dry run: %d %s %s", status, hdr.Get("oozie-error-message"), body)
	}
	up := hasFields(t, "dry run", jsonOf(t, body), "update")
	diff, _ := hasFields(t, "update", up["update"], "diff")["diff"].(string)
	if !strings.Contains(diff, "fast") || !strings.Contains(diff, "slow") {
		t.Errorf("dry-run diff does not show slow → fast:\n%s", diff)
	}
	if hash() != before {
		t.Fatal("the dry run changed the job")
	}
	// Without a body the stored properties are kept: nothing to update.
	status, hdr, _ = f.call(t, "PUT", "/oozie/v2/job/"+id+"?action=update", "")
	wantError(t, "update to the same", status, hdr, 400, "E1018")

	status, _, body = f.call(t, "PUT", "/oozie/v2/job/"+id+"?action=update", conf)
	if status != 200 || hash() == before {
		t.Fatalf("update: %d %s", status, body)
	}
	j, _ := f.st.GetJob(ctx, id)
	if !strings.Contains(j.Conf, `"fast"`) {
		t.Errorf("stored properties after update: %s", j.Conf)
	}

	// A new definition by oozie.coord.application.path; one that changes
	// the frequency is refused, one with errors answers positioned
	// diagnostics.
	bad := filepath.Join(dir, "freq.xml")
	os.WriteFile(bad, []byte(strings.Replace(updateDefinition, "coord:hours(1)", "coord:hours(2)", 1)), 0o600)
	status, hdr, _ = f.call(t, "PUT", "/oozie/v2/job/"+id+"?action=update", "<configuration><property><name>oozie.coord.application.path</name><value>"+bad+"</value></property><property><name>queue</name><value>x</value></property></configuration>")
	wantError(t, "update frequency", status, hdr, 400, "E1018")
	broken := filepath.Join(dir, "broken.xml")
	os.WriteFile(broken, []byte(strings.Replace(updateDefinition, "</coordinator-app>", "", 1)), 0o600)
	status, hdr, body = f.call(t, "PUT", "/oozie/v2/job/"+id+"?action=update&dryrun=true", "<configuration><property><name>oozie.coord.application.path</name><value>file://"+broken+"</value></property></configuration>")
	if status != 400 || hdr.Get("oozie-error-code") == "" || !strings.Contains(body, "broken.xml") {
		t.Errorf("broken definition: %d %s %s", status, hdr.Get("oozie-error-code"), body)
	}
	for _, c := range []struct{ q, body, code string }{
		{"action=update&count=x", "", "E0302"},
		{"action=update", "<configuration><property><name>oozie.coord.application.path</name><value>hdfs://nn/x.xml</value></property></configuration>", "E0401"},
		{"action=update", "not xml", "E0401"},
	} {
		status, hdr, _ := f.call(t, "PUT", "/oozie/v2/job/"+id+"?"+c.q, c.body)
		wantError(t, c.q+" "+c.body, status, hdr, 400, c.code)
	}
	status, hdr, _ = f.call(t, "PUT", "/oozie/v2/job/"+id+"@1?action=update", "")
	wantError(t, "update an action", status, hdr, 400, "E0302")
	status, hdr, _ = f.call(t, "PUT", "/oozie/v2/job/0000099-nope-C?action=update", "")
	wantError(t, "update unknown", status, hdr, 404, "E0604")
}

// TestManageParamsRoundTrip: the CLI's request and the server's reading of
// it agree for every operation.
func TestManageParamsRoundTrip(t *testing.T) {
	ch, err := scheduler.ParseChange("endtime=2030-01-01T00:00Z;concurrency=4;pausetime=")
	if err != nil {
		t.Fatal(err)
	}
	nums, _ := scheduler.ParseActions("1-3,7,9-10")
	dates, _ := scheduler.ParseDates("2030-01-01T00:00Z::2030-01-02T00:00Z,2030-02-01T00:00Z")
	for _, req := range []scheduler.Request{
		{Op: scheduler.OpKill, Job: "J"},
		{Op: scheduler.OpKill, Job: "J", Sel: &scheduler.Selection{Numbers: nums}},
		{Op: scheduler.OpSuspend, Job: "J"},
		{Op: scheduler.OpResume, Job: "J"},
		{Op: scheduler.OpRerun, Job: "J", Sel: &scheduler.Selection{Dates: dates}, Rerun: scheduler.RerunOptions{Refresh: true}},
		{Op: scheduler.OpChange, Job: "J", Change: ch},
		{Op: scheduler.OpChange, Job: "J", Change: scheduler.Change{Revive: true}},
		{Op: scheduler.OpIgnore, Job: "J", Sel: &scheduler.Selection{Numbers: []int{4}}},
	} {
		q := ManageParams(req)
		got, _, err := ParseManage("J", q)
		if err != nil {
			t.Errorf("%v: %v", q, err)
			continue
		}
		if got.Result() != req.Result() || ManageParams(got).Encode() != q.Encode() {
			t.Errorf("%s: read back as %+v", q.Encode(), got)
		}
	}
}
