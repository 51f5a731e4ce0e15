package flinkfake

import (
	"testing"

	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/runtime/flink/openapi"
)

// spec is a dispatcher spec with the members Flink's custom serializers
// add, checked by package openapi.
type spec struct{ *openapi.Spec }

// loadSpec parses one spec file, skipping the test when the reference data
// is not checked out next to the repository.
func loadSpec(t *testing.T, name string) *spec {
	t.Helper()
	s, err := openapi.Load(corpus.ReadShared(t, "reference", "flink", name))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	s.Allow["SerializedThrowable"] = []string{"class", "stack-trace"}
	return &spec{s}
}

func (s *spec) check(schema map[string]any, v any, at string) []string { return s.Check(schema, v, at) }

func (s *spec) responseSchema(route string, status int) (map[string]any, error) {
	return s.ResponseSchema(route, status)
}

func parseYAML(src string) (any, error) { return openapi.ParseYAML(src) }

func get(v any, path ...string) any { return openapi.Get(v, path...) }
