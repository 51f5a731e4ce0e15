package inputlogic_test

import (
	"errors"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lower/inputlogic"
	"github.com/google/go-cmp/cmp"
)

var nt = time.Date(2014, 10, 8, 0, 0, 0, 0, time.UTC)

// in is a data-in of n instances named x0, x1, … with done-flags x0/_SUCCESS….
func in(x string, n int) inputlogic.Input {
	var v inputlogic.Input
	for i := 0; i < n; i++ {
		u := x + string(rune('0'+i))
		v.URIs = append(v.URIs, u)
		v.Paths = append(v.Paths, u+"/_SUCCESS")
	}
	return v
}

func exists(paths ...string) func(string) (bool, error) {
	set := map[string]bool{}
	for _, p := range paths {
		set[p+"/_SUCCESS"] = true
	}
	return func(p string) (bool, error) { return set[p], nil }
}

func compileLogic(t *testing.T, logic string) *inputlogic.Logic {
	t.Helper()
	c := coordSpec{Initial: "2014-10-08T00:00Z", Nominal: "2014-10-08T00:00Z", Logic: logic}.mustLoad(t)
	l, diags := inputlogic.Compile(c)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return l
}

func TestEvaluate(t *testing.T) {
	three := map[string]inputlogic.Input{"A": in("a", 3), "B": in("b", 3), "C": in("c", 3), "D": in("d", 0)}
	for _, tc := range []struct {
		name     string
		logic    string
		inputs   map[string]inputlogic.Input
		existing []string
		after    time.Duration // now − nominal
		status   inputlogic.Status
		test     []string // coord:dataIn('test'); nil: not satisfied
		missing  string
	}{
		{name: "or: first true wins", logic: `<or name="test"><data-in dataset="A"/><data-in dataset="B"/></or>`,
			existing: []string{"a0", "a1", "a2", "b0", "b1", "b2"}, status: inputlogic.True, test: []string{"a0", "a1", "a2"}},
		{name: "or: waiting does not fall through", logic: `<or name="test"><data-in dataset="A" wait="10"/><data-in dataset="B"/></or>`,
			existing: []string{"b0", "b1", "b2"}, after: 9 * time.Minute, status: inputlogic.Waiting, missing: "a0/_SUCCESS"},
		{name: "or: wait elapsed falls through", logic: `<or name="test"><data-in dataset="A" wait="10"/><data-in dataset="B"/></or>`,
			existing: []string{"b0", "b1", "b2"}, after: 10 * time.Minute, status: inputlogic.True, test: []string{"b0", "b1", "b2"}},
		{name: "and: stops at first false", logic: `<and name="test"><data-in dataset="A"/><data-in dataset="B"/></and>`,
			existing: []string{"b0", "b1", "b2"}, status: inputlogic.False, missing: "a0/_SUCCESS"},
		{name: "and: URIs of the last operand first", logic: `<and name="test"><data-in dataset="A"/><data-in dataset="B"/></and>`,
			existing: []string{"a0", "a1", "a2", "b0", "b1", "b2"}, status: inputlogic.True, test: []string{"b0", "b1", "b2", "a0", "a1", "a2"}},
		{name: "and: a waiting operand before a true one is lost (Oozie)", logic: `<and name="test"><data-in dataset="A" min="1" wait="60"/><data-in dataset="B"/></and>`,
			existing: []string{"a0", "b0", "b1", "b2"}, status: inputlogic.True, test: []string{"b0", "b1", "b2", "a0"}},
		{name: "and: waiting last operand waits", logic: `<and><data-in dataset="B"/><data-in dataset="A" min="1" wait="60"/></and>`,
			existing: []string{"a0", "b0", "b1", "b2"}, status: inputlogic.Waiting, missing: "a1/_SUCCESS"},
		{name: "min met", logic: `<data-in name="test" dataset="A" min="2"/>`,
			existing: []string{"a0", "a2"}, status: inputlogic.True, test: []string{"a0", "a2"}},
		{name: "min not met", logic: `<data-in name="test" dataset="A" min="2"/>`,
			existing: []string{"a2"}, status: inputlogic.False, missing: "a0/_SUCCESS"},
		{name: "min=0 is always true, with no URIs", logic: `<data-in name="test" dataset="A" min="0"/>`,
			status: inputlogic.True, test: []string{}},
		// The root's min reaches B (true with 1 of 3), its wait does not
		// reach A (false at once); the named node is compiled without
		// either, so coord:dataIn('test') is not satisfied.
		{name: "min inherited, wait lost two levels down (parser bug)", logic: `<and wait="30" min="1"><or name="test"><data-in dataset="A"/><data-in dataset="B"/></or></and>`,
			existing: []string{"b1"}, after: time.Minute, status: inputlogic.True},
		{name: "no instances: false without min=0", logic: `<data-in name="test" dataset="D"/>`,
			status: inputlogic.False},
		{name: "combine fills by position", logic: `<combine name="test"><data-in dataset="A"/><data-in dataset="B"/></combine>`,
			existing: []string{"a0", "b1", "a2"}, status: inputlogic.True, test: []string{"a0", "b1", "a2"}},
		{name: "combine takes every later input that has the position", logic: `<combine name="test" min="1"><data-in dataset="A"/><data-in dataset="B"/><data-in dataset="C"/></combine>`,
			existing: []string{"a0", "b1", "c1"}, status: inputlogic.True, test: []string{"a0", "b1", "c1"}},
		{name: "combine: a hole everywhere", logic: `<combine name="test"><data-in dataset="A"/><data-in dataset="B"/></combine>`,
			existing: []string{"a0", "a2"}, status: inputlogic.False, missing: "a1/_SUCCESS"},
		{name: "wait counts whole minutes", logic: `<data-in name="test" dataset="A" wait="1"/>`,
			after: time.Minute - time.Millisecond, status: inputlogic.Waiting, missing: "a0/_SUCCESS"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := compileLogic(t, tc.logic)
			inputs := tc.inputs
			if inputs == nil {
				inputs = three
			}
			res, err := inputlogic.Evaluate(l, inputs, inputlogic.Env{Exists: exists(tc.existing...), Nominal: nt, Created: nt.Add(-time.Hour), Now: nt.Add(tc.after)})
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != tc.status || res.FirstMissing != tc.missing {
				t.Errorf("status %v, missing %q; want %v, %q", res.Status, res.FirstMissing, tc.status, tc.missing)
			}
			got, ok := res.Nodes["test"]
			if tc.test == nil {
				if ok {
					t.Errorf("test satisfied with %v", got)
				}
				return
			}
			if diff := cmp.Diff(tc.test, got); diff != "" {
				t.Errorf("dataIn(test) (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWaitPropagation: Oozie's parser passes min down every level but wait
// only one level (its getWait returns the node's own attribute).
func TestWaitPropagation(t *testing.T) {
	for _, tc := range []struct{ logic, want string }{
		{`<and wait="30"><data-in dataset="A"/><or><data-in dataset="B"/></or></and>`,
			`(dependencyBuilder.input("A").inputWait(30).build() && (dependencyBuilder.input("B").build()))`},
		{`<or min="2" wait="5"><combine><data-in dataset="A"/><data-in dataset="B"/></combine></or>`,
			`((dependencyBuilder.combine("A","B").min(2).build()))`},
		{`<and min="4"><or wait="7"><data-in dataset="A" min="-3"/></or></and>`,
			`((dependencyBuilder.input("A").inputWait(7).build()))`},
	} {
		if diff := cmp.Diff(tc.want, compileLogic(t, tc.logic).Root.Expr()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.logic, diff)
		}
	}
}

func TestPhaseTwo(t *testing.T) {
	l := compileLogic(t, `<or name="test"><data-in dataset="A" wait="10"/><data-in dataset="B"/></or>`)
	latest := inputlogic.Input{Latest: true, Unresolved: true}
	inputs := map[string]inputlogic.Input{"A": latest, "B": in("b", 1)}
	env := inputlogic.Env{Exists: exists("b0"), Nominal: nt, Created: nt, Now: nt}
	res, _ := inputlogic.Evaluate(l, inputs, env)
	if res.Status != inputlogic.Deferred || !res.Satisfied() {
		t.Errorf("phase one: %v, want DEFERRED", res.Status)
	}
	env.PhaseTwo = true
	if res, _ := inputlogic.Evaluate(l, inputs, env); res.Status != inputlogic.Waiting {
		t.Errorf("phase two, unresolved within the wait: %v, want WAITING", res.Status)
	}
	env.Now = nt.Add(10 * time.Minute)
	if res, _ := inputlogic.Evaluate(l, inputs, env); res.Status != inputlogic.True || !cmp.Equal(res.Nodes["test"], []string{"b0"}) {
		t.Errorf("phase two, wait elapsed: %v %v, want TRUE [b0]", res.Status, res.Nodes)
	}
	inputs["A"] = inputlogic.Input{URIs: []string{"a9"}, Paths: []string{"a9/_SUCCESS"}, Latest: true}
	if res, _ := inputlogic.Evaluate(l, inputs, env); !cmp.Equal(res.Nodes["test"], []string{"a9"}) {
		t.Errorf("phase two, resolved: %v, want [a9]", res.Nodes)
	}
}

func TestEvaluateErrors(t *testing.T) {
	l := compileLogic(t, `<combine min="1"><data-in dataset="A"/><data-in dataset="B"/></combine>`)
	_, err := inputlogic.Evaluate(l, map[string]inputlogic.Input{"A": in("a", 3), "B": in("b", 1)}, inputlogic.Env{Exists: exists()})
	if err == nil {
		t.Error("combine over a shorter range: no error")
	}
	boom := errors.New("boom")
	res, err := inputlogic.Evaluate(l, map[string]inputlogic.Input{"A": in("a", 1), "B": in("b", 1)},
		inputlogic.Env{Exists: func(string) (bool, error) { return false, boom }})
	if !errors.Is(err, boom) || res.FirstMissing != "a0/_SUCCESS" {
		t.Errorf("storage error: %v, missing %q", err, res.FirstMissing)
	}
	if res, err := inputlogic.Evaluate(nil, nil, inputlogic.Env{}); err != nil || !res.Satisfied() {
		t.Errorf("no logic: %v %v, want satisfied", res, err)
	}
}

func TestCompileErrors(t *testing.T) {
	for _, tc := range []struct{ logic, want string }{
		{`<combine><data-in dataset="A"/></combine>`, "Input-logic combine has 1 data-in(s)"},
		{`<data-in dataset="A" min="x"/>`, `Input-logic min "x" is not an integer`},
		{`<data-in dataset="A" wait="-5"/>`, `Input-logic wait "-5" is not a number of minutes`},
		{`<and><data-in name="n" dataset="A"/><data-in name="n" dataset="B"/></and>`, `Input-logic name "n" is used twice`},
		{`<or/>`, "Input-logic or has no operands"},
	} {
		c, _ := coordSpec{Initial: "2014-10-08T00:00Z", Nominal: "2014-10-08T00:00Z", Logic: tc.logic}.load(t)
		_, diags := inputlogic.Compile(c)
		if len(diags) == 0 || diags[0].Summary != tc.want || diags[0].Subject == nil || diags[0].Subject.Start.Line != 18 {
			t.Errorf("%s: got %v, want %q on line 18", tc.logic, diags, tc.want)
		}
	}
	if l, diags := inputlogic.Compile(&ir.Coordinator{}); l != nil || diags != nil {
		t.Errorf("no logic: %v %v", l, diags)
	}
}
