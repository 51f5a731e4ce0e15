package report

import (
	"reflect"
	"testing"

	"github.com/coordc/coordc/schemas/schemacheck"
)

// parseSchema parses a schema for a test.
func parseSchema(t *testing.T, raw []byte) *schemacheck.Schema {
	t.Helper()
	s, err := schemacheck.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func reflectTypeOfReport() reflect.Type { return reflect.TypeFor[Report]() }
