package flink

import (
	"testing"

	"github.com/coordc/coordc/runtime/flink/flinkfake"
)

// TestJobsOverviewNames finds jobs by pipeline.name, on both release
// lines.
func TestJobsOverviewNames(t *testing.T) {
	for _, fl := range flavors {
		e := newEnv(t, flinkfake.Options{Flavor: fl})
		named, err := e.client.Submit(ctxT(t), testJar(t, "etl.jar", "com.example.Etl"),
			RunRequest{JobID: JobID("C@1", 0), FlinkConfiguration: map[string]string{"pipeline.name": "coordc:x:0:1"}})
		if err != nil {
			t.Fatal(err)
		}
		plain := e.submit(t, "C@2")
		jobs, err := e.client.JobsOverview(ctxT(t))
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]string{}
		for _, j := range jobs {
			if j.State == "" || j.StartTime <= 0 {
				t.Errorf("job %+v", j)
			}
			names[j.ID] = j.Name
		}
		if names[named.JobID] != "coordc:x:0:1" || names[plain] != "Flink Streaming Job" || len(names) != 2 {
			t.Errorf("%s: names %v", fl, names)
		}
	}
}
