package storage

import (
	"os"
	"path/filepath"
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
