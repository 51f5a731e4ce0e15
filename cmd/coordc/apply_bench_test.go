package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// benchDays is the span of BenchmarkApplyVsSpawn's coordinator: 288
// five-minute actions a day (testdata/bench/apply-vs-spawn.sh runs the
// 30-day size of issue 18).
const benchDays = 1

// BenchmarkApplyVsSpawn runs `coordc apply --until-done` of trivial shell
// actions (frequency 5 minutes, all in the past, concurrency 50) and, in
// the same iteration, as many bare `sh -c true` launches 50 at a time: the
// spawn floor. It reports both times and their ratio (target: ≤ 2).
func BenchmarkApplyVsSpawn(b *testing.B) {
	n := benchDays * 288
	end := time.Now().UTC().Truncate(24 * time.Hour)
	start := end.Add(-time.Duration(benchDays) * 24 * time.Hour)
	var applyTime, spawnTime time.Duration
	for b.Loop() {
		dir := b.TempDir()
		writeTree(b, dir, map[string]string{
			"coordinator.xml": fmt.Sprintf(`<coordinator-app name="bench" frequency="${coord:minutes(5)}" start="%s" end="%s"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.4"><controls><concurrency>50</concurrency></controls>
  <action><workflow><app-path>wf</app-path></workflow></action></coordinator-app>`,
				start.Format("2006-01-02T15:04Z"), end.Format("2006-01-02T15:04Z")),
			"wf/workflow.xml": `<workflow-app name="bench-wf" xmlns="uri:oozie:workflow:0.4"><start to="run"/>
  <action name="run"><shell xmlns="uri:oozie:shell-action:0.2"><exec>true</exec></shell><ok to="end"/><error to="fail"/></action>
  <kill name="fail"><message>failed</message></kill><end name="end"/></workflow-app>`,
		})
		t0 := time.Now()
		spawn(b, n, 50)
		spawnTime += time.Since(t0)

		args, err := json.Marshal([]string{"apply", "--until-done", "--log-level", "warn", "--state",
			filepath.Join(dir, "state.db"), filepath.Join(dir, "coordinator.xml")})
		if err != nil {
			b.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childArgsEnv+"="+string(args))
		t0 = time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("apply: %v\n%s", err, out)
		}
		applyTime += time.Since(t0)
	}
	b.ReportMetric(applyTime.Seconds()/float64(b.N), "apply-s/op")
	b.ReportMetric(spawnTime.Seconds()/float64(b.N), "spawn-s/op")
	b.ReportMetric(float64(applyTime)/float64(spawnTime), "ratio")
	b.ReportMetric(float64(n*b.N)/applyTime.Seconds(), "actions/s")
}

// spawn runs n `sh -c true` processes, at most conc at a time.
func spawn(b *testing.B, n, conc int) {
	sem := make(chan struct{}, conc)
	var wg sync.WaitGroup
	for range n {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if err := exec.Command("sh", "-c", "true").Run(); err != nil {
				b.Error(err)
			}
		}()
	}
	wg.Wait()
}
