package hclfront

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// FuzzParse feeds arbitrary files to Parse: it must not panic (nor
// overflow the stack: the seeds include nestings just under and over
// MaxNesting), and every error must be positioned in the file.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/examples/*/*.coord.hcl")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(string(data))
		}
	}
	f.Add(coord(`  workflow { app_path = "${a}/${local.x}" }`))
	f.Add("locals { a = local.a }\n" + coord(`  workflow { app_path = local.a }`))
	f.Add(`variable "v" { validation { condition = var.v == 1 error_message = "x" } }`)
	f.Add(coord(`  input_logic { or { and { data_in { input = input.a } } combine {} } }`))
	f.Add(`bundle "b" { coordinator "c" { app_path = "/x" configuration = { "a.b" = 1 } } }`)
	for _, deep := range []string{"(", "[", "{a=", "!", "-", "a ? b : ", "${", "x {\n"} {
		f.Add(coord("  workflow { app_path = " + strings.Repeat(deep, MaxNesting+1) + " }"))
		f.Add(coord("  workflow { app_path = " + strings.Repeat(deep, MaxNesting-2) + "1 }"))
	}
	f.Fuzz(func(t *testing.T, src string) {
		_, diags := Parse(map[string][]byte{"f.coord.hcl": []byte(src)}, Options{Values: map[string]string{"v": "1"}})
		for _, d := range diags {
			if d.Severity != hcl.DiagError {
				continue
			}
			if d.Subject == nil || d.Subject.Filename != "f.coord.hcl" || d.Subject.Start.Line < 1 || d.Subject.Start.Column < 1 {
				t.Fatalf("error without a position: %s: %s", d.Summary, d.Detail)
			}
		}
	})
}
