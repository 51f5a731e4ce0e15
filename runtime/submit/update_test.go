package submit

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/runtime/scheduler"
	"github.com/coordc/coordc/runtime/state"
)

const def = `<coordinator-app name="upd" frequency="${coord:hours(1)}" start="2030-01-01T00:00Z" end="2030-01-01T06:00Z" timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
  <action><workflow><app-path>/nowhere/wf</app-path>
    <configuration><property><name>q</name><value>${queue}</value></property></configuration>
  </workflow></action>
</coordinator-app>
`

// TestLoadUpdate: without properties the job's stored ones compile the
// new definition; given properties replace them; a file without the
// job's coordinator, an unknown job and definitions with errors are told
// apart.
func TestLoadUpdate(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := state.Open(filepath.Join(dir, "coordc.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	file := filepath.Join(dir, "coordinator.xml")
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("coordinator.xml", def)
	res, diags := compiler.Load([]string{file}, compiler.Options{Defines: []string{"queue=secret-slow", "db.password=hunter2"}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	s := &scheduler.Scheduler{Store: st}
	job, err := s.Submit(ctx, res.Project.Coordinators[0], scheduler.Meta{AppPath: file, Sources: AbsSources(res.Sources)})
	if err != nil {
		t.Fatal(err)
	}

	u, diags, err := LoadUpdate(ctx, st, job, "", compiler.Options{})
	if err != nil || diags.HasErrors() || u.File != file || u.Coord == nil {
		t.Fatalf("stored properties: %v %v %+v", err, diags, u)
	}
	if got := u.Result.Project.Params["queue"]; got != "secret-slow" {
		t.Errorf("queue = %q, want the stored secret-slow", got)
	}
	if got := SecretPolicy(u.Result.Project).Text("pw hunter2"); strings.Contains(got, "hunter2") {
		t.Errorf("the secret property is not masked: %q", got)
	}
	u, _, err = LoadUpdate(ctx, st, job, "", compiler.Options{Defines: []string{"queue=fast"}})
	if err != nil || u.Result.Project.Params["queue"] != "fast" || u.Result.Project.Params["db.password"] != "" {
		t.Errorf("given properties: %v %v", err, u.Result.Project.Params)
	}
	var diff strings.Builder
	if changed, err := u.Diff(ctx, s, &diff, 0); err != nil || !changed || !strings.Contains(diff.String(), "fast") {
		t.Errorf("diff: %v %v\n%s", changed, err, diff.String())
	}
	if err := u.Apply(ctx, s); err != nil {
		t.Errorf("apply: %v", err)
	}

	other := write("other.xml", strings.Replace(def, `name="upd"`, `name="other"`, 1))
	if _, _, err := LoadUpdate(ctx, st, job, other, compiler.Options{Defines: []string{"queue=x"}}); err == nil || !strings.Contains(err.Error(), `no coordinator named "upd"`) {
		t.Errorf("another coordinator: %v", err)
	}
	if _, _, err := LoadUpdate(ctx, st, "0000009-nope-C", "", compiler.Options{}); !errors.Is(err, state.ErrNotFound) {
		t.Errorf("unknown job: %v", err)
	}
	broken := write("broken.xml", strings.Replace(def, "</coordinator-app>", "", 1))
	if _, diags, err := LoadUpdate(ctx, st, job, broken, compiler.Options{Defines: []string{"queue=x"}}); err != nil || !diags.HasErrors() {
		t.Errorf("broken definition: %v %v", err, diags)
	}
}
