package schemacheck

import (
	"encoding/json"
	"reflect"
	"testing"
)

const testSchema = `{
  "$defs": {"pos": {"type": "object", "required": ["line"], "properties": {"line": {"type": "integer", "minimum": 1}}, "additionalProperties": false}},
  "type": "object",
  "required": ["name", "start"],
  "properties": {
    "name": {"type": "string", "pattern": "^[a-z]+$"},
    "kind": {"enum": ["a", "b"]},
    "start": {"$ref": "#/$defs/pos"},
    "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true}
  },
  "additionalProperties": false
}`

func TestValidate(t *testing.T) {
	s, err := Parse([]byte(testSchema))
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		doc  string
		errs int
	}{
		"valid":            {`{"name":"ok","start":{"line":1},"tags":["x","y"]}`, 0},
		"missing required": {`{"name":"ok"}`, 1},
		"bad pattern":      {`{"name":"NO","start":{"line":1}}`, 1},
		"ref checked":      {`{"name":"ok","start":{"line":0}}`, 1},
		"enum":             {`{"name":"ok","start":{"line":1},"kind":"c"}`, 1},
		"extra key":        {`{"name":"ok","start":{"line":1},"x":1}`, 1},
		"duplicate items":  {`{"name":"ok","start":{"line":1},"tags":["x","x"]}`, 1},
		"wrong type":       {`{"name":1,"start":{"line":1.5}}`, 2},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var v any
			if err := json.Unmarshal([]byte(tc.doc), &v); err != nil {
				t.Fatal(err)
			}
			if got := s.Validate("$", s.Root, v); len(got) != tc.errs {
				t.Errorf("got %d violations, want %d: %v", len(got), tc.errs, got)
			}
		})
	}
}

func TestMatchGoType(t *testing.T) {
	s, err := Parse([]byte(testSchema))
	if err != nil {
		t.Fatal(err)
	}
	type pos struct {
		Line int `json:"line"`
	}
	type good struct {
		Kind  string   `json:"kind"`
		Name  string   `json:"name"`
		Start *pos     `json:"start"`
		Tags  []string `json:"tags"`
	}
	if p := s.MatchGoType("$", reflect.TypeFor[good](), s.Root, false); len(p) != 0 {
		t.Errorf("good type: %v", p)
	}
	type missing struct {
		Name string `json:"name"`
	}
	if p := s.MatchGoType("$", reflect.TypeFor[missing](), s.Root, false); len(p) != 1 {
		t.Errorf("missing fields: got %v, want one problem", p)
	}
	if p := s.MatchGoType("$", reflect.TypeFor[good](), s.Root, true); len(p) != 1 {
		t.Errorf("allRequired: got %v, want one problem (2 of 4 required)", p)
	}
}
