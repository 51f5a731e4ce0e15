package server

import (
	"context"
	"net/http"
	"testing"

	"github.com/coordc/coordc/runtime/state"
)

// seedBundle creates a PREP bundle job linking the coordinator job coord
// as entry "a".
func (f *fixture) seedBundle(tb testing.TB, name, coord string) string {
	tb.Helper()
	ctx := context.Background()
	id, _, err := f.st.SubmitBundle(ctx, state.Bundle{AppName: name, AppPath: "/defs/" + name + ".xml", DefinitionHash: "h",
		Conf: "{}", KickOff: t0, JobXML: `<bundle-app name="` + name + `"/>`})
	if err != nil {
		tb.Fatal(err)
	}
	if err := f.st.AddBundleAction(ctx, id, "a", coord, false); err != nil {
		tb.Fatal(err)
	}
	return id
}

// TestBundleAPI: a bundle job in Oozie's JSON (JsonTags BUNDLE_JOB_*) in the
// listing and show=info with its coordinator jobs; the refusals.
func TestBundleAPI(t *testing.T) {
	f := newFixture(t, "")
	coord := f.seed(t, "alpha", 2)
	id := f.seedBundle(t, "nightly", coord)
	code, _, body := f.call(t, "GET", "/oozie/v2/jobs?jobtype=bundle&filter=status%3DPREP", "")
	list := hasFields(t, "listing", jsonOf(t, body), "total", "offset", "len", "bundlejobs")
	if code != http.StatusOK || list["total"] != 1.0 {
		t.Fatalf("listing: %d %s", code, body)
	}
	fields := []string{"bundleJobId", "bundleJobName", "bundleJobPath", "bundleExternalId", "conf", "status", "timeUnit",
		"timeOut", "kickoffTime", "startTime", "endTime", "pauseTime", "createdTime", "user", "group", "acl", "consoleUrl", "toString"}
	hasFields(t, "listed bundle", list["bundlejobs"].([]any)[0], fields...)
	code, _, body = f.call(t, "GET", "/oozie/v2/job/"+id+"?show=info", "")
	info := hasFields(t, "show=info", jsonOf(t, body), append(fields, "bundleCoordJobs")...)
	coords := info["bundleCoordJobs"].([]any)
	if code != http.StatusOK || info["bundleJobId"] != id || info["kickoffTime"] != "Sun, 01 Mar 2009 08:00:00 GMT" || len(coords) != 1 {
		t.Fatalf("show=info: %d %s", code, body)
	}
	if c := hasFields(t, "bundle coordinator", coords[0], "coordJobId", "bundleId"); c["coordJobId"] != coord || c["bundleId"] != id {
		t.Errorf("bundle coordinator: %v", c)
	}
	if code, _, body := f.call(t, "GET", "/oozie/v2/job/"+id+"?show=status", ""); code != 200 || body != `{"status":"PREP"}`+"\n" {
		t.Errorf("show=status: %d %q", code, body)
	}
	code, hdr, _ := f.call(t, "GET", "/oozie/v2/job/"+id+"?show=log", "")
	wantError(t, "show=log of a bundle", code, hdr, http.StatusBadRequest, string(codeInvalidParam))
	code, hdr, _ = f.call(t, "GET", "/oozie/v2/job/0000009-nope-B?show=info", "")
	wantError(t, "unknown bundle", code, hdr, http.StatusNotFound, string(codeNoJob))
	code, hdr, _ = f.call(t, "PUT", "/oozie/v2/job/"+id+"?action=bundle-rerun", "")
	wantError(t, "bundle-rerun without a scope", code, hdr, http.StatusBadRequest, string(codeInvalidParam))
	code, hdr, _ = f.call(t, "PUT", "/oozie/v2/job/"+coord+"?action=bundle-rerun&coord-scope=a", "")
	wantError(t, "bundle-rerun of a coordinator job", code, hdr, http.StatusBadRequest, string(codeInvalidParam))
	code, hdr, _ = f.call(t, "PUT", "/oozie/v2/job/"+id+"?action=kill&type=action&scope=1", "")
	wantError(t, "kill of bundle actions", code, hdr, http.StatusBadRequest, string(codeNotEligible))
	if code, _, body := f.call(t, "PUT", "/oozie/v2/job/"+id+"?action=kill", ""); code != 200 {
		t.Fatalf("kill: %d %s", code, body)
	}
	if j, _ := f.st.GetJob(context.Background(), coord); j.Status != state.JobKilled {
		t.Errorf("the bundle's coordinator is %s after the bundle's kill", j.Status)
	}
}
