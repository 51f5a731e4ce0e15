package xmlfront

import (
	"sync"

	"github.com/coordc/coordc/compiler/ir"
)

// slaSchemas holds the SLA schemas (oozie-sla-0.1.xsd and 0.2) by namespace:
// one global element, info, whose children are all text.
var slaSchemas = sync.OnceValue(func() map[string]*schema {
	return map[string]*schema{
		slaNSPrefix + "0.1": slaSchema("0.1", []particle{
			one("app-name"), one("nominal-time"), one("should-start"), one("should-end"),
			opt("parent-client-id"), opt("parent-sla-id"), opt("notification-msg"),
			one("alert-contact"), one("dev-contact"), one("qa-contact"), one("se-contact"),
			opt("alert-frequency"), opt("alert-percentage"), opt("upstream-apps"),
		}),
		slaNSPrefix + "0.2": slaSchema("0.2", []particle{
			one("nominal-time"), opt("should-start"), one("should-end"), opt("max-duration"),
			opt("alert-events"), opt("alert-contact"), opt("notification-msg"), opt("upstream-apps"),
		}),
	}
})

func slaSchema(v ir.Version, fields []particle) *schema {
	kids := map[string]*elemDecl{}
	for _, p := range fields {
		kids[p.names[0]] = text()
	}
	info := &elemDecl{content: elementOnly, alts: seq(fields...), kids: kids}
	return &schema{family: "SLA", version: v, ns: slaNSPrefix + string(v), roots: map[string]*elemDecl{"info": info}}
}
