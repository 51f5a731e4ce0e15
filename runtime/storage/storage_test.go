package storage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLocalExists(t *testing.T) {
	dir := t.TempDir()
	flag := filepath.Join(dir, "_SUCCESS")
	if err := os.WriteFile(flag, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		uri     string
		want    bool
		wantErr bool
	}{
		"plain path present": {uri: flag, want: true},
		"file URI present":   {uri: "file://" + flag, want: true},
		"plain path missing": {uri: filepath.Join(dir, "nope")},
		"directory present":  {uri: dir, want: true},
		"hdfs is not local":  {uri: "hdfs://nn:8020/data", wantErr: true},
		"file localhost":     {uri: "file://localhost" + flag, want: true},
		"file one slash":     {uri: "file:" + flag, want: true},
		"FILE upper case":    {uri: "FILE://" + flag, want: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := Local{}.Exists(tc.uri)
			if (err != nil) != tc.wantErr {
				t.Fatalf("Exists(%q) error = %v, want error %v", tc.uri, err, tc.wantErr)
			}
			if got != tc.want {
				t.Errorf("Exists(%q) = %v, want %v", tc.uri, got, tc.want)
			}
		})
	}
}

// TestLocalPathFileURIs is finding F6 of issue 11: file://host/p was read
// as the relative path host/p, so an fs delete of file://victim/sub
// deleted ./victim/sub.
func TestLocalPathFileURIs(t *testing.T) {
	for uri, want := range map[string]string{
		"file:///data/x": "/data/x", "file://localhost/data/x": "/data/x", "file://LOCALHOST/d": "/d",
		"file:/data/x": "/data/x", "file:///": "/", "file://": "/", "/plain": "/plain", "rel/plain": "rel/plain",
	} {
		got, err := LocalPath(uri)
		if err != nil || got != want {
			t.Errorf("LocalPath(%q) = %q, %v; want %q", uri, got, err, want)
		}
	}
	for uri, want := range map[string]string{
		"file://victim/sub":  `authority must be empty or localhost, not "victim"`,
		"file://host:8020/p": `not "host:8020"`,
		"file:relative/p":    "needs an absolute path",
		"file:":              "needs an absolute path",
		"s3://bucket/k":      "the s3:// scheme is not supported",
	} {
		if got, err := LocalPath(uri); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("LocalPath(%q) = %q, %v; want an error with %q", uri, got, err, want)
		}
	}
}
