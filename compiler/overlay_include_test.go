package compiler

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLoadOverlay: unsaved contents replace the disk's for the file named,
// its includes and the .coord.hcl files of its directory, and a file that
// exists only in the overlay is found.
func TestLoadOverlay(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ds := `<datasets><dataset name="%s" frequency="60" initial-instance="2024-01-01T00:00Z" timezone="UTC"><uri-template>hdfs://nn/x/${YEAR}</uri-template></dataset></datasets>`
	coord := `<coordinator-app name="c" frequency="60" start="2024-01-01T00:00Z" end="2024-01-02T00:00Z" timezone="UTC" xmlns="uri:oozie:coordinator:0.4">
<datasets><include>datasets.xml</include></datasets>
<input-events><data-in name="in" dataset="%s"><instance>${coord:current(0)}</instance></data-in></input-events>
<action><workflow><app-path>hdfs://nn/app</app-path></workflow></action></coordinator-app>`
	coordPath := write("coordinator.xml", fmt.Sprintf(coord, "disk"))
	dsPath := write("datasets.xml", fmt.Sprintf(ds, "disk"))
	overlay := map[string][]byte{coordPath: []byte(fmt.Sprintf(coord, "mem")), dsPath: []byte(fmt.Sprintf(ds, "mem"))}
	res, diags := Load([]string{coordPath}, Options{Overlay: overlay})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	c := res.Project.Coordinators[0]
	if c.Inputs[0].Dataset == nil || c.Inputs[0].Dataset.Name != "mem" || c.Inputs[0].Dataset.File != dsPath {
		t.Fatalf("data-in dataset: %+v", c.Inputs[0].Dataset)
	}
	if diff := cmp.Diff(overlay[dsPath], res.Sources[dsPath]); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}

	hcl := write("a.coord.hcl", `coordinator "a" {
  frequency = 60
  start     = "2024-01-01T00:00Z"
  end       = "2024-01-02T00:00Z"
  timezone  = "UTC"
  input "in" {
    dataset  = dataset.shared
    instance = coord::current(0)
  }
  workflow {
    app_path = "hdfs://nn/app"
  }
}
`)
	onlyInMemory := filepath.Join(dir, "b.coord.hcl")
	shared := `dataset "shared" {
  frequency        = 60
  initial_instance = "2024-01-01T00:00Z"
  timezone         = "UTC"
  uri_template     = "hdfs://nn/s/${YEAR}"
}
`
	res, diags = Load([]string{hcl}, Options{Overlay: map[string][]byte{onlyInMemory: []byte(shared)}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if in := res.Project.Coordinators[0].Inputs[0]; in.Dataset == nil || in.Dataset.File != onlyInMemory {
		t.Fatalf("HCL data-in dataset: %+v", in.Dataset)
	}
}
