package compiler_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/google/go-cmp/cmp"
)

// TestBundleLinksCoordinators loads a bundle whose entries name the same
// coordinator as XML, as HCL and as a directory, each with its own window.
func TestBundleLinksCoordinators(t *testing.T) {
	example, err := filepath.Abs("../testdata/examples/daily-logs")
	if err != nil {
		t.Fatal(err)
	}
	bundle := `<bundle-app name="b" xmlns="uri:oozie:bundle:0.2">
  <coordinator name="xml"><app-path>` + filepath.Join(example, "coordinator.xml") + `</app-path></coordinator>
  <coordinator name="hcl"><app-path>file://` + filepath.Join(example, "coordinator.coord.hcl") + `</app-path>
    <configuration><property><name>start</name><value>2009-03-05T08:00Z</value></property></configuration>
  </coordinator>
  <coordinator name="dir" enabled="false"><app-path>` + example + `</app-path></coordinator>
  <coordinator name="remote"><app-path>hdfs://nn:8020/apps/x</app-path></coordinator>
</bundle-app>`
	path := filepath.Join(t.TempDir(), "bundle.xml")
	if err := os.WriteFile(path, []byte(bundle), 0o644); err != nil {
		t.Fatal(err)
	}
	res, diags := compiler.Load([]string{path}, compiler.Options{PropertiesFiles: []string{filepath.Join(example, "job.properties")}})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	type entry struct {
		Linked bool
		Start  string
	}
	got := map[string]entry{}
	for _, bc := range res.Project.Bundles[0].Coordinators {
		e := entry{Linked: bc.Coordinator != nil}
		if e.Linked {
			e.Start = bc.Coordinator.Start.Text.Value
		}
		got[bc.Name.Value] = e
	}
	want := map[string]entry{
		"xml":    {true, "2009-03-01T08:00Z"},
		"hcl":    {true, "2009-03-05T08:00Z"},
		"dir":    {true, "2009-03-01T08:00Z"},
		"remote": {false, ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestBundleDuplicateNames: the second coordinator of a name is E0803 at
// its name, and the detail says where the first is.
func TestBundleDuplicateNames(t *testing.T) {
	bundle := `<bundle-app name="b" xmlns="uri:oozie:bundle:0.2">
  <coordinator name="x"><app-path>hdfs://nn:8020/apps/x</app-path></coordinator>
  <coordinator name="x"><app-path>hdfs://nn:8020/apps/y</app-path></coordinator>
</bundle-app>`
	path := filepath.Join(t.TempDir(), "bundle.xml")
	if err := os.WriteFile(path, []byte(bundle), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags := compiler.Load([]string{path}, compiler.Options{})
	var got []string
	for _, d := range diags {
		if d.Summary == `Duplicate coordinator name "x" in bundle` {
			got = append(got, fmt.Sprintf("%d:%d %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Detail))
		}
	}
	want := []string{fmt.Sprintf(`3:22 Each coordinator of a bundle needs its own name; the first "x" is at %s:2:22.`, path)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
