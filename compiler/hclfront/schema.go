package hclfront

import "github.com/hashicorp/hcl/v2"

// Block type names of the language.
const (
	blockVariable    = "variable"
	blockLocals      = "locals"
	blockDataset     = "dataset"
	blockCoordinator = "coordinator"
	blockBundle      = "bundle"
)

// fileSchema is the top level of a .coord.hcl file.
var fileSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: blockVariable, LabelNames: []string{"name"}},
		{Type: blockLocals},
		{Type: blockDataset, LabelNames: []string{"name"}},
		{Type: blockCoordinator, LabelNames: []string{"name"}},
		{Type: blockBundle, LabelNames: []string{"name"}},
	},
}

var variableSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "type"}, {Name: "default"}, {Name: "description"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "validation"}},
}

var validationSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "condition", Required: true}, {Name: "error_message", Required: true}},
}

var datasetSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "frequency", Required: true},
		{Name: "initial_instance", Required: true},
		{Name: "timezone", Required: true},
		{Name: "uri_template", Required: true},
		{Name: "done_flag"},
	},
}

var coordinatorSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "name"},
		{Name: "frequency", Required: true},
		{Name: "start", Required: true},
		{Name: "end", Required: true},
		{Name: "timezone", Required: true},
		{Name: "include"},
	},
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "controls"},
		{Type: blockDataset, LabelNames: []string{"name"}},
		{Type: "input", LabelNames: []string{"name"}},
		{Type: "input_events"},
		{Type: "input_logic"},
		{Type: "output", LabelNames: []string{"name"}},
		{Type: "workflow"},
		{Type: "flink"},
		{Type: "flink_sql"},
		{Type: "sla"},
	},
}

var controlsSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "timeout"}, {Name: "concurrency"}, {Name: "execution"}, {Name: "throttle"}},
}

var inputSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "dataset", Required: true},
		{Name: "instance"},
		{Name: "instances"},
		{Name: "start_instance"},
		{Name: "end_instance"},
	},
}

var outputSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "dataset", Required: true},
		{Name: "instance", Required: true},
		{Name: "nocleanup"},
	},
}

// logicOps are the input-logic operator blocks.
var logicOps = []hcl.BlockHeaderSchema{{Type: "and"}, {Type: "or"}, {Type: "combine"}, {Type: "data_in"}}

var logicContainerSchema = &hcl.BodySchema{Blocks: logicOps}

var logicSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "name"}, {Name: "min"}, {Name: "wait"}},
	Blocks:     logicOps,
}

var logicDataInSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "input", Required: true}, {Name: "name"}, {Name: "min"}, {Name: "wait"}},
}

var workflowSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "app_path", Required: true}, {Name: "configuration"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "property", LabelNames: []string{"name"}}},
}

var propertySchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "value"}, {Name: "description"}},
}

var bundleSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "name"}, {Name: "kick_off_time"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: blockCoordinator, LabelNames: []string{"name"}}},
}

var bundleCoordinatorSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "name"}, {Name: "app_path", Required: true}, {Name: "critical"}, {Name: "enabled"}, {Name: "configuration"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "property", LabelNames: []string{"name"}}},
}

// SLAFields lists the fields of each SLA schema version in schema order, as
// XML element names; the HCL attribute is the name with "-" written "_".
// An sla block that sets app_name (required in 0.1, absent in 0.2) is SLA
// 0.1; any other is 0.2.
var SLAFields = map[string][]string{
	"0.1": {"app-name", "nominal-time", "should-start", "should-end", "parent-client-id", "parent-sla-id",
		"notification-msg", "alert-contact", "dev-contact", "qa-contact", "se-contact", "alert-frequency",
		"alert-percentage", "upstream-apps"},
	"0.2": {"nominal-time", "should-start", "should-end", "max-duration", "alert-events", "alert-contact",
		"notification-msg", "upstream-apps"},
}

var slaSchema = func() *hcl.BodySchema {
	s := &hcl.BodySchema{}
	seen := map[string]bool{}
	for _, v := range []string{"0.1", "0.2"} {
		for _, f := range SLAFields[v] {
			if n := AttrName(f); !seen[n] {
				seen[n] = true
				s.Attributes = append(s.Attributes, hcl.AttributeSchema{Name: n})
			}
		}
	}
	return s
}()
