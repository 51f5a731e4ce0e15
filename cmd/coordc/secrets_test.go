package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler/redact"
)

// secretCoordinator passes a password, a token and a URL built from the
// password to its workflow.
const secretCoordinator = `<coordinator-app name="secret" frequency="${coord:days(1)}" start="2024-01-01T00:00Z" end="2024-01-03T00:00Z" timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
  <action>
    <workflow>
      <app-path>/apps/secret</app-path>
      <configuration>
        <property><name>db.password</name><value>${coord:conf('db.password')}</value></property>
        <property><name>jdbc.url</name><value>jdbc:pg://db/x?password=${coord:conf('db.password')}</value></property>
        <property><name>api.token</name><value>${apiToken}</value></property>
        <property><name>user</name><value>etl</value></property>
      </configuration>
    </workflow>
  </action>
</coordinator-app>
`

// TestPlanRedactsSecrets is the secrets bullet of issue 11: coordc plan
// printed db.password=hunter2 in text and JSON.
func TestPlanRedactsSecrets(t *testing.T) {
	dir := t.TempDir()
	def := filepath.Join(dir, "coordinator.xml")
	props := filepath.Join(dir, "job.properties")
	if err := os.WriteFile(def, []byte(secretCoordinator), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(props, []byte("db.password=hunter2\napiToken=tok-abcdef\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	snap := filepath.Join(dir, "plan.json")
	for _, format := range []string{"text", "markdown", "json"} {
		out, stderr, code := coordc(t, "plan", "--properties", props, "-o", format, "--out", snap, def)
		if code != exitOK {
			t.Fatalf("-o %s: exit %d\n%s", format, code, stderr)
		}
		snapshot, err := os.ReadFile(snap)
		if err != nil {
			t.Fatal(err)
		}
		for what, text := range map[string]string{"output": out, "snapshot": string(snapshot)} {
			if strings.Contains(text, "hunter2") || strings.Contains(text, "tok-abcdef") {
				t.Errorf("-o %s: the %s shows a secret:\n%s", format, what, text)
			}
		}
		if format != "markdown" && !strings.Contains(out, redact.Mask) {
			t.Errorf("-o %s: no %s in\n%s", format, redact.Mask, out)
		}
	}
	out, _, code := coordc(t, "plan", "--properties", props, "--show-secrets", def)
	if code != exitOK || !strings.Contains(out, "db.password=hunter2") || !strings.Contains(out, "password=hunter2") {
		t.Errorf("--show-secrets: exit %d\n%s", code, out)
	}
}

// TestApplyRedactsSecrets: a failing action that prints a secret property
// and fails with it in its kill message shows it nowhere: not in apply's
// log, status (text and JSON), logs, or the error directory.
func TestApplyRedactsSecrets(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"coordinator.xml": `<coordinator-app name="leaks" frequency="1440" start="2024-01-01T00:00Z" end="2024-01-02T00:00Z"
    timezone="UTC" xmlns="uri:oozie:coordinator:0.2"><action><workflow><app-path>wf</app-path>
    <configuration><property><name>db.password</name><value>${coord:conf('db.password')}</value></property></configuration>
    </workflow></action></coordinator-app>`,
		"wf/workflow.xml": `<workflow-app name="leaks-wf" xmlns="uri:oozie:workflow:0.4"><start to="boom"/>
  <action name="boom"><shell xmlns="uri:oozie:shell-action:0.2"><exec>/bin/sh</exec>
    <argument>-c</argument><argument>echo "pw ${wf:conf('db.password')}"; echo "pw ${wf:conf('db.password')}" &gt;&amp;2; exit 3</argument></shell>
    <ok to="end"/><error to="fail"/></action>
  <kill name="fail"><message>login with ${wf:conf('db.password')} failed</message></kill>
  <end name="end"/></workflow-app>`,
	})
	db, errDir := filepath.Join(dir, "state.db"), filepath.Join(dir, "errors")
	_, stderr, code := coordc(t, "apply", "--until-done", "--state", db, "--poll-interval", "50ms", "--log-level", "debug",
		"-D", "db.password=hunter2", "--error-dir", errDir, filepath.Join(dir, "coordinator.xml"))
	if code != exitProblems {
		t.Fatalf("exit %d, want %d\n%s", code, exitProblems, stderr)
	}
	texts := map[string]string{"apply log": stderr}
	for _, args := range [][]string{{"status"}, {"status", "-o", "json"}, {"logs", "0000001-leaks-C"}} {
		out, errOut, code := coordc(t, append(args, "--state", db)...)
		if code != exitOK {
			t.Fatalf("%v: exit %d\n%s", args, code, errOut)
		}
		texts[strings.Join(args, " ")] = out
	}
	filepath.WalkDir(errDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			texts[p] = string(data)
		}
		return err
	})
	if len(texts) < 6 {
		t.Fatalf("the error directory is incomplete: %v", texts)
	}
	for what, text := range texts {
		if strings.Contains(text, "hunter2") {
			t.Errorf("%s shows the secret:\n%s", what, text)
		}
	}
	if !strings.Contains(texts["status"], "login with "+redact.Mask+" failed") {
		t.Errorf("status:\n%s", texts["status"])
	}
	if out, _, _ := coordc(t, "logs", "0000001-leaks-C", "--state", db, "--show-secrets"); !strings.Contains(out, "pw hunter2") {
		t.Errorf("logs --show-secrets:\n%s", out)
	}
}
