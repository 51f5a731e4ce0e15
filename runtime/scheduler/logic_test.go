package scheduler

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/runtime/state"
	"github.com/google/go-cmp/cmp"
)

// logicXML is an hourly schema-0.5 coordinator starting at now with hourly
// datasets a, b, c under /a, /b, /c, data-ins A, B (current(-2)..current(0))
// and C (range given), the given <input-logic>, and the configuration
// property "in" = ${coord:dataIn('test')}.
func logicXML(logic, cRange string) string {
	var ds, ins strings.Builder
	for _, d := range "abc" {
		fmt.Fprintf(&ds, `<dataset name="%c" frequency="${coord:hours(1)}" initial-instance="2000-01-01T00:00Z" timezone="UTC"><uri-template>/%c/${YEAR}${MONTH}${DAY}${HOUR}</uri-template></dataset>`, d, d)
	}
	for _, d := range []string{"A", "B"} {
		fmt.Fprintf(&ins, `<data-in name="%s" dataset="%s"><start-instance>${coord:current(-2)}</start-instance><end-instance>${coord:current(0)}</end-instance></data-in>`, d, strings.ToLower(d))
	}
	fmt.Fprintf(&ins, `<data-in name="C" dataset="c">%s</data-in>`, cRange)
	return fmt.Sprintf(`<coordinator-app name="logic-job" xmlns="uri:oozie:coordinator:0.5" frequency="60" start="%s" end="%s" timezone="UTC">
<controls><timeout>120</timeout></controls>
<datasets>%s</datasets>
<input-events>%s</input-events>
%s
<action><workflow><app-path>/apps/wf</app-path><configuration>
<property><name>in</name><value>${coord:dataIn('test')}</value></property>
</configuration></workflow></action>
</coordinator-app>`, ft(now), ft(now.Add(time.Hour)), ds.String(), ins.String(), logic)
}

const cCurrent = `<start-instance>${coord:current(-2)}</start-instance><end-instance>${coord:current(0)}</end-instance>`

// submitLogic submits logicXML(logic, cRange) and returns the job ID or the
// Submit error.
func (e *env) submitLogic(logic, cRange string) (string, error) {
	e.t.Helper()
	path := filepath.Join(e.dir, "coordinator.xml")
	if err := os.WriteFile(path, []byte(logicXML(logic, cRange)), 0o600); err != nil {
		e.t.Fatal(err)
	}
	res, diags := compiler.Load([]string{path}, compiler.Options{})
	if diags.HasErrors() {
		e.t.Fatalf("compile: %v", diags)
	}
	return e.s.Submit(context.Background(), res.Project.Coordinators[0], Meta{AppPath: path})
}

// has makes the done-flags of dataset d's instances k hours before now exist.
func (e *env) has(d string, hoursBack ...int) {
	for _, h := range hoursBack {
		e.fs.mu.Lock()
		e.fs.paths["/"+d+"/"+now.Add(-time.Duration(h)*time.Hour).Format("2006010215")+"/_SUCCESS"] = true
		e.fs.mu.Unlock()
	}
}

// uris lists instance URIs of dataset d, k hours before now, in the order given.
func uris(d string, hoursBack ...int) string {
	var out []string
	for _, h := range hoursBack {
		out = append(out, "/"+d+"/"+now.Add(-time.Duration(h)*time.Hour).Format("2006010215"))
	}
	return strings.Join(out, ",")
}

// dataIn is the action's resolved "in" property, "" while it has none.
func (e *env) dataIn(job string) string {
	e.t.Helper()
	a := e.action(job, 1)
	if a.RunConf == "" {
		return ""
	}
	var conf map[string]string
	if err := json.Unmarshal([]byte(a.RunConf), &conf); err != nil {
		e.t.Fatal(err)
	}
	return conf["in"]
}

func TestInputLogicOrPriority(t *testing.T) {
	const logic = `<input-logic><or name="test"><data-in dataset="A"/><data-in dataset="B"/></or></input-logic>`
	for _, tc := range []struct {
		name    string
		a, b    []int
		want    string
		waiting bool
	}{
		{name: "both: A first", a: []int{0, 1, 2}, b: []int{0, 1, 2}, want: uris("a", 0, 1, 2)},
		{name: "only B", a: []int{0, 1}, b: []int{0, 1, 2}, want: uris("b", 0, 1, 2)},
		{name: "neither complete", a: []int{0}, b: []int{1, 2}, waiting: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			job, err := e.submitLogic(logic, cCurrent)
			if err != nil {
				t.Fatal(err)
			}
			e.has("a", tc.a...)
			e.has("b", tc.b...)
			e.tick()
			a := e.action(job, 1)
			if tc.waiting {
				if a.Status != state.Waiting || a.MissingDependencies != "/a/"+now.Add(-time.Hour).Format("2006010215")+"/_SUCCESS" {
					t.Errorf("status %s, missing %q; want WAITING on a's first missing instance", a.Status, a.MissingDependencies)
				}
				return
			}
			if diff := cmp.Diff(tc.want, e.dataIn(job)); diff != "" {
				t.Errorf("coord:dataIn('test') (-want +got):\n%s", diff)
			}
		})
	}
}

// TestInputLogicWait: A's wait keeps the or on A for 30 minutes after the
// nominal time although B is complete; then it falls through to B.
func TestInputLogicWait(t *testing.T) {
	e := newEnv(t)
	job, err := e.submitLogic(`<input-logic><or name="test"><data-in dataset="A" wait="30"/><data-in dataset="B"/></or></input-logic>`, cCurrent)
	if err != nil {
		t.Fatal(err)
	}
	e.has("a", 0)
	e.has("b", 0, 1, 2)
	e.tick()
	e.clock.Set(now.Add(29 * time.Minute))
	e.tick()
	if st := e.action(job, 1).Status; st != state.Waiting {
		t.Fatalf("at 29 min: %s, want WAITING", st)
	}
	e.clock.Set(now.Add(30 * time.Minute))
	e.tick()
	if diff := cmp.Diff(uris("b", 0, 1, 2), e.dataIn(job)); diff != "" {
		t.Errorf("at 30 min, coord:dataIn('test') (-want +got):\n%s", diff)
	}
}

// TestInputLogicMin: min=2 is met by 2 of 3 instances at once; with a wait
// the check keeps collecting until the wait elapses or all exist.
func TestInputLogicMin(t *testing.T) {
	e := newEnv(t)
	job, err := e.submitLogic(`<input-logic><data-in name="test" dataset="A" min="2"/></input-logic>`, cCurrent)
	if err != nil {
		t.Fatal(err)
	}
	e.has("a", 0, 2)
	e.tick()
	if diff := cmp.Diff(uris("a", 0, 2), e.dataIn(job)); diff != "" {
		t.Errorf("min=2 (-want +got):\n%s", diff)
	}

	e = newEnv(t)
	job, err = e.submitLogic(`<input-logic><data-in name="test" dataset="A" min="2" wait="20"/></input-logic>`, cCurrent)
	if err != nil {
		t.Fatal(err)
	}
	e.has("a", 0, 2)
	e.tick()
	e.clock.Set(now.Add(10 * time.Minute))
	e.tick()
	if st := e.action(job, 1).Status; st != state.Waiting {
		t.Fatalf("min met, wait running: %s, want WAITING", st)
	}
	e.has("a", 1)
	e.clock.Set(now.Add(11 * time.Minute))
	e.tick()
	if diff := cmp.Diff(uris("a", 0, 1, 2), e.dataIn(job)); diff != "" {
		t.Errorf("all found within the wait (-want +got):\n%s", diff)
	}
}

// TestInputLogicCombine: A's missing instance is taken from B at the same
// position.
func TestInputLogicCombine(t *testing.T) {
	e := newEnv(t)
	job, err := e.submitLogic(`<input-logic><combine name="test"><data-in dataset="A"/><data-in dataset="B"/></combine></input-logic>`, cCurrent)
	if err != nil {
		t.Fatal(err)
	}
	e.has("a", 0, 2)
	e.tick()
	if st := e.action(job, 1).Status; st != state.Waiting {
		t.Fatalf("position 1 missing everywhere: %s, want WAITING", st)
	}
	e.has("b", 1)
	e.clock.Set(now.Add(time.Minute))
	e.tick()
	want := uris("a", 0) + "," + uris("b", 1) + "," + uris("a", 2)
	if diff := cmp.Diff(want, e.dataIn(job)); diff != "" {
		t.Errorf("combine (-want +got):\n%s", diff)
	}
}

// TestSubmitValidatesInputLogic: combine problems are E1028 at Submit, with
// the position of the data-in at fault.
func TestSubmitValidatesInputLogic(t *testing.T) {
	const combine = `<input-logic><combine name="test"><data-in dataset="A"/><data-in dataset="C"/></combine></input-logic>`
	for _, tc := range []struct{ name, cRange, want string }{
		{"range length", `<start-instance>${coord:current(-1)}</start-instance><end-instance>${coord:current(0)}</end-instance>`, "combine mixes ranges of 3 and 2 instances"},
		{"latest", `<instance>${coord:latest(0)}</instance>`, `combine uses data-in "C" with latest/future instances`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			_, err := e.submitLogic(combine, tc.cRange)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "coordinator.xml:5,") {
				t.Errorf("Submit = %v, want %q at line 5", err, tc.want)
			}
		})
	}
}
