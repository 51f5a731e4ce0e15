package lint

import (
	"fmt"
	"testing"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/google/go-cmp/cmp"
)

// TestWorkflowDiagnostics: a workflow with an action coordc cannot run
// (hive) is valid Oozie: no E0723, and its graph is still checked.
func TestWorkflowDiagnostics(t *testing.T) {
	src := `<workflow-app name="w" xmlns="uri:oozie:workflow:0.5">
  <start to="load"/>
  <action name="load">
    <hive xmlns="uri:oozie:hive-action:0.5"><script>load.q</script></hive>
    <ok to="ende"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>failed</message></kill>
  <end name="end"/>
</workflow-app>
`
	var got []string
	for _, d := range WorkflowDiagnostics("workflow.xml", []byte(src)) {
		got = append(got, fmt.Sprintf("%d:%d %s %s", d.Subject.Start.Line, d.Subject.Start.Column, diag.CodeOf(d), d.Summary))
	}
	want := []string{"5:13 E0708 Invalid transition, node [load] transition [ende]"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
