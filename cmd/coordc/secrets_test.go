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
