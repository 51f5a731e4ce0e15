package flinkfake

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseYAMLSubset(t *testing.T) {
	src := `openapi: 3.0.1
paths:
  /jars/{jarid}:
    delete:
      description: "String value that identifies a jar. When uploading the jar a\
        \ path is returned, \"quoted\"."
      summary: a plain scalar that
        continues here
      block: |-
        line one
          indented two
      parameters:
      - name: jarid
        required: true
        schema:
          $ref: '#/components/schemas/It''s'
      - plain item
      responses:
        "200":
          description: ok
      enum:
      - CLAIM
      - NO_CLAIM
      n: 42
      empty:
`
	got, err := parseYAML(src)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"openapi": "3.0.1",
		"paths": map[string]any{"/jars/{jarid}": map[string]any{"delete": map[string]any{
			"description": `String value that identifies a jar. When uploading the jar a path is returned, "quoted".`,
			"summary":     "a plain scalar that continues here",
			"block":       "line one\n  indented two",
			"parameters": []any{
				map[string]any{"name": "jarid", "required": true, "schema": map[string]any{"$ref": "#/components/schemas/It's"}},
				"plain item",
			},
			"responses": map[string]any{"200": map[string]any{"description": "ok"}},
			"enum":      []any{"CLAIM", "NO_CLAIM"},
			"n":         42.0,
			"empty":     nil,
		}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parse (-want +got):\n%s", diff)
	}
}

func TestParseYAMLRejectsOutsideTheSubset(t *testing.T) {
	for _, src := range []string{
		"a: 1\n  b: 2\n",
		"a: \"unterminated\n",
		"a: \"bad \\q escape\"\n",
		"a: 1\na: 2\n",
		"just text\n",
		"a:\n\t- x\n",
		"- \n",
	} {
		if _, err := parseYAML(src); err == nil {
			t.Errorf("parseYAML(%q) succeeded, want an error", src)
		}
	}
}

func TestCheckerFindsViolations(t *testing.T) {
	s := loadSpec(t, "rest_v1_dispatcher.yml")
	tests := []struct {
		schema, body string
		want         []string
	}{
		{"JobStatusInfo", `{"status":"RUNNING"}`, nil},
		{"JobStatusInfo", `{"status":"DONE"}`, []string{`$.status: "DONE" is not one of`}},
		{"JobStatusInfo", `{"status":"RUNNING","extra":1}`, []string{`$: member "extra" is not in schema JobStatusInfo`}},
		{"JarRunResponseBody", `{"jobid":"ABC"}`, []string{`$.jobid: "ABC" does not match [0-9a-f]{32}`}},
		{"ClusterOverviewWithVersion", `{"taskmanagers":1.5}`, []string{"$.taskmanagers: want an integer"}},
		{"ClusterOverviewWithVersion", `{"taskmanagers":4294967296}`, []string{"$.taskmanagers: 4.294967296e+09 overflows int32"}},
		{"JarListInfo", `{"files":{}}`, []string{"$.files: want an array"}},
		{"JarListInfo", `{"files":[{"entry":[{"name":1}]}]}`, []string{"$.files[0].entry[0].name: want a string"}},
		{"AsynchronousOperationResult", `{"status":{}}`, []string{`$.status: required member "id" missing`}},
		{"JobExceptionsInfoWithHistory", `{"exceptionHistory":{"truncated":"no"}}`, []string{"$.exceptionHistory.truncated: want a boolean"}},
		{"JarRunRequestBody", `{"flinkConfiguration":{"a":1}}`, []string{"$.flinkConfiguration.a: want a string"}},
		{"JobStatusInfo", `[]`, []string{"$: want an object"}},
	}
	for _, tt := range tests {
		var v any
		if err := json.Unmarshal([]byte(tt.body), &v); err != nil {
			t.Fatal(err)
		}
		got := s.check(map[string]any{"$ref": "#/components/schemas/" + tt.schema}, v, "$")
		if len(got) != len(tt.want) {
			t.Errorf("%s %s: got %q, want %d violations", tt.schema, tt.body, got, len(tt.want))
			continue
		}
		for i := range got {
			if !strings.HasPrefix(got[i], tt.want[i]) {
				t.Errorf("%s %s: violation %q, want prefix %q", tt.schema, tt.body, got[i], tt.want[i])
			}
		}
	}
}
