package ooziexml

import (
	"fmt"
	"regexp"
	"sync"

	"github.com/coordc/coordc/compiler/ir"
)

// Coordinator and bundle schema versions, oldest first.
var (
	CoordinatorVersions = []ir.Version{"0.1", "0.2", "0.3", "0.4", "0.5"}
	BundleVersions      = []ir.Version{"0.1", "0.2"}
)

// need is a feature that requires a schema version.
type need struct {
	version ir.Version
	why     string
}

// CoordinatorVersion returns the lowest coordinator schema version that can
// express c, and what requires it ("" for 0.1).
func CoordinatorVersion(c *ir.Coordinator) (ir.Version, string) {
	best := need{"0.1", ""}
	raise := func(n need) {
		if n.version.Compare(best.version) > 0 {
			best = n
		}
	}
	if c.Controls.Throttle.Text != nil {
		raise(need{"0.2", "the throttle control"})
	}
	if len(c.Parameters) > 0 {
		raise(need{"0.4", "formal parameters (variables)"})
	}
	for _, out := range c.Outputs {
		if out.NoCleanup != nil {
			raise(need{"0.4", "nocleanup on an output"})
		}
	}
	if c.SLA != nil && c.SLA.Version == "0.2" {
		raise(need{"0.4", "SLA 0.2"})
	}
	if c.InputLogic != nil {
		raise(need{"0.5", "input logic"})
	}
	if c.InputEventsLogic != nil {
		raise(need{"0.5", "and/or in input events"})
	}
	return best.version, best.why
}

// identifier is the XSD IDENTIFIER pattern.
var identifier = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-zA-Z][-_a-zA-Z0-9]*$`) })

// BundleVersion returns the lowest bundle schema version that can express
// b, and what requires it ("" for 0.1).
func BundleVersion(b *ir.Bundle) (ir.Version, string) {
	if len(b.Parameters) > 0 {
		return "0.2", "formal parameters (variables)"
	}
	for _, bc := range b.Coordinators {
		if bc.Enabled != nil {
			return "0.2", "enabled on a coordinator"
		}
		if bc.Name == nil || !identifier().MatchString(bc.Name.Raw) {
			return "0.2", "a coordinator name that is not an identifier"
		}
	}
	return "0.1", ""
}

// pick applies a forced version: it must be known and not below min.
func pick(forced string, min ir.Version, why string, known []ir.Version) (ir.Version, error) {
	if forced == "" {
		return min, nil
	}
	ok := false
	for _, v := range known {
		ok = ok || string(v) == forced
	}
	if !ok {
		return "", fmt.Errorf("unknown schema version %q (known: %v)", forced, known)
	}
	if ir.Version(forced).Before(min) {
		return "", fmt.Errorf("schema %s cannot express %s, which needs %s or later", forced, why, min)
	}
	return ir.Version(forced), nil
}
