package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser tests load the pages `plan -o html` writes (and the SVG) in
// headless Chromium (Debian's chromium package) driven by chromedp, assert
// on the DOM the page's script builds and keep screenshots. Screenshots go
// to $COORDC_ARTIFACTS when it is set, else to the test's temporary
// directory. Without Chromium the tests skip, unless COORDC_REQUIRE_BROWSER
// or COORDC_REQUIRE_SHARED is set (CI): then they fail.

// browser starts headless Chromium and returns a context for one tab.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("COORDC_REQUIRE_BROWSER") != "" || os.Getenv("COORDC_REQUIRE_SHARED") != "" {
			t.Fatal("chromium is not installed (apt-get install -y chromium); the browser tests are required here")
		}
		t.Skip("chromium is not installed; set COORDC_REQUIRE_BROWSER=1 to make this a failure")
	}
	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 700),
	)
	t.Cleanup(cancel)
	ctx, cancelTab := chromedp.NewContext(alloc)
	t.Cleanup(cancelTab)
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancelTime)
	return ctx
}

// artifactDir is where screenshots go.
func artifactDir(t *testing.T) string {
	if d := os.Getenv("COORDC_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// page writes the output of `coordc args...` to dir/name (streamed to the
// file, not held in memory) and returns its file URL.
func page(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	code := run(append([]string{"coordc"}, args...), strings.NewReader(""), f, &stderr)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if code != exitOK && code != exitChanges {
		t.Fatalf("coordc %s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return "file://" + filepath.ToSlash(abs)
}

// load navigates to url and checks that the page script ran without error.
func load(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("loading %s: %v", url, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", path)
}

func TestPlanHTMLInBrowser(t *testing.T) {
	ctx := browser(t)
	out := artifactDir(t)
	dir := t.TempDir()

	t.Run("daily-logs", func(t *testing.T) {
		load(t, ctx, page(t, dir, "daily-logs.html", "plan", "-o", "html", "--properties", exampleProps, example))
		screenshot(t, ctx, out, "daily-logs.png")
		if n := eval[int](t, ctx, `document.querySelectorAll('#timeline g.lane').length`); n != 1 {
			t.Errorf("lanes: %d, want 1", n)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll('#timeline g.action').length`); n != 14 {
			t.Errorf("actions drawn: %d, want 14", n)
		}
		if got := eval[string](t, ctx, `[...document.querySelectorAll('#timeline rect.dst')].map(r => r.dataset.name + ' ' + r.querySelector('title').textContent).join('|')`); !strings.Contains(got, "PST → PDT") || !strings.Contains(got, "2009-03-08: clocks go forward 1h at 02:00") {
			t.Errorf("shaded transition: %q, want the PST → PDT day of 2009-03-08", got)
		}
		// The 23-URI window of action 9 is 23/24 as wide as a 24-URI one.
		ratio := eval[float64](t, ctx, `(() => {
			const w = n => document.querySelector('#timeline g.action[data-number="' + n + '"] rect.window').getBBox().width + 1;
			return w(9) / w(10);
		})()`)
		if ratio < 0.94 || ratio > 0.98 {
			t.Errorf("width of the 23-hour window / a 24-hour one = %.3f, want 23/24", ratio)
		}
		if got := eval[string](t, ctx, `document.querySelector('#timeline g.action[data-number="9"] rect.window').getAttribute('data-uris') + ' ' + document.querySelector('#timeline g.action[data-number="9"] rect.window').getAttribute('class')`); got != "23 window odd-length" {
			t.Errorf("action 9 window: %q, want 23 URIs marked odd-length", got)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll('#timeline g.pin[data-rule]').length`); n == 0 {
			t.Errorf("no lint finding pinned to an action")
		}
		// Click action 9: the details show its 23 URIs and configuration.
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#timeline g.action[data-number="9"] circle.marker`))); err != nil {
			t.Fatal(err)
		}
		details := eval[string](t, ctx, `document.getElementById('details').textContent`)
		for _, want := range []string{"daily-logs@2009-03-09T07:00Z", "in yesterday (23 URIs)", "hdfs://namenode:8020/logs/hourly/2009/03/08/08", "outputDir = hdfs://namenode:8020/warehouse/daily/20090308", "Mon 2009-03-09 00:00 -07:00"} {
			if !strings.Contains(details, want) {
				t.Errorf("details of action 9 lack %q:\n%s", want, details)
			}
		}
		screenshot(t, ctx, out, "daily-logs-details.png")
	})

	t.Run("pipeline", func(t *testing.T) {
		load(t, ctx, page(t, dir, "pipeline.html", "plan", "-o", "html", "--properties", pipelineProps, pipelineStage1, pipelineStage2))
		if got := eval[string](t, ctx, `[...document.querySelectorAll('#timeline g.lane')].map(l => l.dataset.name).join(',')`); got != "sessionize,weekly-report" {
			t.Errorf("lanes: %q", got)
		}
		if got := eval[string](t, ctx, `[...document.querySelectorAll('#timeline g.link')].map(l => l.dataset.producer + '->' + l.dataset.consumer).join(',')`); got != "sessionize->weekly-report" {
			t.Errorf("lane links: %q, want sessionize->weekly-report", got)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#timeline g.lane[data-name="weekly-report"] g.action circle.marker`))); err != nil {
			t.Fatal(err)
		}
		details := eval[string](t, ctx, `document.getElementById('details').textContent`)
		if !strings.Contains(details, "Produced by") || !strings.Contains(details, "sessionize@2024-06-01T00:00Z") {
			t.Errorf("details of the weekly report lack its producer:\n%s", details)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll('#timeline line.link-action').length`); n == 0 {
			t.Errorf("no producer→consumer line drawn for the selected action")
		}
		screenshot(t, ctx, out, "pipeline.png")
	})

	t.Run("bundle", func(t *testing.T) {
		load(t, ctx, page(t, dir, "bundle.html", "plan", "-o", "html", "--properties", exampleProps, bundleExample))
		if got := eval[string](t, ctx, `[...document.querySelectorAll('#timeline g.lane')].map(l => l.dataset.name + ':' + l.dataset.actions).join(',')`); got != "daily-logs:14,daily-logs-backfill:4" {
			t.Errorf("lanes: %q", got)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll('#timeline rect.dst').length`); n != 2 {
			t.Errorf("shaded transitions: %d, want one per lane", n)
		}
		screenshot(t, ctx, out, "bundle.png")
	})

	t.Run("diff", func(t *testing.T) {
		snap := filepath.Join(dir, "snapshot.json")
		if _, stderr, code := coordc(t, "plan", "--properties", exampleProps, "-D", "end=2009-03-12T07:00Z", "-D", "warehouse=hdfs://old:8020/wh", "--out", snap, example); code != exitOK {
			t.Fatalf("snapshot: %s", stderr)
		}
		load(t, ctx, page(t, dir, "diff.html", "plan", "-o", "html", "--properties", exampleProps, "--against", snap, example))
		if got := eval[string](t, ctx, `['added','removed','shifted','changed'].map(k => k + '=' + document.querySelectorAll('#timeline g.action.diff-' + k).length).join(' ')`); got != "added=3 removed=0 shifted=0 changed=11" {
			t.Errorf("diff marks: %s", got)
		}
		colour := eval[string](t, ctx, `getComputedStyle(document.querySelector('#timeline g.diff-added circle.marker')).fill`)
		if colour != "rgb(47, 133, 90)" {
			t.Errorf("added actions are %s, want green", colour)
		}
		screenshot(t, ctx, out, "diff-added-changed.png")

		// An earlier start shifts every action; a later end removes some.
		load(t, ctx, page(t, dir, "diff2.html", "plan", "-o", "html", "--properties", exampleProps, "-D", "start=2009-02-28T08:00Z", "-D", "end=2009-03-10T07:00Z", "--against", snap, example))
		if got := eval[string](t, ctx, `['added','removed','shifted','changed'].map(k => k + '=' + document.querySelectorAll('#timeline g.action.diff-' + k).length).join(' ')`); got != "added=0 removed=1 shifted=10 changed=0" {
			t.Errorf("diff marks: %s", got)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll('#timeline line.shift').length`); n != 10 {
			t.Errorf("shift lines: %d, want 10", n)
		}
		if got := eval[string](t, ctx, `document.querySelector('#timeline text.lane-change').textContent`); got != "coordinator-changed: end, start" {
			t.Errorf("coordinator change label: %q", got)
		}
		screenshot(t, ctx, out, "diff-shifted-removed.png")
	})

	t.Run("100000-actions", func(t *testing.T) {
		url := page(t, dir, "big.html", "plan", "-o", "html", "--count", "100000", fiveMinuteBench)
		start := time.Now()
		load(t, ctx, url)
		loaded := time.Since(start)
		if got := eval[string](t, ctx, `document.querySelector('#timeline g.histogram').dataset.unit + ' ' + document.querySelectorAll('#timeline g.action').length`); got != "day 0" {
			t.Errorf("zoomed out: %q, want actions counted per day and none drawn one by one", got)
		}
		total := eval[int](t, ctx, `[...document.querySelectorAll('#timeline rect.bin')].reduce((s, r) => s + +r.dataset.count, 0)`)
		if total != 100000 {
			t.Errorf("bins count %d actions, want 100000", total)
		}
		screenshot(t, ctx, out, "100000-zoomed-out.png")
		start = time.Now()
		// One local day of five-minute actions: 288, drawn one by one.
		eval[bool](t, ctx, `(window.coordcTimeline.zoomTo(Date.UTC(2020, 5, 1) / 1000, Date.UTC(2020, 5, 2) / 1000), true)`)
		zoomed := time.Since(start)
		if n := eval[int](t, ctx, `document.querySelectorAll('#timeline g.action').length`); n < 288 || n > 300 {
			t.Errorf("zoomed to a day: %d actions drawn, want about 288", n)
		}
		screenshot(t, ctx, out, "100000-one-day.png")
		t.Logf("100,000 actions: page loaded in %v, zoom redraw %v", loaded, zoomed)
		if loaded > time.Minute {
			t.Errorf("loading the page took %v", loaded)
		}
	})
}

// TestPlanSVGInBrowser renders the SVG picture and checks what it shows.
func TestPlanSVGInBrowser(t *testing.T) {
	ctx := browser(t)
	out := artifactDir(t)
	dir := t.TempDir()
	load(t, ctx, page(t, dir, "bundle.svg", readmePictureArgs...))
	screenshot(t, ctx, out, "bundle-svg.png")
	size := eval[string](t, ctx, `(() => { const b = document.documentElement.getBBox(); return Math.round(b.width) + 'x' + Math.round(b.height); })()`)
	if size != "1200x320" {
		t.Errorf("rendered SVG box %s, want 1200x320", size)
	}
	if got := eval[string](t, ctx, `[...document.querySelectorAll('g.lane')].map(l => l.dataset.name).join(',')`); got != "daily-logs,daily-logs-backfill" {
		t.Errorf("lanes: %q", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('rect.window[data-uris="23"]').length`); n != 1 {
		t.Errorf("23-URI windows: %d, want 1", n)
	}
	fill := eval[string](t, ctx, `getComputedStyle(document.querySelector('rect.dst')).fill`)
	if fill != "rgb(251, 211, 141)" {
		t.Errorf("DST day fill %s: the embedded style sheet did not apply", fill)
	}
}
