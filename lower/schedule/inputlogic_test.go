package schedule_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/lower/schedule"
	"github.com/google/go-cmp/cmp"
)

const logicCoord = `<coordinator-app xmlns="uri:oozie:coordinator:0.5" name="il" frequency="60" start="2024-05-01T12:00Z" end="2024-05-01T13:00Z" timezone="UTC">
<datasets>
<dataset name="a" frequency="60" initial-instance="2024-01-01T00:00Z" timezone="UTC"><uri-template>/a/${YEAR}${MONTH}${DAY}${HOUR}</uri-template></dataset>
<dataset name="b" frequency="60" initial-instance="2024-01-01T00:00Z" timezone="UTC"><uri-template>/b/${YEAR}${MONTH}${DAY}${HOUR}</uri-template></dataset>
</datasets>
<input-events>
<data-in name="A" dataset="a"><instance>${coord:current(0)}</instance></data-in>
<data-in name="B" dataset="b"><start-instance>${coord:current(-1)}</start-instance><end-instance>${coord:current(0)}</end-instance></data-in>
</input-events>
<input-logic><or name="either"><data-in dataset="A"/><data-in dataset="B"/><data-in dataset="A"/></or></input-logic>
<action><workflow><app-path>/apps/wf</app-path><configuration>
<property><name>logic</name><value>${coord:dataIn('either')}</value></property>
<property><name>plain</name><value>${coord:dataIn('B')}</value></property>
</configuration></workflow></action>
</coordinator-app>`

// TestDataInOfLogicNode: the planner lists every candidate URI of a named
// node; the runtime passes what satisfied it, and an unsatisfied node is
// echoed as Oozie does. Data-in names keep their own URIs.
func TestDataInOfLogicNode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "coord.xml")
	if err := os.WriteFile(path, []byte(logicCoord), 0o600); err != nil {
		t.Fatal(err)
	}
	res, diags := compiler.Load([]string{path}, compiler.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	c := res.Project.Coordinators[0]
	nt := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		nodes map[string][]string
		want  []schedule.Property
	}{
		{"planner", nil, []schedule.Property{{Name: "logic", Value: "/a/2024050112,/b/2024050112,/b/2024050111"}, {Name: "plain", Value: "/b/2024050112,/b/2024050111"}}},
		{"satisfied", map[string][]string{"either": {"/b/2024050112"}}, []schedule.Property{{Name: "logic", Value: "/b/2024050112"}, {Name: "plain", Value: "/b/2024050112,/b/2024050111"}}},
		{"not satisfied", map[string][]string{}, []schedule.Property{{Name: "logic", Value: "${coord:dataIn('either')}"}, {Name: "plain", Value: "/b/2024050112,/b/2024050111"}}},
	} {
		act, diags := schedule.ActionAt(c, nt, schedule.Options{InputLogic: tc.nodes})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		if diff := cmp.Diff(tc.want, act.Configuration); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
		in := schedule.LogicInputs(*act, *act)
		if diff := cmp.Diff([]string{"/b/2024050112/_SUCCESS", "/b/2024050111/_SUCCESS"}, in["B"].Paths); diff != "" {
			t.Errorf("LogicInputs B paths (-want +got):\n%s", diff)
		}
	}
}
