package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/lower/schedule"
)

// planCount bounds the actions planned per coordinator in the corpus test.
const planCount = "25"

// planJSON runs coordc plan -o json on path.
func planJSON(t *testing.T, path string, props []string) string {
	t.Helper()
	stdout, stderr, code := tryPlan(t, path, props)
	if code != exitOK {
		t.Fatalf("plan %s: exit %d\n%s", path, code, stderr)
	}
	return stdout
}

func tryPlan(t *testing.T, path string, props []string) (string, string, int) {
	t.Helper()
	args := []string{"plan", "-o", "json", "--count", planCount}
	for _, p := range props {
		args = append(args, "--properties", p)
	}
	return coordc(t, append(args, path)...)
}

// convertTo runs coordc convert and returns the single file written to dir.
func convertTo(t *testing.T, to, in, dir, name string) string {
	t.Helper()
	out := filepath.Join(dir, name)
	if _, stderr, code := coordc(t, "convert", "--to", to, "--out", out, in); code != exitOK {
		t.Fatalf("convert --to %s %s: exit %d\n%s", to, in, code, stderr)
	}
	return out
}

// TestCorpusConvertPlans checks, for every corpus coordinator that plans,
// that coordc plan -o json gives the same bytes for the XML, for its HCL
// conversion and for the XML converted back from that HCL.
func TestCorpusConvertPlans(t *testing.T) {
	t.Setenv("TZ", "Asia/Kathmandu") // nothing may depend on the host zone
	entries := corpus.Entries(t)
	var plans, cliPlans, identical int
	for _, e := range entries {
		if e.Root != "coordinator-app" || !plansCleanly(e.File, e.Properties) {
			continue
		}
		plans++
		fromXML, _, code := tryPlan(t, e.File, e.Properties)
		if code != exitOK {
			// It loads and walks, but coordc plan needs every scheduling
			// value known (an undefined parameter is an error there).
			continue
		}
		cliPlans++
		t.Run(e.Local, func(t *testing.T) {
			dir := t.TempDir()
			hclFile := convertTo(t, "hcl", e.File, dir, "c.coord.hcl")
			fromHCL := planJSON(t, hclFile, e.Properties)
			back := convertTo(t, "xml", hclFile, dir, "back.xml")
			fromBack := planJSON(t, back, e.Properties)
			if diff := cmp.Diff(fromHCL, fromBack); diff != "" {
				t.Fatalf("plan of the XML converted back differs from the HCL's (-hcl +xml):\n%s", diff)
			}
			if diff := cmp.Diff(fromXML, fromHCL); diff != "" {
				t.Fatalf("plan of the HCL differs (-xml +hcl):\n%s", diff)
			}
			identical++
		})
	}
	t.Logf("corpus: %d coordinators load and walk, coordc plan succeeds for %d; plans byte-identical (XML, HCL, XML from HCL) for %d",
		plans, cliPlans, identical)
}

// plansCleanly reports whether a file loads without errors into one
// coordinator whose first actions materialize without errors.
func plansCleanly(path string, props []string) bool {
	res, diags := compiler.Load([]string{path}, compiler.Options{PropertiesFiles: props})
	if diags.HasErrors() || len(res.Project.Coordinators) != 1 {
		return false
	}
	wd := schedule.Walk(res.Project.Coordinators[0], schedule.Options{Count: 25}, func(*schedule.Action) bool { return true })
	return !wd.HasErrors()
}

// TestExamplesRoundTrip checks the examples in both forms: HCL → XML → HCL
// gives the HCL files back byte for byte, and each X.xml plans exactly as
// X.coord.hcl.
func TestExamplesRoundTrip(t *testing.T) {
	examples, err := filepath.Glob("../../testdata/examples/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range examples {
		hclFiles, _ := filepath.Glob(filepath.Join(ex, "*.coord.hcl"))
		if len(hclFiles) == 0 {
			continue
		}
		t.Run(filepath.Base(ex), func(t *testing.T) {
			dir := t.TempDir()
			xmlDir := filepath.Join(dir, "xml")
			if _, stderr, code := coordc(t, "convert", "--to", "xml", "--out", xmlDir, ex); code != exitOK {
				t.Fatalf("convert --to xml: exit %d\n%s", code, stderr)
			}
			hclDir := filepath.Join(dir, "hcl")
			if _, stderr, code := coordc(t, "convert", "--to", "hcl", "--out", hclDir, xmlDir); code != exitOK {
				t.Fatalf("convert --to hcl: exit %d\n%s", code, stderr)
			}
			for _, f := range hclFiles {
				want, _ := os.ReadFile(f)
				got, err := os.ReadFile(filepath.Join(hclDir, filepath.Base(f)))
				if err != nil {
					got, err = os.ReadFile(hclDir)
				}
				if err != nil {
					t.Fatalf("%s was not written back: %v", filepath.Base(f), err)
				}
				if diff := cmp.Diff(string(want), string(got)); diff != "" {
					t.Errorf("%s after HCL → XML → HCL (-want +got):\n%s", filepath.Base(f), diff)
				}
			}
			props := []string{filepath.Join(ex, "job.properties")}
			xmls, _ := filepath.Glob(filepath.Join(ex, "*.xml"))
			for _, x := range xmls {
				h := strings.TrimSuffix(x, ".xml") + ".coord.hcl"
				if diff := cmp.Diff(planJSON(t, x, props), planJSON(t, h, props)); diff != "" {
					t.Errorf("plan of %s differs from %s's (-xml +hcl):\n%s", filepath.Base(h), filepath.Base(x), diff)
				}
			}
		})
	}
}
