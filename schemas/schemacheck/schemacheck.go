// Package schemacheck checks JSON documents against the JSON Schemas coordc
// publishes (schemas/*.schema.json) and the reference schemas it must
// produce (SARIF 2.1.0), and checks that Go types match a schema. It knows
// the keywords those schemas use (JSON Schema draft-07 and 2020-12):
// type, properties, required, additionalProperties, items, pattern, const,
// enum, minimum, maximum, minItems, uniqueItems, oneOf and local $ref;
// annotations (title, description, default, format) are accepted unchecked.
// Tests use it instead of a validator dependency.
package schemacheck

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Schema is a parsed JSON Schema document.
type Schema struct {
	Root map[string]any
}

// Parse parses a schema document.
func Parse(raw []byte) (*Schema, error) {
	var root map[string]any
	if err := json.Unmarshal(raw, &root); err != nil {
		return nil, fmt.Errorf("schema is not JSON: %w", err)
	}
	return &Schema{Root: root}, nil
}

// Resolve follows $ref (to #/$defs/NAME or #/definitions/NAME) until it
// reaches a node that is not a reference.
func (s *Schema) Resolve(node map[string]any) map[string]any {
	for {
		ref, ok := node["$ref"].(string)
		if !ok {
			return node
		}
		var defs map[string]any
		name, ok := strings.CutPrefix(ref, "#/$defs/")
		if ok {
			defs, _ = s.Root["$defs"].(map[string]any)
		} else if name, ok = strings.CutPrefix(ref, "#/definitions/"); ok {
			defs, _ = s.Root["definitions"].(map[string]any)
		}
		next, found := defs[name].(map[string]any)
		if !found {
			panic("unsupported $ref " + ref)
		}
		node = next
	}
}

var schemaKeywords = map[string]bool{
	"$schema": true, "$id": true, "$defs": true, "definitions": true, "$ref": true, "title": true,
	"description": true, "default": true, "format": true, "type": true, "properties": true,
	"required": true, "additionalProperties": true, "items": true, "pattern": true, "const": true,
	"enum": true, "minimum": true, "maximum": true, "minItems": true, "uniqueItems": true, "oneOf": true,
}

// Validate returns the violations of v (a value decoded by encoding/json into
// any) against node, each prefixed with its JSON path. A keyword this
// checker does not know is itself reported, so a schema cannot silently
// outgrow it.
func (s *Schema) Validate(path string, node map[string]any, v any) []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, args...)) }
	for k := range node {
		if !schemaKeywords[k] {
			bad("schema keyword %q is not supported by this checker", k)
		}
	}
	if _, ok := node["$ref"]; ok {
		return append(errs, s.Validate(path, s.Resolve(node), v)...)
	}
	if alts, ok := node["oneOf"].([]any); ok {
		n := 0
		for _, alt := range alts {
			if len(s.Validate(path, alt.(map[string]any), v)) == 0 {
				n++
			}
		}
		if n != 1 {
			bad("matches %d of the oneOf alternatives, want exactly 1", n)
		}
	}
	if c, ok := node["const"]; ok && !reflect.DeepEqual(c, v) {
		bad("want const %v, got %v", c, v)
	}
	if e, ok := node["enum"].([]any); ok && !slices.ContainsFunc(e, func(x any) bool { return reflect.DeepEqual(x, v) }) {
		bad("%v is not one of %v", v, e)
	}
	if ty, ok := node["type"]; ok {
		types, isList := ty.([]any)
		if !isList {
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
		if m, ok := node["maximum"].(float64); ok && x > m {
			bad("%v is above the maximum %v", x, m)
		}
	case []any:
		if m, ok := node["minItems"].(float64); ok && float64(len(x)) < m {
			bad("%d items, want at least %v", len(x), m)
		}
		if u, _ := node["uniqueItems"].(bool); u {
			for i := range x {
				for j := i + 1; j < len(x); j++ {
					if reflect.DeepEqual(x[i], x[j]) {
						bad("items %d and %d are equal", i, j)
					}
				}
			}
		}
		if items, ok := node["items"].(map[string]any); ok {
			for i, e := range x {
				errs = append(errs, s.Validate(fmt.Sprintf("%s[%d]", path, i), items, e)...)
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
				errs = append(errs, s.Validate(path+"."+k, p, e)...)
				continue
			}
			switch ap := node["additionalProperties"].(type) {
			case bool:
				if !ap {
					bad("unexpected key %q", k)
				}
			case map[string]any:
				errs = append(errs, s.Validate(path+"."+k, ap, e)...)
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
	case "number":
		_, ok := v.(float64)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "null":
		return v == nil
	}
	panic("unsupported type " + t)
}

// MatchGoType checks, object by object, that the JSON tags of typ are
// exactly the properties of node, declared in key order, recursing into
// pointers, slices, maps and nested structs (the first oneOf alternative with
// properties stands for a oneOf). With allRequired, every property must also
// be required (the document always writes every key). It returns the
// problems found.
func (s *Schema) MatchGoType(path string, typ reflect.Type, node map[string]any, allRequired bool) []string {
	node = s.Resolve(node)
	if alts, ok := node["oneOf"].([]any); ok {
		for _, alt := range alts {
			if a := s.Resolve(alt.(map[string]any)); a["properties"] != nil {
				node = a
			}
		}
	}
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	switch typ.Kind() {
	case reflect.Slice:
		if items, ok := node["items"].(map[string]any); ok {
			return s.MatchGoType(path+"[]", typ.Elem(), items, allRequired)
		}
		return nil
	case reflect.Map:
		if ap, ok := node["additionalProperties"].(map[string]any); ok {
			return s.MatchGoType(path+"{}", typ.Elem(), ap, allRequired)
		}
		return nil
	case reflect.Struct:
	default:
		return nil
	}
	var problems []string
	props, _ := node["properties"].(map[string]any)
	var tags, keys []string
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		tags = append(tags, name)
		if p, ok := props[name].(map[string]any); ok {
			problems = append(problems, s.MatchGoType(path+"."+name, f.Type, p, allRequired)...)
		}
	}
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if !sort.StringsAreSorted(tags) {
		problems = append(problems, fmt.Sprintf("%s: fields of %v are not declared in JSON key order: %v", path, typ, tags))
	}
	sort.Strings(tags)
	if !slices.Equal(keys, tags) {
		problems = append(problems, fmt.Sprintf("%s: schema properties %v differ from the JSON tags of %v %v", path, keys, typ, tags))
	}
	if req, _ := node["required"].([]any); allRequired && len(req) != len(keys) {
		problems = append(problems, fmt.Sprintf("%s: %d of %d properties are required; every key is always present", path, len(req), len(keys)))
	}
	return problems
}
