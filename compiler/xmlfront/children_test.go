package xmlfront

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestChildren(t *testing.T) {
	for _, tc := range []struct {
		ns   string
		path []string
		want []string
	}{
		{"uri:oozie:coordinator:0.1", []string{"coordinator-app", "controls"}, []string{"timeout", "concurrency", "execution"}},
		{"uri:oozie:coordinator:0.4", []string{"coordinator-app", "controls"}, []string{"timeout", "concurrency", "execution", "throttle"}},
		{"uri:oozie:coordinator:0.4", []string{"coordinator-app", "datasets", "dataset"}, []string{"uri-template", "done-flag"}},
		{"", []string{"datasets"}, []string{"include", "dataset", "async-dataset"}},
		{"uri:oozie:bundle:0.2", []string{"bundle-app", "coordinator"}, []string{"app-path", "configuration"}},
		{"uri:oozie:coordinator:0.4", nil, []string{"coordinator-app", "datasets"}},
		{"uri:oozie:coordinator:0.4", []string{"coordinator-app", "nope"}, nil},
		{"uri:oozie:workflow:0.5", []string{"workflow-app"}, nil},
	} {
		if diff := cmp.Diff(tc.want, Children(tc.ns, tc.path)); diff != "" {
			t.Errorf("Children(%q, %q) (-want +got):\n%s", tc.ns, tc.path, diff)
		}
	}
}
