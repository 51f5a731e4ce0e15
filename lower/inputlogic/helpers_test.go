package inputlogic_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lower/inputlogic"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/hashicorp/hcl/v2"
)

// base is the root under which dataset x lives at base + "x/".
const base = "/data/"

// coordSpec describes a test coordinator: six hourly UTC datasets a..f and
// data-ins A..F over them.
type coordSpec struct {
	Initial  string            // initial instance of every dataset
	Nominal  string            // start = the first nominal time
	Ranges   map[string][2]int // data-in → current(start)..current(end); others use <instance>current(0)
	Latest   map[string]bool   // data-in → <instance>${coord:latest(0)}</instance>
	DoneFlag map[string]string // dataset → <done-flag> text
	Logic    string            // the <input-logic> element, or an element to wrap in one
	Props    map[string]string
	Config   map[string]string // action configuration
}

func (s coordSpec) xml() string {
	var b strings.Builder
	fmt.Fprintf(&b, `<coordinator-app xmlns="uri:oozie:coordinator:0.5" name="il" frequency="${coord:hours(1)}" start="%s" end="2014-10-09T00:00Z" timezone="UTC">`+"\n<datasets>\n", s.Nominal)
	for _, d := range "abcdef" {
		flag := ""
		if f, ok := s.DoneFlag[string(d)]; ok {
			flag = "<done-flag>" + f + "</done-flag>"
		}
		fmt.Fprintf(&b, `<dataset name="%c" frequency="${coord:hours(1)}" initial-instance="%s" timezone="UTC"><uri-template>file://%s%c/${YEAR}/${MONTH}/${DAY}/${HOUR}</uri-template>%s</dataset>`+"\n", d, s.Initial, base, d, flag)
	}
	b.WriteString("</datasets>\n<input-events>\n")
	for _, d := range "ABCDEF" {
		inst := "<instance>${coord:current(0)}</instance>"
		if r, ok := s.Ranges[string(d)]; ok {
			inst = fmt.Sprintf("<start-instance>${coord:current(%d)}</start-instance><end-instance>${coord:current(%d)}</end-instance>", r[0], r[1])
		}
		if s.Latest[string(d)] {
			inst = "<instance>${coord:latest(0)}</instance>"
		}
		fmt.Fprintf(&b, `<data-in name="%c" dataset="%c">%s</data-in>`+"\n", d, d+'a'-'A', inst)
	}
	b.WriteString("</input-events>\n")
	logic := strings.TrimSpace(s.Logic)
	if !strings.HasPrefix(logic, "<input-logic") {
		logic = "<input-logic>" + logic + "</input-logic>"
	}
	b.WriteString(logic + "\n<action><workflow><app-path>file:///apps/wf</app-path>")
	if len(s.Config) > 0 {
		b.WriteString("<configuration>")
		for _, k := range sortedKeys(s.Config) {
			fmt.Fprintf(&b, "<property><name>%s</name><value>%s</value></property>", k, s.Config[k])
		}
		b.WriteString("</configuration>")
	}
	b.WriteString("</workflow></action>\n</coordinator-app>\n")
	return b.String()
}

// load compiles the spec's coordinator; it returns the load diagnostics too.
func (s coordSpec) load(t testing.TB) (*ir.Coordinator, hcl.Diagnostics) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "coordinator.xml")
	if err := os.WriteFile(path, []byte(s.xml()), 0o600); err != nil {
		t.Fatal(err)
	}
	var defines []string
	for _, k := range sortedKeys(s.Props) {
		defines = append(defines, k+"="+s.Props[k])
	}
	res, diags := compiler.Load([]string{path}, compiler.Options{Defines: defines})
	if res == nil || len(res.Project.Coordinators) != 1 {
		t.Fatalf("load: %v", diags)
	}
	return res.Project.Coordinators[0], diags
}

// mustLoad compiles the spec and fails on any error.
func (s coordSpec) mustLoad(t testing.TB) *ir.Coordinator {
	t.Helper()
	c, diags := s.load(t)
	if diags.HasErrors() {
		t.Fatalf("load: %v", diags)
	}
	return c
}

// check materializes the action at the spec's nominal time and evaluates its
// logic with the given files existing (paths relative to base).
func (s coordSpec) check(t testing.TB, c *ir.Coordinator, existing []string, now time.Time) (inputlogic.Result, *inputlogic.Logic, map[string]inputlogic.Input) {
	t.Helper()
	l, diags := inputlogic.Compile(c)
	if diags.HasErrors() {
		t.Fatalf("compile: %v", diags)
	}
	act, diags := schedule.ActionAt(c, mustTime(t, s.Nominal), schedule.Options{})
	if diags.HasErrors() || act == nil {
		t.Fatalf("materialize: %v", diags)
	}
	inputs := schedule.LogicInputs(*act, *act)
	nt := mustTime(t, s.Nominal)
	res, err := inputlogic.Evaluate(l, inputs, inputlogic.Env{Exists: fsOf(existing), Nominal: nt, Created: nt, Now: now})
	if err != nil {
		t.Fatalf("evaluate: %v", err)
	}
	return res, l, inputs
}

// fsOf is an existence function over paths relative to base.
func fsOf(existing []string) func(string) (bool, error) {
	set := map[string]bool{}
	for _, p := range existing {
		set["file://"+base+p] = true
	}
	return func(p string) (bool, error) { return set[p], nil }
}

// rel strips the scheme and base from URIs and sorts them.
func rel(uris []string) []string {
	out := make([]string, 0, len(uris))
	for _, u := range uris {
		out = append(out, strings.TrimPrefix(u, "file://"+base))
	}
	sort.Strings(out)
	return out
}

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse("2006-01-02T15:04Z", s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
