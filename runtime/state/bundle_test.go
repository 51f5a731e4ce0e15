package state

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func testBundle(name, hash string) Bundle {
	return Bundle{AppName: name, AppPath: "/defs/" + name + ".xml", DefinitionHash: hash, Conf: "{}",
		KickOff: t0.Add(time.Hour), JobXML: "<bundle-app/>"}
}

// TestBundleStore: bundle IDs and unique submission, linking coordinator
// jobs (idempotent, never to two bundles), guarded transitions and the
// listing by status.
func TestBundleStore(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id, created, err := s.SubmitBundle(ctx, testBundle("Night Batch", "h1"))
	if err != nil || !created || id != "0000001-night-batch-B" || !IsBundleID(id) {
		t.Fatalf("SubmitBundle = %q, %v, %v", id, created, err)
	}
	if again, created, err := s.SubmitBundle(ctx, testBundle("Night Batch", "h1")); err != nil || created || again != id {
		t.Fatalf("SubmitBundle again = %q, %v, %v; want %s, not created", again, created, err, id)
	}
	if found, err := s.FindBundle(ctx, "/defs/Night Batch.xml", "Night Batch", "h1"); err != nil || found != id {
		t.Fatalf("FindBundle = %q, %v", found, err)
	}
	other, _, err := s.SubmitBundle(ctx, testBundle("Night Batch", "h2"))
	if err != nil || other != "0000002-night-batch-B" {
		t.Fatalf("another hash: %q, %v", other, err)
	}
	b, err := s.GetBundle(ctx, id)
	if err != nil || b.Status != JobPrep || !b.KickOff.Equal(t0.Add(time.Hour)) || !b.Created.Equal(t0) || !b.Start.IsZero() {
		t.Fatalf("GetBundle = %+v, %v", b, err)
	}
	if _, err := s.GetBundle(ctx, "0000009-x-B"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown bundle: %v", err)
	}
	noKick := testBundle("now", "h")
	noKick.KickOff = time.Time{}
	nid, _, err := s.SubmitBundle(ctx, noKick)
	if b, _ := s.GetBundle(ctx, nid); err != nil || !b.KickOff.Equal(t0) {
		t.Errorf("a bundle without kick-off-time kicks off at its submission: %v, %v", b.KickOff, err)
	}

	coord := seedJob(t, s, "c", 1)
	for range 2 {
		if err := s.AddBundleAction(ctx, id, "entry", coord, true); err != nil {
			t.Fatal(err)
		}
	}
	acts, err := s.BundleActions(ctx, id)
	if err != nil || len(acts) != 1 || acts[0].ID != id+"_entry" || acts[0].CoordID != coord || !acts[0].Critical || acts[0].Status != JobRunning {
		t.Fatalf("BundleActions = %+v, %v", acts, err)
	}
	if j, _ := s.GetJob(ctx, coord); j.BundleID != id {
		t.Errorf("coordinator's bundle_id = %q", j.BundleID)
	}
	if err := s.AddBundleAction(ctx, other, "entry", coord, false); err == nil || !strings.Contains(err.Error(), "belongs to bundle job "+id) {
		t.Errorf("linking to a second bundle: %v", err)
	}
	if changed, err := s.SetBundleActionStatus(ctx, id+"_entry", JobRunning); err != nil || changed {
		t.Errorf("same status: changed %v, %v", changed, err)
	}
	if changed, err := s.SetBundleActionStatus(ctx, id+"_entry", JobSucceeded); err != nil || !changed {
		t.Errorf("new status: changed %v, %v", changed, err)
	}

	start := t0.Add(time.Hour)
	if ok, err := s.TransitionBundle(ctx, id, JobRunning, JobSucceeded, BundleFields{}); err != nil || ok {
		t.Errorf("transition from a status it is not in: %v, %v", ok, err)
	}
	if ok, err := s.TransitionBundle(ctx, id, JobPrep, JobRunning, BundleFields{Start: &start}); err != nil || !ok {
		t.Errorf("PREP → RUNNING: %v, %v", ok, err)
	}
	if b, _ := s.GetBundle(ctx, id); b.Status != JobRunning || !b.Start.Equal(start) {
		t.Errorf("after the transition: %+v", b)
	}
	running, err := s.ListBundles(ctx, JobRunning)
	if err != nil || len(running) != 1 || running[0].ID != id {
		t.Errorf("ListBundles(RUNNING) = %v, %v", running, err)
	}
	if all, err := s.ListBundles(ctx); err != nil || len(all) != 3 {
		t.Errorf("ListBundles() = %d bundles, %v", len(all), err)
	}
}

// TestPurgeBundles: a bundle's finished coordinator job stays while the
// bundle runs; once the bundle is finished and old, both go.
func TestPurgeBundles(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id, _, err := s.SubmitBundle(ctx, testBundle("b", "h"))
	if err != nil {
		t.Fatal(err)
	}
	coord := seedJob(t, s, "c", 1)
	if err := s.AddBundleAction(ctx, id, "c", coord, false); err != nil {
		t.Fatal(err)
	}
	forceJob(t, s, coord, JobSucceeded)
	old := `UPDATE %s SET last_modified_time = '2009-01-01T00:00:00Z'`
	for _, table := range []string{"coord_jobs", "bundle_jobs"} {
		if _, err := s.DB().Exec(strings.Replace(old, "%s", table, 1)); err != nil {
			t.Fatal(err)
		}
	}
	count := func(table string) int {
		var n int
		if err := s.DB().QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if purged, err := s.Purge(ctx, t0); err != nil || len(purged) != 0 || count("bundle_jobs") != 1 {
		t.Fatalf("purge while the bundle is PREP: %v, %v, %d bundles", purged, err, count("bundle_jobs"))
	}
	if _, err := s.DB().Exec(`UPDATE bundle_jobs SET status = 'SUCCEEDED'`); err != nil {
		t.Fatal(err)
	}
	if purged, err := s.Purge(ctx, t0); err != nil || len(purged) != 1 || purged[0] != coord {
		t.Fatalf("purge of a finished bundle: %v, %v", purged, err)
	}
	if n, m := count("bundle_jobs"), count("bundle_actions"); n != 0 || m != 0 {
		t.Errorf("after the purge: %d bundle jobs, %d bundle actions", n, m)
	}
}

// TestSLAsOfBundle: the bundle filter (by bundle ID or name) selects the
// SLAs of the bundle's coordinator jobs' actions only.
func TestSLAsOfBundle(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id, _, err := s.SubmitBundle(ctx, testBundle("nightly", "h"))
	if err != nil {
		t.Fatal(err)
	}
	in, out := seedJob(t, s, "in", 1), seedJob(t, s, "out", 1)
	if err := s.AddBundleAction(ctx, id, "in", in, false); err != nil {
		t.Fatal(err)
	}
	for _, job := range []string{in, out} {
		reg := SLA{ID: ActionID(job, 1), ParentID: job, AppName: "x", AppType: AppCoordAction, Nominal: t0,
			ExpectedEnd: t0.Add(time.Hour), ExpectedDuration: -1, AlertEvents: "END_MISS", Config: "{}", JobStatus: "WAITING"}
		if err := s.Tx(ctx, func(tx *Tx) error { _, err := tx.RegisterSLA(ctx, reg); return err }); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range []string{id, "nightly"} {
		list, err := s.ListSLAs(ctx, []SLACondition{{Column: "parent_id", Op: InBundle, Values: []any{v}}}, "", false, 0, 0)
		if err != nil || len(list) != 1 || list[0].ID != ActionID(in, 1) {
			t.Errorf("bundle=%s: %+v, %v", v, list, err)
		}
	}
}
