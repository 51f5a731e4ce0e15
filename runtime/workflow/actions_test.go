package workflow

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/xmlfront"
)

// TestRunnersMatchFrontEnd: every action type the definition front end
// accepts has a runner, and no runner is unreachable.
func TestRunnersMatchFrontEnd(t *testing.T) {
	var run []string
	for name := range runners {
		run = append(run, name)
	}
	sort.Strings(run)
	parsed := xmlfront.ActionTypes()
	sort.Strings(parsed)
	if diff := cmp.Diff(parsed, run); diff != "" {
		t.Errorf("front end vs runners (-parsed +run):\n%s", diff)
	}
}

// TestUnknownTypeNeverFallsThrough: an action whose type has no runner is
// an error at start, check and kill, never another type's code path.
func TestUnknownTypeNeverFallsThrough(t *testing.T) {
	e := New(nil)
	n := &ir.WorkflowNode{Name: "h", Type: "hive", Action: &ir.WorkflowAction{}}
	if _, err := e.checkAction(context.Background(), &jobRow{}, &ir.Workflow{}, n, &actionRow{}); err == nil || !strings.Contains(err.Error(), `type "hive"`) {
		t.Errorf("check: %v", err)
	}
	if err := e.startAction(context.Background(), &jobRow{}, &ir.Workflow{}, n, &actionRow{}); err == nil || !strings.Contains(err.Error(), `type "hive"`) {
		t.Errorf("start: %v", err)
	}
}
