package server

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/coordc/coordc/runtime/state"
)

// The console is tested in headless Chromium (Debian's chromium package)
// driven by chromedp, with the flags and the skip rule of cmd/coordc's plan
// HTML browser tests: screenshots go to $COORDC_ARTIFACTS when set (else the
// test's temporary directory); without Chromium the test skips unless
// COORDC_REQUIRE_BROWSER is set.

func browserTab(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("COORDC_REQUIRE_BROWSER") != "" {
			t.Fatal("chromium is not installed (apt-get install -y chromium)")
		}
		t.Skip("chromium is not installed; set COORDC_REQUIRE_BROWSER=1 to make this a failure")
	}
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1300, 900))
	t.Cleanup(cancel)
	ctx, cancelTab := chromedp.NewContext(alloc)
	t.Cleanup(cancelTab)
	ctx, cancelTime := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancelTime)
	return ctx
}

func TestConsoleInBrowser(t *testing.T) {
	f := newFixture(t, "")
	id, _ := logFixture(t, f) // action 1 has a workflow run with stdout
	other := f.seed(t, "berlin-hourly", 40)
	// Hourly from 2009-03-28T20:00Z in Berlin: 2009-03-29 is CET → CEST.
	if _, err := f.st.DB().Exec(`UPDATE coord_jobs SET time_zone = 'Europe/Berlin' WHERE id = ?`, other); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.DB().Exec(`UPDATE coord_actions SET nominal_time = strftime('%Y-%m-%dT%H:%M:%SZ', '2009-03-28T20:00:00', '+' || (action_number - 1) || ' hours') WHERE job_id = ?`, other); err != nil {
		t.Fatal(err)
	}
	for n, s := range map[int]string{1: "SUCCEEDED", 2: "SUCCEEDED", 3: "FAILED", 4: "RUNNING", 5: "TIMEDOUT"} {
		f.force(t, other+"@"+strconv.Itoa(n), state.ActionStatus(s))
	}
	// The waiting actions time out 2 hours after now.
	if _, err := f.st.DB().Exec(`UPDATE coord_actions SET created_time = ? WHERE job_id = ? AND status = 'WAITING'`, time.Now().UTC().Format("2006-01-02T15:04:05Z"), other); err != nil {
		t.Fatal(err)
	}
	f.st.DB().Exec(`UPDATE coord_actions SET missing_dependencies = 'file:///data/2009/03/29/_SUCCESS' WHERE id = ?`, other+"@6")

	ctx := browserTab(t)
	out := artifacts(t)
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	count := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return n
	}
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100: PNG
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(out, name), png, 0o644)
		t.Logf("screenshot %s", filepath.Join(out, name))
	}
	nav := func(path string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(f.ts.URL+path)); err != nil {
			t.Fatal(err)
		}
	}

	// Jobs list: both jobs, newest first; the name filter narrows it.
	nav("/console/jobs")
	if n := count(`document.querySelectorAll('#jobs tbody tr[data-id]').length`); n != 2 {
		t.Errorf("jobs listed: %d, want 2", n)
	}
	if got := text(`#jobs tbody tr:first-child`); !strings.Contains(got, "berlin-hourly") {
		t.Errorf("first row %q, want the newest job", got)
	}
	shot("console-jobs.png")
	nav("/console/jobs?name=alpha&len=1")
	if got := text(`#pager`); !strings.Contains(got, "1–1 of 1") {
		t.Errorf("filtered pager %q", got)
	}

	// Coordinator page: grid by local day, the DST day marked, waiting list
	// with countdowns, server-side paging.
	nav("/console/job/" + other + "?len=30")
	if n := count(`document.querySelectorAll('#grid a.cell').length`); n != 30 {
		t.Errorf("cells: %d, want 30 (one page)", n)
	}
	if got := text(`#grid tr.dst td.day`); !strings.Contains(got, "2009-03-29") || !strings.Contains(got, "UTC+01:00 → UTC+02:00") {
		t.Errorf("DST row %q", got)
	}
	if got := text(`#grid a.cell[data-number="3"]`); got != "3" || count(`document.querySelector('#grid a.cell[data-number="3"]').classList.contains('FAILED') ? 1 : 0`) != 1 {
		t.Errorf("cell 3 %q is not drawn FAILED", got)
	}
	if got := text(`#waiting`); !strings.Contains(got, "file:///data/2009/03/29/_SUCCESS") || !strings.Contains(got, "1h 59m") {
		t.Errorf("waiting table lacks the missing input or the countdown:\n%s", got)
	}
	if got := text(`#pager`); !strings.Contains(got, "actions 1–30 of 40") {
		t.Errorf("pager %q", got)
	}
	shot("console-job.png")

	// Action page: workflow nodes, logs.
	nav("/console/action/" + id + "@1")
	if got := text(`#logs`); !strings.Contains(got, "hello from step") {
		t.Errorf("logs:\n%s", got)
	}
	if got := text(`table.nodes`); !strings.Contains(got, "step") || !strings.Contains(got, "shell") {
		t.Errorf("nodes:\n%s", got)
	}
	shot("console-action.png")

	// click presses a button and waits for the page it leads to (its flash
	// message; the old one is removed first).
	click := func(sel string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.getElementById('flash')?.remove(), true)`)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel)), chromedp.WaitVisible(chromedp.CSS(`#flash`))); err != nil {
			t.Fatalf("click %s: %v", sel, err)
		}
	}
	// Kill action 7 with its button, then rerun it.
	nav("/console/action/" + other + "@7")
	click(`#kill-action`)
	if got := text(`#action-status`); got != "KILLED" {
		t.Errorf("after kill: %q (flash %q)", got, text(`#flash`))
	}
	shot("console-killed.png")
	click(`#rerun-action`)
	if got := text(`#action-status`); got != "WAITING" {
		t.Errorf("after rerun: %q (flash %q)", got, text(`#flash`))
	}
	if got := text(`#flash`); !strings.Contains(got, "rerun done") {
		t.Errorf("flash %q", got)
	}
	shot("console-rerun.png")
	// Killing the whole job from its page.
	nav("/console/job/" + other)
	click(`#kill-job`)
	if got := text(`#job-status`); got != "KILLED" {
		t.Errorf("job after kill: %q", got)
	}
}

// artifacts is where screenshots go.
func artifacts(t *testing.T) string {
	if d := os.Getenv("COORDC_ARTIFACTS"); d != "" {
		os.MkdirAll(d, 0o755)
		return d
	}
	return t.TempDir()
}
