package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/coordc/coordc/schemas"
	"github.com/coordc/coordc/schemas/schemacheck"
)

// checkSchema validates one JSON document against a published schema.
func checkSchema(t *testing.T, name string, schema []byte, doc string) {
	t.Helper()
	s, err := schemacheck.Parse(schema)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatalf("%s: output is not JSON: %v\n%s", name, err, doc)
	}
	for _, p := range s.Validate("$", s.Root, v) {
		t.Errorf("%s: %s", name, p)
	}
}

// TestPublishedSchemas checks the real output of every command with a JSON
// form against its schema in schemas/.
func TestPublishedSchemas(t *testing.T) {
	t.Run("validate", func(t *testing.T) {
		for _, args := range [][]string{
			{"validate", "-o", "json", example},
			{"validate", "-o", "json", "--properties", exampleProps, example},
			{"validate", "-o", "json", "testdata/invalid"},
			{"validate", "-o", "json", "nope.xml"},
		} {
			stdout, stderr, code := coordc(t, args...)
			if code == exitInternal || stdout == "" {
				t.Fatalf("%v: exit %d\n%s", args, code, stderr)
			}
			checkSchema(t, filepath.Join(args...), schemas.DiagnosticsSchema(), stdout)
		}
	})
	t.Run("jobs and status", func(t *testing.T) {
		dir := t.TempDir()
		db := filepath.Join(dir, "state.db")
		job := submitFuture(t, db, futureCoordinator(t, dir))
		stdout, stderr, code := coordc(t, "jobs", "-o", "json", "--state", db)
		if code != exitOK {
			t.Fatalf("jobs: exit %d\n%s", code, stderr)
		}
		checkSchema(t, "jobs", schemas.JobsSchema(), stdout)
		s, _ := schemacheck.Parse(schemas.JobsSchema())
		for _, p := range s.MatchGoType("$", reflect.TypeFor[jobsJSON](), s.Root, true) {
			t.Error(p)
		}
		stdout, stderr, code = coordc(t, "status", job, "-o", "json", "--state", db)
		if code != exitOK {
			t.Fatalf("status: exit %d\n%s", code, stderr)
		}
		checkSchema(t, "status", schemas.StatusSchema(), stdout)
	})
	t.Run("bundles", func(t *testing.T) {
		dir := t.TempDir()
		db := filepath.Join(dir, "state.db")
		ids := submitFutureBundle(t, db, futureBundle(t, dir))
		for _, args := range [][]string{{"jobs", "--jobtype", "bundle"}, {"status", ids[0]}} {
			stdout, stderr, code := coordc(t, append(args, "-o", "json", "--state", db)...)
			if code != exitOK {
				t.Fatalf("%v: exit %d\n%s", args, code, stderr)
			}
			checkSchema(t, args[0]+" bundle", schemas.BundlesSchema(), stdout)
		}
		s, _ := schemacheck.Parse(schemas.BundlesSchema())
		for _, p := range s.MatchGoType("$", reflect.TypeFor[bundlesJSON](), s.Root, true) {
			t.Error(p)
		}
	})
	t.Run("baseline", func(t *testing.T) {
		base := filepath.Join(t.TempDir(), "baseline.json")
		if _, stderr, code := coordc(t, "lint", "--write-baseline", base, lintDay); code == exitInternal || code == exitUsage {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		data, err := os.ReadFile(base)
		if err != nil {
			t.Fatal(err)
		}
		checkSchema(t, "baseline", schemas.BaselineSchema(), string(data))
	})
}
