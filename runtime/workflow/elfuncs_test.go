package workflow

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/wfapp"
	"github.com/coordc/coordc/schemas"
)

// evalText parses and evaluates one template against a fixed state.
func evalText(t *testing.T, text string) (string, string) {
	t.Helper()
	cat, err := wfapp.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	tmpl, diags := el.ParseTemplate(el.Plain("t", text, hclStart))
	diags = append(diags, wfapp.CheckTemplate(tmpl, cat)...)
	if diags.HasErrors() {
		return "", render(diags)[0]
	}
	s := &evalState{catalog: cat, wfName: "app", now: epoch,
		job: &jobRow{id: "J-W1", appPath: "/apps/x", user: "ann", run: 1, conf: map[string]string{"a": "1", "group.name": "g", "KB": "shadowed"}},
		nodes: map[string]*actionRow{
			"sh":  {name: "sh", status: "OK", transition: "next", externalID: "pid:1:2", externalStatus: "SUCCEEDED", data: map[string]string{"k": "v", "n": "7"}},
			"bad": {name: "bad", status: "ERROR", errorCode: "3", errorMessage: "boom", end: "2025-01-01T00:00:02Z"},
			"old": {name: "old", status: "ERROR", errorCode: "1", errorMessage: "x", end: "2025-01-01T00:00:01Z"},
			"ok2": {name: "ok2", status: "OK", errorCode: "ignored"},
		}}
	v, diags := s.evaluate(tmpl)
	if diags.HasErrors() {
		return "", render(diags)[0]
	}
	return v, ""
}

func TestWorkflowFunctions(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), []byte("12345"), 0o644)
	tests := map[string]string{
		"${wf:id()}|${wf:name()}|${wf:appPath()}|${wf:user()}|${wf:group()}|${wf:run()}":                  "J-W1|app|/apps/x|ann|g|1",
		"${wf:conf('a')}|${wf:conf('zz')}|${a}":                                                           "1||1",
		"${KB * 2}|${GB / MB}":                                                                            "2048|1024.0",
		"${wf:transition('sh')}|${wf:transition('nope')}":                                                 "next|",
		"${wf:actionExternalId('sh')}|${wf:actionExternalStatus('sh')}":                                   "pid:1:2|SUCCEEDED",
		"${wf:errorCode('bad')}|${wf:errorMessage('bad')}|${wf:errorCode('ok2')}":                         "3|boom|",
		"${wf:lastErrorNode()}":                                                                           "bad",
		"${wf:actionData('sh')['k']}|${wf:actionData('sh').n + 1}|${wf:actionData('sh')['none'] == null}": "v|8|true",
		"${wf:actionData('sh')}|${wf:actionData('zz')}":                                                   "{k=v, n=7}|{}",
		"${concat('a', 'b')}|${trim('  x ')}|${firstNotNull('', 'y')}|${urlEncode('a b&c')}":              "ab|x|y|a+b%26c",
		"${replaceAll('a1b22', '([0-9]+)', '<$1>')}|${appendAll('a,b', '/x', ',')}":                       "a<1>b<22>|a/x,b/x",
		"${timestamp()}": "2025-03-30T01:00:00.000Z",
		"${fs:exists('" + dir + "/f')}|${fs:exists('file://" + dir + "/nope')}|${fs:isDir('" + dir + "')}": "true|false|true",
		"${fs:fileSize('" + dir + "/f')}|${fs:fileSize('" + dir + "')}|${fs:dirSize('" + dir + "')}":       "5|-1|5",
	}
	for in, want := range tests {
		got, err := evalText(t, in)
		if err != "" || got != want {
			t.Errorf("%s = %q (%s), want %q", in, got, err, want)
		}
	}
}

func TestWorkflowFunctionErrors(t *testing.T) {
	tests := map[string]string{
		"${coord:current(0)}":        "1:3 error EL002 Unknown EL function coord:current in a workflow",
		"${wf:confg('a')}":           "1:3 error EL002 Unknown EL function wf:confg in a workflow",
		"${wf:id(1)}":                "1:3 error EL003 Wrong number of arguments for wf:id",
		"${undefinedVar}":            "1:3 error EL005 variable [undefinedVar] cannot be resolved",
		"${fs:exists('hdfs://n/x')}": "1:3 error EL006 Error in fs:exists: hdfs://n/x: no WebHDFS endpoint is configured; pass --webhdfs URL, set COORDC_WEBHDFS, or add a runtime { webhdfs { … } } block to .coordc.hcl",
	}
	for in, want := range tests {
		if _, err := evalText(t, in); err != want {
			t.Errorf("%s: %q, want %q", in, err, want)
		}
	}
}

// TestCatalogSection checks the workflow section of the EL catalog: every
// entry is implemented and every implementation is listed.
func TestCatalogSection(t *testing.T) {
	cat, err := wfapp.DecodeCatalog(schemas.ELFunctionsJSON())
	if err != nil {
		t.Fatal(err)
	}
	s := &evalState{catalog: cat, job: &jobRow{}}
	impl := s.funcs()
	var listed, implemented []string
	for name, f := range cat.Funcs {
		listed = append(listed, name)
		if f.Doc == "" || f.Result == "" {
			t.Errorf("%s: incomplete entry", name)
		}
	}
	for name := range impl {
		if name != wfapp.ActionDataKey {
			implemented = append(implemented, name)
		}
	}
	less := func(a, b string) bool { return a < b }
	if diff := cmp.Diff(listed, implemented, cmpSort(less)); diff != "" {
		t.Errorf("catalog vs implementations (-listed +implemented):\n%s", diff)
	}
	for _, bad := range []string{`{`, `{"workflow":{"groups":{}}}`, `{"workflow":{"groups":{"workflow":{"constants":{"A":"x"}}}}}`,
		`{"workflow":{"groups":{"workflow":{}},"functions":[{"name":"f","groups":{"workflow":"echo"}}]}}`,
		`{"workflow":{"groups":{"workflow":{}},"functions":[{"name":"f","groups":{"workflow":"real"}},{"name":"f","groups":{"workflow":"real"}}]}}`} {
		if _, err := wfapp.DecodeCatalog([]byte(bad)); err == nil {
			t.Errorf("DecodeCatalog(%s) succeeded", bad)
		}
	}
}

func TestCapture(t *testing.T) {
	got, err := parseCapture("stdout", []byte("# comment\na=1\nb = two words\nc:3\n"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"a": "1", "b": "two words", "c": "3"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := parseCapture("stdout", []byte(strings.Repeat("k=v\n", 513))); err == nil ||
		!strings.HasPrefix(err.Error(), "Output data size [2052] exceeds maximum [2048]") {
		t.Errorf("oversized output: %v", err)
	}
	if _, err := parseCapture("stdout", []byte(strings.Repeat("k=v\n", 512))); err != nil {
		t.Errorf("2048 bytes: %v", err)
	}
}
