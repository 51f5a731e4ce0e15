package plan

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/coordc/coordc/schemas"
	"github.com/coordc/coordc/schemas/schemacheck"
)

// loadSchema parses a schema for a test.
func loadSchema(t *testing.T, raw []byte) *schemacheck.Schema {
	t.Helper()
	s, err := schemacheck.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSchemaMatchesTypes(t *testing.T) {
	plan := loadSchema(t, schemas.PlanSchema())
	diff := loadSchema(t, schemas.PlanDiffSchema())
	problems := append(plan.MatchGoType("$", reflect.TypeFor[File](), plan.Root, false),
		diff.MatchGoType("$", reflect.TypeFor[DiffFile](), diff.Root, false)...)
	for _, p := range problems {
		t.Error(p)
	}
}

func TestRenderedPlansValidate(t *testing.T) {
	plan := loadSchema(t, schemas.PlanSchema())
	check := func(t *testing.T, s *schemacheck.Schema, doc []byte) {
		var v any
		if err := json.Unmarshal(doc, &v); err != nil {
			t.Fatal(err)
		}
		for _, e := range s.Validate("$", s.Root, v) {
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
		if errs := plan.Validate("$", plan.Root, v); len(errs) < 5 {
			t.Errorf("the checker missed violations: %v", errs)
		}
	})
}
