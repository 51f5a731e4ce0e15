package openapi

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// This file checks JSON values against the subset of OpenAPI 3.0 schemas
// Flink's generated specs use: $ref to components, type (object, array,
// string, integer, number, boolean), properties, required,
// additionalProperties, items, enum, pattern, format int32/int64, oneOf.
//
// It is strict where the specs are silent, so that the fake cannot drift
// into a private dialect: an object member the schema does not list is an
// error (allow names the few members Flink's custom serializers add), and
// patterns must match the whole string. Two leniencies follow Flink's
// Jackson mapper: a non-required member may be null (the generated specs
// never mark nullability), and a member may be absent unless required.

// Spec is one parsed OpenAPI document. Allow names, per component schema,
// the object members Flink's custom serializers add beyond the schema.
type Spec struct {
	doc   map[string]any
	Allow map[string][]string
}

// Load parses a spec file (the YAML subset ParseYAML reads).
func Load(data []byte) (*Spec, error) {
	v, err := ParseYAML(string(data))
	if err != nil {
		return nil, err
	}
	doc, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("top level is not a mapping")
	}
	return &Spec{doc: doc, Allow: map[string][]string{}}, nil
}

// Get walks nested mappings by key; nil when a step is missing.
func Get(v any, path ...string) any {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// Operation returns the spec entry for a snapshot-style route such as
// "GET /jobs/:jobid/status".
func (s *Spec) Operation(route string) (map[string]any, error) {
	method, path, _ := strings.Cut(route, " ")
	segs := strings.Split(path, "/")
	for i, seg := range segs {
		if name, ok := strings.CutPrefix(seg, ":"); ok {
			segs[i] = "{" + name + "}"
		}
	}
	op, ok := Get(s.doc, "paths", strings.Join(segs, "/"), strings.ToLower(method)).(map[string]any)
	if !ok {
		return nil, fmt.Errorf("spec has no operation %s", route)
	}
	return op, nil
}

// ResponseSchema returns the JSON schema of a route's answer with status, or
// nil when the spec documents that status without a body.
func (s *Spec) ResponseSchema(route string, status int) (map[string]any, error) {
	op, err := s.Operation(route)
	if err != nil {
		return nil, err
	}
	resp, ok := Get(op, "responses", fmt.Sprint(status)).(map[string]any)
	if !ok {
		return nil, fmt.Errorf("spec does not document status %d for %s", status, route)
	}
	schema, _ := Get(resp, "content", "application/json", "schema").(map[string]any)
	return schema, nil
}

func (s *Spec) resolve(schema map[string]any) (map[string]any, string, error) {
	name := ""
	for depth := 0; depth < 32; depth++ {
		ref, ok := schema["$ref"].(string)
		if !ok {
			return schema, name, nil
		}
		n, ok := strings.CutPrefix(ref, "#/components/schemas/")
		if !ok {
			return nil, "", fmt.Errorf("unsupported $ref %q", ref)
		}
		next, ok := Get(s.doc, "components", "schemas", n).(map[string]any)
		if !ok {
			return nil, "", fmt.Errorf("dangling $ref %q", ref)
		}
		schema, name = next, n
	}
	return nil, "", fmt.Errorf("$ref chain too deep")
}

// Check validates v against schema and returns one message per violation,
// each naming the JSON path.
func (s *Spec) Check(schema map[string]any, v any, at string) []string {
	schema, name, err := s.resolve(schema)
	if err != nil {
		return []string{at + ": " + err.Error()}
	}
	if alts, ok := schema["oneOf"].([]any); ok {
		var all []string
		for _, alt := range alts {
			m, _ := alt.(map[string]any)
			errs := s.Check(m, v, at)
			if len(errs) == 0 {
				return nil
			}
			all = append(all, errs...)
		}
		return append([]string{at + ": matches no oneOf alternative"}, all...)
	}
	typ, _ := schema["type"].(string)
	if typ == "" && schema["properties"] != nil {
		typ = "object"
	}
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, at+": "+fmt.Sprintf(format, args...)) }
	switch typ {
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			fail("want an object, got %T", v)
			break
		}
		props, _ := schema["properties"].(map[string]any)
		req, _ := schema["required"].([]any)
		for _, r := range req {
			if n, _ := r.(string); obj[n] == nil {
				fail("required member %q missing", n)
			}
		}
		extra, _ := schema["additionalProperties"].(map[string]any)
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			member := obj[k]
			p, listed := props[k].(map[string]any)
			switch {
			case listed && member == nil:
			case listed:
				errs = append(errs, s.Check(p, member, at+"."+k)...)
			case extra != nil:
				errs = append(errs, s.Check(extra, member, at+"."+k)...)
			case !slices.Contains(s.Allow[name], k):
				fail("member %q is not in schema %s", k, name)
			}
		}
	case "array":
		arr, ok := v.([]any)
		if !ok {
			fail("want an array, got %T", v)
			break
		}
		items, _ := schema["items"].(map[string]any)
		for i, it := range arr {
			errs = append(errs, s.Check(items, it, fmt.Sprintf("%s[%d]", at, i))...)
		}
	case "string":
		str, ok := v.(string)
		if !ok {
			fail("want a string, got %T", v)
			break
		}
		if enum, ok := schema["enum"].([]any); ok && !slices.Contains(enum, any(str)) {
			fail("%q is not one of %v", str, enum)
		}
		if pat, ok := schema["pattern"].(string); ok {
			if !regexp.MustCompile("^(?:" + pat + ")$").MatchString(str) {
				fail("%q does not match %s", str, pat)
			}
		}
	case "integer":
		f, ok := v.(float64)
		if !ok || f != math.Trunc(f) {
			fail("want an integer, got %v", v)
			break
		}
		if schema["format"] == "int32" && (f < math.MinInt32 || f > math.MaxInt32) {
			fail("%v overflows int32", f)
		}
	case "number":
		if _, ok := v.(float64); !ok {
			fail("want a number, got %T", v)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			fail("want a boolean, got %T", v)
		}
	case "":
	default:
		fail("unsupported schema type %q", typ)
	}
	sort.Strings(errs)
	return errs
}

// RequestSchema returns the JSON schema of a route's request body, or nil
// when the spec documents none.
func (s *Spec) RequestSchema(route string) (map[string]any, error) {
	op, err := s.Operation(route)
	if err != nil {
		return nil, err
	}
	schema, _ := Get(op, "requestBody", "content", "application/json", "schema").(map[string]any)
	return schema, nil
}
