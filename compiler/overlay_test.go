package compiler_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/google/go-cmp/cmp"
)

// TestOverlay loads a bundle that exists only in memory, whose entries name
// an in-memory coordinator (replacing nothing on disk), an on-disk
// coordinator directory whose coordinator.xml the overlay replaces, and a
// file on disk; the overlay's properties file is read too.
func TestOverlay(t *testing.T) {
	dir := t.TempDir()
	example, err := os.ReadFile("../testdata/examples/daily-logs/coordinator.xml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "ondisk"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ondisk", "coordinator.xml"), []byte("not xml"), 0o644); err != nil {
		t.Fatal(err)
	}
	renamed := strings.Replace(string(example), `name="daily-logs"`, `name="replaced"`, 1)
	bundle := `<bundle-app name="b" xmlns="uri:oozie:bundle:0.2">
  <coordinator name="mem"><app-path>` + filepath.Join(dir, "mem.xml") + `</app-path></coordinator>
  <coordinator name="dir"><app-path>` + filepath.Join(dir, "ondisk") + `</app-path></coordinator>
</bundle-app>`
	props, err := os.ReadFile("../testdata/examples/daily-logs/job.properties")
	if err != nil {
		t.Fatal(err)
	}
	overlay := map[string][]byte{
		"virtual/bundle.xml":                            []byte(bundle),
		filepath.Join(dir, "mem.xml"):                   example,
		filepath.Join(dir, "ondisk", "coordinator.xml"): []byte(renamed),
		"virtual/job.properties":                        props,
	}
	res, diags := compiler.Load([]string{"virtual/bundle.xml"}, compiler.Options{PropertiesFiles: []string{"virtual/job.properties"}, Overlay: overlay})
	if diags.HasErrors() || len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	var got []string
	for _, bc := range compiler.EnabledCoordinators(res.Project.Bundles[0]) {
		got = append(got, bc.Coordinator.Name.Value)
	}
	if diff := cmp.Diff([]string{"daily-logs", "replaced"}, got); diff != "" {
		t.Errorf("linked coordinators (-want +got):\n%s", diff)
	}
	for name := range overlay {
		if _, ok := res.Sources[name]; !ok {
			t.Errorf("Sources lacks %s as it was named", name)
		}
	}
}

// TestEnabledCoordinators follows Boolean.parseBoolean of the trimmed flag.
func TestEnabledCoordinators(t *testing.T) {
	example, err := filepath.Abs("../testdata/examples/daily-logs/coordinator.xml")
	if err != nil {
		t.Fatal(err)
	}
	var entries strings.Builder
	for i, flag := range []string{"", `enabled=" TRUE "`, `enabled="true"`, `enabled="false"`, `enabled="yes"`, `enabled="${off}"`} {
		entries.WriteString(`<coordinator name="c` + string(rune('0'+i)) + `" ` + flag + `><app-path>` + example + `</app-path></coordinator>`)
	}
	bundle := `<bundle-app name="b" xmlns="uri:oozie:bundle:0.2">` + entries.String() + `</bundle-app>`
	res, _ := compiler.Load([]string{"b.xml"}, compiler.Options{
		Overlay:         map[string][]byte{"b.xml": []byte(bundle)},
		PropertiesFiles: []string{"../testdata/examples/daily-logs/job.properties"},
	})
	var got []string
	for _, bc := range compiler.EnabledCoordinators(res.Project.Bundles[0]) {
		got = append(got, bc.Name.Value)
	}
	if diff := cmp.Diff([]string{"c0", "c1", "c2"}, got); diff != "" {
		t.Errorf("enabled entries (-want +got):\n%s", diff)
	}
}
