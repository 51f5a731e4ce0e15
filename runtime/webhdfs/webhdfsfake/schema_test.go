package webhdfsfake

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// schemaErrors checks v against a draft-03 JSON schema of the WebHDFS
// doc: type, enum, properties with required, items. It also reports keys
// the schema does not list, which the caller judges.
func schemaErrors(schema map[string]any, v any, at string, extra *[]string) []string {
	var errs []string
	if typ, ok := schema["type"].(string); ok && !hasType(strings.ToLower(typ), v) {
		return []string{fmt.Sprintf("%s: %v is not of type %s", at, v, typ)}
	}
	if enum, ok := schema["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == v
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v is not one of %v", at, v, enum))
		}
	}
	if props, ok := schema["properties"].(map[string]any); ok {
		obj, isObj := v.(map[string]any)
		if !isObj {
			return append(errs, fmt.Sprintf("%s: %v is not an object", at, v))
		}
		for name, ps := range props {
			p := ps.(map[string]any)
			val, present := obj[name]
			if !present {
				if p["required"] == true {
					errs = append(errs, fmt.Sprintf("%s: required key %q is missing", at, name))
				}
				continue
			}
			errs = append(errs, schemaErrors(p, val, at+"."+name, extra)...)
		}
		for name := range obj {
			if _, known := props[name]; !known {
				*extra = append(*extra, at+"."+name)
			}
		}
	}
	if items, ok := schema["items"].(map[string]any); ok {
		for i, item := range v.([]any) {
			errs = append(errs, schemaErrors(items, item, fmt.Sprintf("%s[%d]", at, i), extra)...)
		}
	}
	return errs
}

func hasType(typ string, v any) bool {
	switch typ {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == math.Trunc(f)
	case "number":
		_, ok := v.(float64)
		return ok
	}
	return false
}

// schema returns a parsed schema from webhdfs-json-schemas.json.
func schema(t *testing.T, all map[string]any, name string) map[string]any {
	t.Helper()
	s, ok := all["schemas"].(map[string]any)[name].(map[string]any)
	if !ok {
		t.Fatalf("schema %q not in the reference", name)
	}
	for _, k := range []string{"parsed_strict", "parsed_normalized"} {
		if p, ok := s[k].(map[string]any); ok {
			return p
		}
	}
	t.Fatalf("schema %q has no parsed form", name)
	return nil
}

// TestResponsesMatchSchemas validates every JSON shape the fake sends
// against the doc's schemas, and FileStatus keys against the keys Hadoop's
// JsonUtil emits, so the fake cannot drift into a private dialect.
func TestResponsesMatchSchemas(t *testing.T) {
	schemas := loadRef(t, "webhdfs-json-schemas.json")
	behavior := loadRef(t, "webhdfs-server-behavior.json")
	emitted := behavior["filestatus_fields_emitted"].(map[string]any)
	allowed := map[string]bool{}
	var always []string
	for _, k := range emitted["always"].([]any) {
		allowed[k.(string)] = true
		always = append(always, k.(string))
	}
	for k := range emitted["conditional"].(map[string]any) {
		allowed[k] = true
	}

	s := newTestServer(t, Options{NameNodes: 2, ListLimit: 1})
	cases := []struct {
		name, method, url, schema string
		status                    int
	}{
		{"GETFILESTATUS file", "GET", nn(s, "/data/a.txt", "GETFILESTATUS", ""), "FileStatus JSON Schema", 200},
		{"GETFILESTATUS dir", "GET", nn(s, "/data", "GETFILESTATUS", ""), "FileStatus JSON Schema", 200},
		{"LISTSTATUS dir", "GET", nn(s, "/data", "LISTSTATUS", ""), "FileStatuses JSON Schema", 200},
		{"LISTSTATUS file", "GET", nn(s, "/data/a.txt", "LISTSTATUS", ""), "FileStatuses JSON Schema", 200},
		{"LISTSTATUS_BATCH", "GET", nn(s, "/data", "LISTSTATUS_BATCH", ""), "DirectoryListing JSON Schema", 200},
		{"GETHOMEDIRECTORY", "GET", nn(s, "/", "GETHOMEDIRECTORY", "user.name=alice"), "Path JSON Schema", 200},
		{"MKDIRS", "PUT", nn(s, "/data/new", "MKDIRS", "user.name=hdfs"), "Boolean JSON Schema", 200},
		{"RENAME", "PUT", nn(s, "/data/new", "RENAME", "destination=/data/new2&user.name=hdfs"), "Boolean JSON Schema", 200},
		{"DELETE", "DELETE", nn(s, "/data/new2", "DELETE", "user.name=hdfs"), "Boolean JSON Schema", 200},
		{"FileNotFoundException", "GET", nn(s, "/nope", "GETFILESTATUS", ""), "RemoteException JSON Schema", 404},
		{"AccessControlException", "PUT", nn(s, "/data/x", "MKDIRS", "user.name=bob"), "RemoteException JSON Schema", 403},
		{"IllegalArgumentException", "PUT", nn(s, "/data/x", "MKDIRS", "permission=999"), "RemoteException JSON Schema", 400},
		{"StandbyException", "GET", s.NameNodeURLs()[1] + "/webhdfs/v1/data?op=GETFILESTATUS", "RemoteException JSON Schema", 403},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := raw(t, s, tc.method, tc.url, "")
			if r.status != tc.status {
				t.Fatalf("status = %d, want %d; body %s", r.status, tc.status, r.body)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", ct)
			}
			var extra []string
			v := r.json(t)
			for _, e := range schemaErrors(schema(t, schemas, tc.schema), v, "$", &extra) {
				t.Error(e)
			}
			checkStatuses(t, v, always, allowed, extra)
		})
	}
}

// checkStatuses finds every FileStatus object in v: each must carry the
// always-emitted keys and only keys Hadoop emits. Extra keys outside
// FileStatus objects are errors.
func checkStatuses(t *testing.T, v map[string]any, always []string, allowed map[string]bool, extra []string) {
	t.Helper()
	var statuses []map[string]any
	if fs, ok := v["FileStatus"].(map[string]any); ok {
		statuses = append(statuses, fs)
	}
	list := v["FileStatuses"]
	if dl, ok := v["DirectoryListing"].(map[string]any); ok {
		pl, ok := dl["partialListing"].(map[string]any)
		if !ok {
			t.Fatalf("partialListing is %v, want a FileStatuses object", dl["partialListing"])
		}
		list = pl["FileStatuses"]
	}
	if l, ok := list.(map[string]any); ok {
		for _, e := range l["FileStatus"].([]any) {
			statuses = append(statuses, e.(map[string]any))
		}
	}
	for _, st := range statuses {
		for _, k := range always {
			if _, ok := st[k]; !ok {
				t.Errorf("FileStatus %v lacks %q, which the NameNode always emits", st, k)
			}
		}
		for k := range st {
			if !allowed[k] {
				t.Errorf("FileStatus key %q is not one Hadoop emits", k)
			}
		}
	}
	sort.Strings(extra)
	for _, e := range extra {
		fileStatusKey := strings.Contains(e, "FileStatus") && allowed[e[strings.LastIndex(e, ".")+1:]]
		if !fileStatusKey && !strings.HasSuffix(e, ".partialListing.FileStatuses") {
			t.Errorf("key %s is not in the schema", e)
		}
	}
}

// TestSchemaCheckerCatchesDrift proves the checker above fails on the
// kinds of drift it guards against.
func TestSchemaCheckerCatchesDrift(t *testing.T) {
	schemas := loadRef(t, "webhdfs-json-schemas.json")
	fs := schema(t, schemas, "FileStatus JSON Schema")
	bad := map[string]any{"FileStatus": map[string]any{
		"accessTime": 1.5, "blockSize": 0.0, "group": "g", "length": 0.0, "modificationTime": 0.0,
		"owner": "o", "pathSuffix": "", "permission": 755.0, "replication": 0.0, "type": "FOLDER", "color": "red",
	}}
	var extra []string
	errs := schemaErrors(fs, bad, "$", &extra)
	want := []string{
		"$.FileStatus.accessTime: 1.5 is not of type integer",
		"$.FileStatus.permission: 755 is not of type string",
		"$.FileStatus.type: FOLDER is not one of [FILE DIRECTORY SYMLINK]",
	}
	sort.Strings(errs)
	if diff := cmp.Diff(want, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"$.FileStatus.color"}, extra); diff != "" {
		t.Errorf("extra keys (-want +got):\n%s", diff)
	}
	delete(bad["FileStatus"].(map[string]any), "owner")
	if errs := schemaErrors(fs, bad, "$", &extra); !strings.Contains(strings.Join(errs, "\n"), `required key "owner" is missing`) {
		t.Errorf("a missing required key is not reported: %v", errs)
	}
}

// TestFileStatusKeysMatchDocExample compares the fake's FileStatus keys
// with those of the doc's "List a File" example, which shows what a
// NameNode sends for a plain file.
func TestFileStatusKeysMatchDocExample(t *testing.T) {
	examples := loadRef(t, "webhdfs-examples.json")
	op := examples["operations"].(map[string]any)["List a File"].(map[string]any)
	var want []string
	for _, b := range op["blocks"].([]any) {
		body, ok := b.(map[string]any)["body_json"].(map[string]any)
		if !ok {
			continue
		}
		entry := body["FileStatuses"].(map[string]any)["FileStatus"].([]any)[0].(map[string]any)
		for k := range entry {
			want = append(want, k)
		}
	}
	if len(want) == 0 {
		t.Fatal("the example has no body")
	}
	s := newTestServer(t, Options{})
	v := raw(t, s, "GET", nn(s, "/data/a.txt", "LISTSTATUS", ""), "").json(t)
	var got []string
	for k := range v["FileStatuses"].(map[string]any)["FileStatus"].([]any)[0].(map[string]any) {
		got = append(got, k)
	}
	sort.Strings(want)
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FileStatus keys (-want +got):\n%s", diff)
	}
}
