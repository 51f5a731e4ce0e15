package plan

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/schemas"
)

// jsonSchema is the subset of JSON Schema 2020-12 the plan schemas use.
type jsonSchema struct {
	root map[string]any
}

func loadSchema(t *testing.T, raw []byte) jsonSchema {
	t.Helper()
	var root map[string]any
	if err := json.Unmarshal(raw, &root); err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	return jsonSchema{root}
}

// resolve follows a "#/$defs/name" reference.
func (s jsonSchema) resolve(node map[string]any) map[string]any {
	for {
		ref, ok := node["$ref"].(string)
		if !ok {
			return node
		}
		name, found := strings.CutPrefix(ref, "#/$defs/")
		if !found {
			panic("unsupported $ref " + ref)
		}
		node = s.root["$defs"].(map[string]any)[name].(map[string]any)
	}
}

var knownKeywords = map[string]bool{
	"$schema": true, "$id": true, "$defs": true, "$ref": true, "title": true, "description": true,
	"type": true, "properties": true, "required": true, "additionalProperties": true, "items": true,
	"pattern": true, "const": true, "enum": true, "minimum": true,
}

// validate checks v (decoded with encoding/json) against node and returns
// the violations, each prefixed with its JSON path.
func (s jsonSchema) validate(path string, node map[string]any, v any) []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, args...)) }
	for k := range node {
		if !knownKeywords[k] {
			bad("schema keyword %q is not supported by this checker", k)
		}
	}
	if _, ok := node["$ref"]; ok {
		return append(errs, s.validate(path, s.resolve(node), v)...)
	}
	if c, ok := node["const"]; ok && !reflect.DeepEqual(c, v) {
		bad("want const %v, got %v", c, v)
	}
	if e, ok := node["enum"].([]any); ok && !slices.ContainsFunc(e, func(x any) bool { return reflect.DeepEqual(x, v) }) {
		bad("%v is not one of %v", v, e)
	}
	if ty, ok := node["type"]; ok {
		var types []any
		if list, isList := ty.([]any); isList {
			types = list
		} else {
			types = []any{ty}
		}
		if !slices.ContainsFunc(types, func(t any) bool { return hasType(t.(string), v) }) {
			bad("want type %v, got %T", ty, v)
			return errs
		}
	}
	switch x := v.(type) {
	case string:
		if p, ok := node["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(x) {
			bad("%q does not match %s", x, p)
		}
	case float64:
		if m, ok := node["minimum"].(float64); ok && x < m {
			bad("%v is below the minimum %v", x, m)
		}
	case []any:
		if items, ok := node["items"].(map[string]any); ok {
			for i, e := range x {
				errs = append(errs, s.validate(fmt.Sprintf("%s[%d]", path, i), items, e)...)
			}
		}
	case map[string]any:
		props, _ := node["properties"].(map[string]any)
		required, _ := node["required"].([]any)
		for _, r := range required {
			if _, ok := x[r.(string)]; !ok {
				bad("missing required %q", r)
			}
		}
		for k, e := range x {
			if p, ok := props[k].(map[string]any); ok {
				errs = append(errs, s.validate(path+"."+k, p, e)...)
				continue
			}
			switch ap := node["additionalProperties"].(type) {
			case bool:
				if !ap {
					bad("unexpected key %q", k)
				}
			case map[string]any:
				errs = append(errs, s.validate(path+"."+k, ap, e)...)
			}
		}
	}
	return errs
}

func hasType(t string, v any) bool {
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == float64(int64(f))
	}
	panic("unsupported type " + t)
}

// fieldsMatch checks, object by object, that the JSON tags of Go type t are
// exactly the properties of node, recursing into nested structs.
func (s jsonSchema) fieldsMatch(t *testing.T, path string, typ reflect.Type, node map[string]any) {
	node = s.resolve(node)
	switch typ.Kind() {
	case reflect.Slice:
		if items, ok := node["items"].(map[string]any); ok {
			s.fieldsMatch(t, path+"[]", typ.Elem(), items)
		}
		return
	case reflect.Map:
		if ap, ok := node["additionalProperties"].(map[string]any); ok {
			s.fieldsMatch(t, path+"{}", typ.Elem(), ap)
		}
		return
	case reflect.Struct:
	default:
		return
	}
	props, _ := node["properties"].(map[string]any)
	var tags, keys []string
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		tags = append(tags, name)
		if p, ok := props[name].(map[string]any); ok {
			s.fieldsMatch(t, path+"."+name, f.Type, p)
		}
	}
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if !sort.StringsAreSorted(tags) {
		t.Errorf("%s: fields of %v are not declared in JSON key order: %v", path, typ, tags)
	}
	sort.Strings(tags)
	if diff := cmp.Diff(keys, tags); diff != "" {
		t.Errorf("%s: schema properties vs JSON tags of %v (-schema +Go):\n%s", path, typ, diff)
	}
}

func TestSchemaMatchesTypes(t *testing.T) {
	plan := loadSchema(t, schemas.PlanSchema())
	plan.fieldsMatch(t, "$", reflect.TypeFor[File](), plan.root)
	diff := loadSchema(t, schemas.PlanDiffSchema())
	diff.fieldsMatch(t, "$", reflect.TypeFor[DiffFile](), diff.root)
}

func TestRenderedPlansValidate(t *testing.T) {
	plan := loadSchema(t, schemas.PlanSchema())
	check := func(t *testing.T, s jsonSchema, doc []byte) {
		var v any
		if err := json.Unmarshal(doc, &v); err != nil {
			t.Fatal(err)
		}
		for _, e := range s.validate("$", s.root, v) {
			t.Error(e)
		}
	}
	t.Run("plan", func(t *testing.T) {
		check(t, plan, snapshotOf(t))
		got, _ := render(t, nil, Options{Format: FormatJSON})
		check(t, plan, got)
	})
	t.Run("diff", func(t *testing.T) {
		ds := loadSchema(t, schemas.PlanDiffSchema())
		snap := snapshotOf(t)
		for _, tc := range diffCases(t) {
			opts := tc.opts
			opts.Format = FormatJSON
			got, _, _ := runDiff(t, snap, tc.jobs, opts)
			check(t, ds, []byte(got))
		}
	})
	t.Run("checker rejects", func(t *testing.T) {
		var v any
		json.Unmarshal([]byte(`{"coordinators":[{"actions":[{"number":0,"id":"x"}]}],"format_version":"2","extra":1}`), &v)
		if errs := plan.validate("$", plan.root, v); len(errs) < 5 {
			t.Errorf("the checker missed violations: %v", errs)
		}
	})
}
