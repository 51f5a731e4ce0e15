package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/state"
)

// TestBundleLifecycleEndToEnd is issue 15's acceptance test of bundles,
// with the real clock and real processes:
//
//   - a bundle of two coordinators ("sla", one action with an <sla:info>;
//     "daily", an action every 5 minutes from 10 minutes before the kick-off,
//     with a workflow property color=red from the bundle entry) and a kick-off-time in the future: apply submits one
//     bundle job, and the bundle and both coordinators stay PREP, with no
//     action, until the kick-off;
//   - a change of the bundle's end time (before the kick-off) moves both
//     coordinators' end times (to the kick-off): "daily" materializes 2
//     actions, not 3; a change to before the kick-off is refused (E1317);
//   - after the kick-off the SLA action misses its end (END_MISS) while the
//     webhook fails; apply is killed with SIGKILL;
//   - "daily" gets its end time back and an update of color to blue: the
//     dry run shows the plan diff, the actions materialized after it get
//     blue, the earlier ones keep red;
//   - a new apply delivers the END_MISS exactly once and runs everything to
//     the end; the bundle is SUCCEEDED.
func TestBundleLifecycleEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for a real kick-off time (up to 80 s)")
	}
	hooks := &hookServer{failing: true, tokens: map[string]bool{}, ids: map[string]int{}}
	srv := httptest.NewServer(hooks)
	defer srv.Close()

	// The kick-off K is the first whole minute at least 20 s away; the SLA
	// action's should-end is K itself, so it is missed as soon as it runs.
	now := time.Now().UTC()
	kick := now.Add(20 * time.Second).Truncate(time.Minute).Add(time.Minute)
	minute := func(t time.Time) string { return t.Format("2006-01-02T15:04Z") }
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".coordc.hcl": fmt.Sprintf(`runtime {
  notify {
    webhook "ops" {
      url    = "%s/hook"
      events = ["SLA"]
    }
  }
}
`, srv.URL),
		"bundle.xml": fmt.Sprintf(`<bundle-app name="pipeline" xmlns="uri:oozie:bundle:0.2">
  <controls><kick-off-time>%s</kick-off-time></controls>
  <coordinator name="sla"><app-path>file://%s/sla/coordinator.xml</app-path></coordinator>
  <coordinator name="daily"><app-path>file://%s/daily/coordinator.xml</app-path>
    <configuration><property><name>color</name><value>red</value></property></configuration>
  </coordinator>
</bundle-app>
`, minute(kick), dir, dir),
		"sla/coordinator.xml": fmt.Sprintf(`<coordinator-app name="sla-coord" frequency="1440" start="%s" end="%s"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.4" xmlns:sla="uri:oozie:sla:0.2">
  <action>
    <workflow><app-path>wf</app-path></workflow>
    <sla:info>
      <sla:nominal-time>%s</sla:nominal-time>
      <sla:should-end>${1 * MINUTES}</sla:should-end>
      <sla:alert-events>end_miss</sla:alert-events>
    </sla:info>
  </action>
</coordinator-app>
`, minute(kick.Add(-time.Minute)), minute(kick), minute(kick.Add(-time.Minute))),
		"sla/wf/workflow.xml": `<workflow-app name="sla-wf" xmlns="uri:oozie:workflow:0.5">
  <start to="work"/>
  <action name="work">
    <shell xmlns="uri:oozie:shell-action:0.3"><exec>/bin/sleep</exec><argument>4</argument></shell>
    <ok to="end"/><error to="fail"/>
  </action>
  <kill name="fail"><message>failed</message></kill>
  <end name="end"/>
</workflow-app>
`,
		"daily/coordinator.xml": fmt.Sprintf(`<coordinator-app name="daily-coord" frequency="5" start="%s" end="%s"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
  <action><workflow><app-path>wf</app-path>
    <configuration><property><name>color</name><value>${color}</value></property></configuration>
  </workflow></action>
</coordinator-app>
`, minute(kick.Add(-10*time.Minute)), minute(kick.Add(5*time.Minute))),
		"daily/wf/workflow.xml": `<workflow-app name="daily-wf" xmlns="uri:oozie:workflow:0.5"><start to="end"/><end name="end"/></workflow-app>`,
	})
	db := stateDB(t, dir)
	args := []string{"apply", "--state", db, "--poll-interval", "100ms", "bundle.xml"}

	c := startChild(t, dir, args...)
	exited := make(chan int, 1)
	go func() { exited <- c.wait() }()
	st := openStore(t, db)
	ctx := context.Background()

	// One bundle job, PREP with its coordinators until the kick-off.
	var bundle bundleJSON
	for limit := time.Now().Add(20 * time.Second); len(bundle.Coordinators) < 2; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(limit) {
			c.cmd.Process.Kill()
			t.Fatalf("no bundle job with two coordinators:\n%s", c.stderr)
		}
		bundle = bundleStatus(t, db, "0000001-pipeline-B")
	}
	if bundle.Status != "PREP" || bundle.Kickoff != state.FormatTime(kick) {
		t.Fatalf("bundle before the kick-off: %+v", bundle)
	}
	for _, co := range bundle.Coordinators {
		if co.Status != "PREP" || co.Actions != 0 {
			t.Fatalf("coordinator before the kick-off: %+v", co)
		}
	}
	daily, slaJob := bundle.Coordinators[0].ID, bundle.Coordinators[1].ID // entries in name order
	if out, stderr, code := coordc(t, "change", "0000001-pipeline-B", "--endtime", minute(kick.Add(-time.Minute)), "--state", db); code != exitProblems || !strings.Contains(stderr, "E1317") {
		t.Errorf("change of the bundle's end to before the kick-off: exit %d %s%s", code, out, stderr)
	}
	if out, stderr, code := coordc(t, "change", "0000001-pipeline-B", "--endtime", minute(kick), "--state", db); code != exitOK {
		t.Fatalf("change of the bundle's end: exit %d %s%s", code, out, stderr)
	}
	bundle = bundleStatus(t, db, "0000001-pipeline-B")
	if end := state.FormatTime(kick); bundle.End == nil || *bundle.End != end || bundle.Coordinators[0].End != end || bundle.Coordinators[1].End != end {
		t.Fatalf("after the change: %+v", bundle)
	}
	out, _, _ := coordc(t, "jobs", "--jobtype", "bundle", "--state", db)
	if !strings.Contains(out, "0000001-pipeline-B") || !strings.Contains(out, "PREP") {
		t.Errorf("jobs --jobtype bundle:\n%s", out)
	}
	if time.Now().After(kick) {
		t.Fatalf("the checks before the kick-off took until %v, after %v", time.Now(), kick)
	}

	// After the kick-off: END_MISS in the outbox, undelivered; then SIGKILL.
	slaAction := slaJob + "@1"
	var endMiss state.Event
	for limit := kick.Add(40 * time.Second); endMiss.ID == ""; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(limit) {
			c.cmd.Process.Kill()
			t.Fatalf("no END_MISS event by %v:\n%s", limit, c.stderr)
		}
		evs, _ := st.EventsOf(ctx, slaAction)
		for _, e := range evs {
			if e.MsgType == state.MsgSLA && e.EventStatus == "END_MISS" {
				endMiss = e
			}
		}
	}
	if b, _ := st.GetBundle(ctx, "0000001-pipeline-B"); !b.Start.Equal(kick) && (b.Start.Before(kick) || b.Start.After(kick.Add(5*time.Second))) {
		t.Errorf("bundle started at %v, want at the kick-off %v", b.Start, kick)
	}
	c.cmd.Process.Kill()
	if code := <-exited; code != -1 {
		t.Fatalf("apply exited %d before the kill:\n%s", code, c.stderr)
	}
	if hooks.count("/hook END_MISS") != 0 {
		t.Fatalf("END_MISS delivered while the webhook failed")
	}
	if j, _ := st.GetJob(ctx, daily); j.LastActionNumber != 2 {
		t.Fatalf("daily materialized %d actions before the update, want 2 (its end moved to the kick-off)", j.LastActionNumber)
	}

	// A later end for daily, then an update of one property.
	if out, stderr, code := coordc(t, "change", daily, "--endtime", minute(kick.Add(5*time.Minute)), "--state", db); code != exitOK {
		t.Fatalf("change of daily's end: exit %d %s%s", code, out, stderr)
	}
	out, stderr, code := coordc(t, "update", daily, "--dry-run", "-D", "color=blue", "--state", db)
	if code != exitOK || !strings.Contains(out, "blue") || !strings.Contains(out, "red") {
		t.Fatalf("update --dry-run: exit %d\n%s%s", code, out, stderr)
	}
	if out, stderr, code := coordc(t, "update", daily, "-D", "color=blue", "--state", db); code != exitOK {
		t.Fatalf("update: exit %d %s%s", code, out, stderr)
	}

	// A new apply: the END_MISS arrives once, everything finishes.
	hooks.set(false)
	startChild(t, dir, append([]string{"apply", "--until-done"}, args[1:]...)...).waitOK(t, 90*time.Second, "second apply")
	if n := hooks.count("/hook END_MISS"); n != 1 {
		t.Errorf("webhook got END_MISS %d times, want once; requests %v", n, hooks.ok)
	}
	var colors []string
	for n := 1; n <= 3; n++ {
		a, err := st.GetAction(ctx, state.ActionID(daily, n))
		if err != nil {
			t.Fatal(err)
		}
		var conf map[string]string
		json.Unmarshal([]byte(a.RunConf), &conf)
		colors = append(colors, fmt.Sprintf("%d:%s:%s", n, a.Status, conf["color"]))
	}
	if got, want := strings.Join(colors, " "), "1:SUCCEEDED:red 2:SUCCEEDED:red 3:SUCCEEDED:blue"; got != want {
		t.Errorf("daily's actions: %s, want %s", got, want)
	}
	bundle = bundleStatus(t, db, "0000001-pipeline-B")
	if bundle.Status != "SUCCEEDED" || bundle.Coordinators[0].Status != "SUCCEEDED" || bundle.Coordinators[1].Status != "SUCCEEDED" {
		t.Errorf("bundle at the end: %+v", bundle)
	}
}

// bundleStatus is `coordc status BUNDLE -o json`.
func bundleStatus(t *testing.T, db, id string) bundleJSON {
	t.Helper()
	out, stderr, code := coordc(t, "status", id, "--state", db, "-o", "json")
	var doc bundlesJSON
	if code != exitOK {
		if strings.Contains(stderr, "not found") {
			return bundleJSON{}
		}
		t.Fatalf("status %s: exit %d %s", id, code, stderr)
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Bundles) != 1 {
		t.Fatalf("status %s: %v\n%s", id, err, out)
	}
	return doc.Bundles[0]
}
