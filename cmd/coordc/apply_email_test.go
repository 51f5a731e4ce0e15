package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/runtime/mail/mailtest"
	"github.com/coordc/coordc/runtime/state"
)

// TestApplyEmail sends an email action's message through coordc apply to
// an in-process SMTP server given with --smtp: one message per coordinator
// action, with the evaluated subject.
func TestApplyEmail(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"coordinator.xml": `<coordinator-app name="mail" frequency="${coord:days(1)}"
    start="2024-01-01T00:00Z" end="2024-01-03T00:00Z" timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
  <action><workflow><app-path>wf</app-path>
    <configuration><property><name>day</name><value>${coord:formatTime(coord:nominalTime(), 'yyyy-MM-dd')}</value></property></configuration>
  </workflow></action>
</coordinator-app>
`,
		"wf/workflow.xml": `<workflow-app name="mail-wf" xmlns="uri:oozie:workflow:0.5">
  <start to="notify"/>
  <action name="notify">
    <email xmlns="uri:oozie:email-action:0.1">
      <to>ops@example.com</to>
      <subject>Report for ${day}</subject>
      <body>Done.</body>
    </email>
    <ok to="end"/>
    <error to="fail"/>
  </action>
  <kill name="fail"><message>${wf:errorMessage('notify')}</message></kill>
  <end name="end"/>
</workflow-app>
`})
	state := filepath.Join(dir, "state.db")
	stdout, stderr, code := coordc(t, "apply", "--until-done", "--state", state, "--poll-interval", "50ms", "--smtp", srv.Addr(), filepath.Join(dir, "coordinator.xml"))
	if code != exitOK {
		t.Fatalf("apply: exit %d\n%s%s", code, stdout, stderr)
	}
	var subjects []string
	for _, m := range srv.Messages() {
		for _, line := range strings.Split(m.Data, "\r\n") {
			if s, ok := strings.CutPrefix(line, "Subject: "); ok {
				subjects = append(subjects, s)
			}
		}
	}
	if strings.Join(subjects, "|") != "Report for 2024-01-01|Report for 2024-01-02" && strings.Join(subjects, "|") != "Report for 2024-01-02|Report for 2024-01-01" {
		t.Errorf("subjects %q, want one message per day", subjects)
	}
	checkAllSucceeded(t, state)
}

// checkAllSucceeded asserts that every coordinator action of the state
// file SUCCEEDED.
func checkAllSucceeded(t *testing.T, path string) {
	t.Helper()
	rep := statusOf(t, "--state", path)
	for _, j := range rep.Jobs {
		for _, a := range j.Actions {
			if a.Status != state.Succeeded {
				t.Errorf("job %s action %d ended %s", j.ID, a.Number, a.Status)
			}
		}
	}
}
