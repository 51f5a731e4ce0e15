package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseAppPath(t *testing.T) {
	tests := []struct {
		in     string
		dirs   []string
		name   string
		usable bool
	}{
		{"hdfs://nn:8020/user/etl/apps/daily", []string{"user", "etl", "apps", "daily"}, "coordinator.xml", true},
		{"${nameNode}/user/${user.name}/apps/daily/", []string{"apps", "daily"}, "coordinator.xml", true},
		{"/apps/daily/my-coord.xml", []string{"apps", "daily"}, "my-coord.xml", true},
		{"${appPath}", nil, "", false},
		{"hdfs://nn:8020/", nil, "", false},
		{"coord.xml", nil, "", false},
	}
	for _, tc := range tests {
		a, ok := parseAppPath(tc.in, "coordinator.xml")
		if ok != tc.usable {
			t.Errorf("parseAppPath(%q) ok = %v, want %v", tc.in, ok, tc.usable)
			continue
		}
		if !ok {
			continue
		}
		if d := cmp.Diff(tc.dirs, a.dirs); d != "" || a.name != tc.name {
			t.Errorf("parseAppPath(%q) = %v %q, want %v %q", tc.in, a.dirs, a.name, tc.dirs, tc.name)
		}
	}
}
