package ooziexml_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/compiler/hclfront"
	"github.com/coordc/coordc/compiler/xmlfront"
	"github.com/coordc/coordc/lower/ooziexml"
)

// xmllint validates doc against the coordinator (or bundle) XSD of version
// together with both SLA schemas, which the action's strict wildcard needs.
func xmllint(t *testing.T, doc []byte, family, version string) {
	t.Helper()
	lint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("skipping: xmllint is not installed (apt-get install libxml2-utils)")
	}
	dir := corpus.Shared(t, "reference", "oozie", "xsd")
	main := filepath.Join(dir, "oozie-"+family+"-"+version+".xsd")
	if _, err := os.Stat(main); err != nil {
		t.Fatal(err)
	}
	imports := map[string]string{"uri:oozie:" + family + ":" + version: main}
	if family == "coordinator" {
		imports["uri:oozie:sla:0.1"] = filepath.Join(dir, "oozie-sla-0.1.xsd")
		imports["uri:oozie:sla:0.2"] = filepath.Join(dir, "oozie-sla-0.2.xsd")
	}
	wrapper := `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">` + "\n"
	for _, ns := range []string{"uri:oozie:" + family + ":" + version, "uri:oozie:sla:0.1", "uri:oozie:sla:0.2"} {
		if loc, ok := imports[ns]; ok {
			wrapper += `  <xs:import namespace="` + ns + `" schemaLocation="file://` + loc + `"/>` + "\n"
		}
	}
	wrapper += "</xs:schema>\n"
	tmp := t.TempDir()
	xsd := filepath.Join(tmp, "all.xsd")
	f := filepath.Join(tmp, "doc.xml")
	if err := os.WriteFile(xsd, []byte(wrapper), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(lint, "--noout", "--schema", xsd, f).CombinedOutput(); err != nil {
		t.Fatalf("xmllint rejects the %s %s document: %v\n%s\n%s", family, version, err, out, doc)
	}
}

// TestCorpusValidatesAgainstXSD writes every corpus coordinator that loads
// without errors back as XML and validates it with xmllint.
func TestCorpusValidatesAgainstXSD(t *testing.T) {
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Skip("skipping: xmllint is not installed (apt-get install libxml2-utils)")
	}
	n := 0
	for _, e := range corpus.Entries(t) {
		if e.Root != "coordinator-app" {
			continue
		}
		if _, diags := compiler.Load([]string{e.File}, compiler.Options{PropertiesFiles: e.Properties}); diags.HasErrors() {
			continue
		}
		data, err := os.ReadFile(e.File)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := xmlfront.Parse(e.File, data)
		n++
		t.Run(e.Local, func(t *testing.T) {
			doc, diags := ooziexml.Coordinator(f.Coordinator, ooziexml.Options{})
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			v, _ := ooziexml.CoordinatorVersion(f.Coordinator)
			xmllint(t, doc, "coordinator", string(v))
		})
	}
	t.Logf("corpus: %d coordinators written as XML and validated", n)
}

// TestExamplesValidateAgainstXSD converts the HCL examples to XML.
func TestExamplesValidateAgainstXSD(t *testing.T) {
	dirs, _ := filepath.Glob("../../testdata/examples/*")
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*"+hclfront.Extension))
		if len(files) == 0 {
			continue
		}
		cfgs, _, diags := hclfront.ReadConfigs(files, hclfront.Options{})
		if diags.HasErrors() {
			t.Fatalf("%s: %s", dir, diags.Error())
		}
		for _, cfg := range cfgs {
			for _, c := range cfg.Coordinators {
				t.Run(filepath.Base(dir)+"/"+c.Name.Raw, func(t *testing.T) {
					doc, diags := ooziexml.Coordinator(c, ooziexml.Options{})
					if diags.HasErrors() {
						t.Fatal(diags.Error())
					}
					v, _ := ooziexml.CoordinatorVersion(c)
					xmllint(t, doc, "coordinator", string(v))
				})
			}
			for _, b := range cfg.Bundles {
				t.Run(filepath.Base(dir)+"/"+b.Name.Raw, func(t *testing.T) {
					doc, diags := ooziexml.Bundle(b, ooziexml.Options{})
					if diags.HasErrors() {
						t.Fatal(diags.Error())
					}
					v, _ := ooziexml.BundleVersion(b)
					xmllint(t, doc, "bundle", string(v))
				})
			}
		}
	}
}
