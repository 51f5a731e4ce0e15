package xmlfront

import (
	"encoding/xml"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/schemas"
)

// TestFlinkSQLSchemaMatchesXSD checks the parser's content model against
// the published schemas/flink-sql-action-0.1.xsd.
func TestFlinkSQLSchemaMatchesXSD(t *testing.T) {
	checkActionXSD(t, schemas.FlinkSQLActionXSD(), FlinkSQLNS, flinkSQLDecl())
}

// checkActionXSD checks that the ACTION type of a published action schema
// lists the elements of decl's content model in the same order with the
// same counts, in namespace ns.
func checkActionXSD(t *testing.T, xsd []byte, ns string, decl *elemDecl) {
	t.Helper()
	var doc struct {
		Types []struct {
			Name  string `xml:"name,attr"`
			Elems []struct {
				Name string `xml:"name,attr"`
				Min  string `xml:"minOccurs,attr"`
				Max  string `xml:"maxOccurs,attr"`
			} `xml:"sequence>element"`
		} `xml:"complexType"`
		TargetNS string `xml:"targetNamespace,attr"`
	}
	if err := xml.Unmarshal(xsd, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.TargetNS != ns {
		t.Errorf("targetNamespace %q, want %q", doc.TargetNS, ns)
	}
	var fromXSD []string
	for _, ty := range doc.Types {
		if ty.Name == "ACTION" {
			for _, e := range ty.Elems {
				fromXSD = append(fromXSD, e.Name+" "+e.Min+".."+e.Max)
			}
		}
	}
	var model []string
	for _, p := range decl.alts[0] {
		max := "1"
		if p.max < 0 {
			max = "unbounded"
		}
		model = append(model, p.names[0]+" "+map[int]string{0: "0", 1: "1"}[p.min]+".."+max)
	}
	if diff := cmp.Diff(fromXSD, model); diff != "" {
		t.Errorf("XSD vs parser (-xsd +parser):\n%s", diff)
	}
}
