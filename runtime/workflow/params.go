package workflow

import (
	"fmt"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/wfapp"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/el"
)

// resolveParams checks the formal parameters (<parameters>, 0.4+) against
// conf and adds the defaults of those not given. A default is evaluated
// in document order with the configuration (and earlier defaults) as
// variables, as Hadoop's variable expansion would resolve it. Parameters without a default that conf lacks are
// E0738.
func resolveParams(w *ir.Workflow, conf map[string]string) hcl.Diagnostics {
	var missing []*ir.WorkflowParameter
	for _, p := range w.Parameters {
		if _, ok := conf[p.Name]; !ok && p.Default == nil {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		names := make([]string, len(missing))
		for i, p := range missing {
			names[i] = p.Name
		}
		d := diag.Errorf(missing[0].Range, "E0738", "The following %d parameters are required but were not defined and no default values are available: %s",
			len(missing), strings.Join(names, ","))
		d.Detail = fmt.Sprintf("Set %s in the coordinator action's configuration or the job properties, or give the parameter a <value> default.", strings.Join(names, ", "))
		return hcl.Diagnostics{d}
	}
	var diags hcl.Diagnostics
	for _, p := range w.Parameters {
		if _, ok := conf[p.Name]; ok {
			continue
		}
		v, _, ds := el.EvalTemplate(p.Default, &el.Env{Group: wfapp.ELGroup, Vars: func(name string) (el.Value, bool) {
			v, ok := conf[name]
			return v, ok
		}})
		diags = append(diags, ds...)
		conf[p.Name] = v
	}
	return diags
}
