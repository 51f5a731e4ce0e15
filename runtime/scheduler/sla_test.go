package scheduler

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/runtime/runner"
	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

// submitSLA submits sp with an <sla:info> (SLA 0.2) of the given fields
// inside its action.
func (e *env) submitSLA(sp spec, info string) string {
	e.t.Helper()
	xml := strings.Replace(sp.xml(), `xmlns="uri:oozie:coordinator:0.4"`, `xmlns="uri:oozie:coordinator:0.4" xmlns:sla="uri:oozie:sla:0.2"`, 1)
	xml = strings.Replace(xml, "</workflow></action>", "</workflow><sla:info>"+info+"</sla:info></action>", 1)
	path := filepath.Join(e.dir, fmt.Sprintf("coord-sla-%d.xml", time.Now().UnixNano()))
	if err := os.WriteFile(path, []byte(xml), 0o600); err != nil {
		e.t.Fatal(err)
	}
	res, diags := compiler.Load([]string{path}, compiler.Options{})
	if diags.HasErrors() {
		e.t.Fatalf("compile: %v", diags)
	}
	id, err := e.s.Submit(context.Background(), res.Project.Coordinators[0], Meta{AppPath: path})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

// slaEvents lists the SLA events recorded for an action ("START_MISS/IN_PROCESS").
func (e *env) slaEvents(id string) []string {
	e.t.Helper()
	evs, err := e.store.EventsOf(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for _, ev := range evs {
		if ev.MsgType == state.MsgSLA {
			out = append(out, ev.EventStatus+"/"+ev.Status)
		}
	}
	return out
}

const slaInfo = `<sla:nominal-time>${coord:nominalTime()}</sla:nominal-time>
<sla:should-start>${10 * MINUTES}</sla:should-start>
<sla:should-end>${30 * MINUTES}</sla:should-end>
<sla:max-duration>${15 * MINUTES}</sla:max-duration>
<sla:alert-events>start_miss,end_miss</sla:alert-events>
<sla:alert-contact>ops@example.com</sla:alert-contact>
<sla:notification-msg>late: ${coord:actionId()}</sla:notification-msg>
<sla:upstream-apps>ingest</sla:upstream-apps>`

// TestSLAEvents drives one action per case with the fake clock and checks
// the events, their order and the final summary.
func TestSLAEvents(t *testing.T) {
	type step struct {
		at     time.Duration // clock offset from the nominal time
		finish runner.Status // finish the workflow at this step ("" none)
	}
	cases := []struct {
		name   string
		input  time.Duration // when the input appears (-1: at once)
		steps  []step
		want   []string
		status state.SLAStatus
		done   int // the event_processed bits at the end
	}{
		{"all met", -1, []step{{1 * time.Minute, ""}, {5 * time.Minute, runner.Succeeded}, {6 * time.Minute, ""}},
			[]string{"START_MET/IN_PROCESS", "DURATION_MET/MET", "END_MET/MET"}, state.SLAMet, state.SLAAllDone},
		{"start miss then end met", 20 * time.Minute, []step{{11 * time.Minute, ""}, {20 * time.Minute, ""}, {25 * time.Minute, runner.Succeeded}, {26 * time.Minute, ""}},
			[]string{"START_MISS/NOT_STARTED", "DURATION_MET/MET", "END_MET/MET"}, state.SLAMet, state.SLAAllDone},
		{"duration miss and end miss while running", -1, []step{{1 * time.Minute, ""}, {17 * time.Minute, ""}, {31 * time.Minute, ""}, {40 * time.Minute, runner.Succeeded}, {41 * time.Minute, ""}},
			[]string{"START_MET/IN_PROCESS", "DURATION_MISS/IN_PROCESS", "END_MISS/MISS"}, state.SLAMiss, state.SLAAllDone},
		{"failure is an end miss", -1, []step{{1 * time.Minute, ""}, {3 * time.Minute, runner.Failed}, {4 * time.Minute, ""}},
			[]string{"START_MET/IN_PROCESS", "DURATION_MET/MISS", "END_MISS/MISS"}, state.SLAMiss, state.SLAAllDone},
		{"never started", 24 * time.Hour, []step{{11 * time.Minute, ""}, {31 * time.Minute, ""}},
			// duration is decided when the action starts or ends
			[]string{"START_MISS/NOT_STARTED", "END_MISS/MISS"}, state.SLAMiss, state.SLAStartDone | state.SLAEndDone},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			nominal := now
			job := e.submitSLA(spec{Freq: 60, Start: nominal, End: nominal.Add(time.Hour)}, slaInfo)
			id := state.ActionID(job, 1)
			if tc.input < 0 {
				e.fs.touch(nominal)
			}
			e.tick()
			for _, s := range tc.steps {
				e.clock.Set(nominal.Add(s.at))
				if tc.input >= 0 && s.at >= tc.input {
					e.fs.touch(nominal)
				}
				if s.finish != "" {
					e.runner.finish(s.finish, id)
				}
				e.tick()
			}
			if diff := cmp.Diff(tc.want, e.slaEvents(id)); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			got, err := e.store.GetSLA(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != tc.status || got.EventProcessed != tc.done {
				t.Errorf("summary %s processed %d, want %s %d", got.Status, got.EventProcessed, tc.status, tc.done)
			}
			if got.ExpectedStart != nominal.Add(10*time.Minute) || got.ExpectedEnd != nominal.Add(30*time.Minute) || got.ExpectedDuration != 900000 ||
				got.AlertEvents != "START_MISS,END_MISS" || got.AlertContact != "ops@example.com" || got.NotificationMsg != "late: "+id || got.UpstreamApps != "ingest" {
				t.Errorf("registration %+v", got)
			}
		})
	}
}

// TestSLANextTick checks that a pending deadline bounds the next tick, so
// apply wakes up to report a miss on time.
func TestSLANextTick(t *testing.T) {
	e := newEnv(t)
	job := e.submitSLA(spec{Freq: 1440, Start: now, End: now.Add(time.Hour)}, slaInfo)
	next := e.tick() // the action waits for its input
	if want := now.Add(10*time.Minute + time.Second); next.After(want) {
		t.Errorf("next tick %v, want by %v (the expected start)", next, want)
	}
	_ = job
}

// TestSLA01 tracks an SLA 0.1 block (Oozie's older schema): should-end
// relative to nominal-time, app-name replacing the application name.
func TestSLA01(t *testing.T) {
	e := newEnv(t)
	sp := spec{Freq: 60, Start: now, End: now.Add(time.Hour)}
	xml := strings.Replace(sp.xml(), `xmlns="uri:oozie:coordinator:0.4"`, `xmlns="uri:oozie:coordinator:0.2" xmlns:sla="uri:oozie:sla:0.1"`, 1)
	xml = strings.Replace(xml, "</workflow></action>", `</workflow><sla:info>
<sla:app-name>legacy-app</sla:app-name>
<sla:nominal-time>${coord:nominalTime()}</sla:nominal-time>
<sla:should-start>${5 * MINUTES}</sla:should-start>
<sla:should-end>${2 * HOURS}</sla:should-end>
<sla:alert-contact>ops@example.com</sla:alert-contact>
<sla:dev-contact>dev@example.com</sla:dev-contact>
<sla:qa-contact>qa@example.com</sla:qa-contact>
<sla:se-contact>se@example.com</sla:se-contact>
</sla:info></action>`, 1)
	path := filepath.Join(e.dir, "coord-sla01.xml")
	if err := os.WriteFile(path, []byte(xml), 0o600); err != nil {
		t.Fatal(err)
	}
	res, diags := compiler.Load([]string{path}, compiler.Options{})
	if diags.HasErrors() {
		t.Fatalf("compile: %v", diags)
	}
	job, err := e.s.Submit(context.Background(), res.Project.Coordinators[0], Meta{AppPath: path})
	if err != nil {
		t.Fatal(err)
	}
	e.tick()
	e.clock.Set(now.Add(2*time.Hour + time.Minute))
	e.tick()
	id := state.ActionID(job, 1)
	// both deadlines passed at one check: both events carry its status
	if diff := cmp.Diff([]string{"START_MISS/MISS", "END_MISS/MISS"}, e.slaEvents(id)); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	got, _ := e.store.GetSLA(context.Background(), id)
	if got.AppName != "legacy-app" || got.ExpectedEnd != now.Add(2*time.Hour) || got.AlertEvents != "END_MISS" || got.AlertContact != "ops@example.com" {
		t.Errorf("registration %+v", got)
	}
}
