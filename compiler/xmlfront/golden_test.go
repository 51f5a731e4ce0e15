package xmlfront

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files of TestGolden")

// TestGolden parses testdata/golden/*.xml and compares a complete text dump
// of the File and diagnostics with the .golden file next to it.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/golden/*.xml")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			f, diags := Parse(filepath.Base(in), data)
			var b strings.Builder
			dump(&b, "File", reflect.ValueOf(f), 0)
			b.WriteString("Diagnostics:\n" + diagText(diags))
			got := b.String()
			goldenPath := strings.TrimSuffix(in, ".xml") + ".golden"
			if *update {
				if err := os.WriteFile(goldenPath, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(goldenPath)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("IR dump (-want +got):\n%s", diff)
			}
		})
	}
}

var rangeType = reflect.TypeOf(hcl.Range{})

// dump writes v as indented "name: value" lines; every field is printed,
// ranges compactly as line:col(byte).
func dump(b *strings.Builder, name string, v reflect.Value, depth int) {
	ind := strings.Repeat("  ", depth)
	switch {
	case v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer:
		if v.IsNil() {
			fmt.Fprintf(b, "%s%s: nil\n", ind, name)
			return
		}
		if v.Type().String() == "*time.Location" {
			fmt.Fprintf(b, "%s%s: %v\n", ind, name, v.Interface())
			return
		}
		dump(b, name, v.Elem(), depth)
	case v.Type() == rangeType:
		r := v.Interface().(hcl.Range)
		fmt.Fprintf(b, "%s%s: %s %d:%d(%d)-%d:%d(%d)\n", ind, name, r.Filename,
			r.Start.Line, r.Start.Column, r.Start.Byte, r.End.Line, r.End.Column, r.End.Byte)
	case v.Type().String() == "time.Time":
		fmt.Fprintf(b, "%s%s: %v\n", ind, name, v.Interface())
	case v.Kind() == reflect.Struct:
		fmt.Fprintf(b, "%s%s: %s\n", ind, name, v.Type().Name())
		for i := 0; i < v.NumField(); i++ {
			dump(b, v.Type().Field(i).Name, v.Field(i), depth+1)
		}
	case v.Kind() == reflect.Slice:
		fmt.Fprintf(b, "%s%s: [%d]\n", ind, name, v.Len())
		for i := 0; i < v.Len(); i++ {
			dump(b, fmt.Sprintf("[%d]", i), v.Index(i), depth+1)
		}
	case v.Kind() == reflect.Map:
		fmt.Fprintf(b, "%s%s: map[%d]\n", ind, name, v.Len())
		keys := v.MapKeys()
		strs := make([]string, len(keys))
		for i, k := range keys {
			strs[i] = fmt.Sprint(k.Interface())
		}
		for i := range keys {
			for j := i + 1; j < len(keys); j++ {
				if strs[j] < strs[i] {
					strs[i], strs[j] = strs[j], strs[i]
					keys[i], keys[j] = keys[j], keys[i]
				}
			}
		}
		for i, k := range keys {
			dump(b, strs[i], v.MapIndex(k), depth+1)
		}
	case v.Kind() == reflect.String:
		fmt.Fprintf(b, "%s%s: %q\n", ind, name, v.String())
	default:
		fmt.Fprintf(b, "%s%s: %v\n", ind, name, v.Interface())
	}
}
