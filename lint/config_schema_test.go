package lint

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/coordc/coordc/schemas"
	"github.com/coordc/coordc/schemas/schemacheck"
	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// hclJSON renders a configuration body in HCL's JSON form: attributes as
// keys, labelled blocks as objects keyed by their labels.
func hclJSON(t *testing.T, body *hclsyntax.Body) map[string]any {
	t.Helper()
	out := map[string]any{}
	for name, a := range body.Attributes {
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		raw, err := ctyjson.Marshal(v, v.Type())
		if err != nil {
			t.Fatal(err)
		}
		var x any
		json.Unmarshal(raw, &x)
		out[name] = x
	}
	for _, b := range body.Blocks {
		var target = out
		key := b.Type
		for _, l := range b.Labels {
			next, _ := target[key].(map[string]any)
			if next == nil {
				next = map[string]any{}
				target[key] = next
			}
			target, key = next, l
		}
		target[key] = hclJSON(t, b.Body)
	}
	return out
}

// TestConfigSchema checks configurations in every supported shape against
// schemas/coordc-config.v1.schema.json, and that the schema lists exactly
// the settings ParseConfig reads.
func TestConfigSchema(t *testing.T) {
	s, err := schemacheck.Parse(schemas.ConfigSchema())
	if err != nil {
		t.Fatal(err)
	}
	configs := map[string]string{
		"README": `
include        = ["jobs/**/*.xml"]
exclude        = ["jobs/legacy/**"]
properties     = ["jobs/job.properties"]
require_reason = true

rule "DST006" {
  severity = "warning"
}
rule "dataset-zone-differs" {
  enabled = false
}
`,
		"properties map": `
properties = {
  "jobs/daily/**" = "jobs/daily/job.properties"
  "jobs/**"       = ["conf/common.properties", "conf/prod.properties"]
}
rule "EL005" {
  enabled = false
}
`,
		"runtime": `
runtime {
  webhdfs {
    default_nameservice  = "ns1"
    user                 = "etl"
    delegation_token     = "t"
    ca_file              = "ca.pem"
    insecure_skip_verify = false
    nameservice "ns1" {
      endpoints = ["https://nn1:9871", "https://nn2:9871"]
    }
  }
  flink {
    url = "http://jm:8081"
  }
  flink_sql {
    url         = "http://gw:8083"
    api_version = "v2"
    timeout     = "2h"
  }
}
`,
	}
	for name, src := range configs {
		f, diags := hclsyntax.ParseConfig([]byte(src), name, hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		if _, diags := ParseConfig("/p/.coordc.hcl", []byte(src), []*Analyzer{{ID: "DST006"}, {ID: "TZ003", Name: "dataset-zone-differs"}, {ID: "EL005"}}); diags.HasErrors() {
			t.Fatalf("%s: coordc rejects it: %s", name, diags.Error())
		}
		doc := hclJSON(t, f.Body.(*hclsyntax.Body))
		for _, p := range s.Validate("$", s.Root, doc) {
			t.Errorf("%s: %s", name, p)
		}
	}
	if p := s.Validate("$", s.Root, map[string]any{"rules": map[string]any{}}); len(p) == 0 {
		t.Error("the schema accepts an unknown setting")
	}

	var tags []string
	for f := range reflect.TypeFor[fileConfig]().Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("hcl"), ",")
		tags = append(tags, name)
	}
	var keys []string
	for k := range s.Root["properties"].(map[string]any) {
		keys = append(keys, k)
	}
	sort.Strings(tags)
	sort.Strings(keys)
	if d := cmp.Diff(tags, keys); d != "" {
		t.Errorf("settings of .coordc.hcl (-fileConfig +schema):\n%s", d)
	}
}
