package xmlfront

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/compiler/ir"
)

// TestInputLogicVectors parses the input-logic fragments of the shared
// vectors inside a schema 0.5 coordinator: each must pass the schema, and
// the data-in nodes of the (selected) logic tree must appear in the order
// of Oozie's parsed expression (for parse vectors) or of the XML.
func TestInputLogicVectors(t *testing.T) {
	raw := corpus.ReadShared(t, "reference", "vectors", "oozie-vectors.json")
	var file struct {
		Vectors []struct {
			ID       string         `json:"id"`
			Kind     string         `json:"kind"`
			Input    map[string]any `json:"input"`
			Expected any            `json:"expected"`
		} `json:"vectors"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	jexlName := regexp.MustCompile(`input\("([^"]*)"\)|combine\(([^)]*)\)`)
	xmlName := regexp.MustCompile(`dataset="([^"]*)"`)
	ran := 0
	for _, v := range file.Vectors {
		logicXML, ok := v.Input["input_logic_xml"].(string)
		if v.Kind != "input-logic" || !ok {
			continue
		}
		ran++
		t.Run(v.ID, func(t *testing.T) {
			if !strings.HasPrefix(logicXML, "<input-logic>") {
				logicXML = "<input-logic>" + logicXML + "</input-logic>"
			}
			in := coord("0.5", `<input-events><data-in name="A" dataset="a"><instance>x</instance></data-in></input-events>`+logicXML+minimalAction)
			f, diags := Parse("vector.xml", []byte(in))
			if diags.HasErrors() || f == nil {
				t.Fatalf("unexpected diagnostics:\n%s", diagText(diags))
			}
			root := f.Coordinator.InputLogic
			if sel, ok := v.Input["select_name"].(string); ok {
				root = findLogic(root, sel)
			}
			var want []string
			expected, _ := v.Expected.(map[string]any)
			if jexl, ok := expected["jexl"].(string); ok {
				for _, m := range jexlName.FindAllStringSubmatch(jexl, -1) {
					if m[1] != "" {
						want = append(want, m[1])
						continue
					}
					for _, n := range strings.Split(m[2], ",") {
						want = append(want, strings.Trim(n, `"`))
					}
				}
			} else {
				for _, m := range xmlName.FindAllStringSubmatch(logicXML, -1) {
					want = append(want, m[1])
				}
			}
			if diff := cmp.Diff(want, logicDataIns(root)); diff != "" {
				t.Errorf("data-in order (-want +got):\n%s", diff)
			}
		})
	}
	if ran == 0 {
		t.Fatal("no input-logic vectors found")
	}
	t.Logf("%d input-logic vectors", ran)
}

func findLogic(n *ir.LogicNode, name string) *ir.LogicNode {
	if n == nil {
		return nil
	}
	if n.Name != nil && n.Name.Raw == name {
		return n
	}
	for _, c := range n.Children {
		if m := findLogic(c, name); m != nil {
			return m
		}
	}
	return nil
}

func logicDataIns(n *ir.LogicNode) []string {
	if n == nil {
		return nil
	}
	if n.Op == ir.LogicDataIn {
		return []string{n.DataIn.Raw}
	}
	var out []string
	for _, c := range n.Children {
		out = append(out, logicDataIns(c)...)
	}
	return out
}
