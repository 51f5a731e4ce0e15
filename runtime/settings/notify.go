package settings

import (
	"github.com/hashicorp/hcl/v2"
)

// splitNotify takes the notify block (at most one) out of a runtime block's
// body: the rest is decoded here, the notify block by package
// runtime/notify (File.Notify).
func splitNotify(body hcl.Body) (rest, notify hcl.Body, diags hcl.Diagnostics) {
	content, rest, diags := body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "notify"}}})
	for i, b := range content.Blocks {
		if i > 0 {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Subject: b.DefRange.Ptr(),
				Summary: "Duplicate notify block", Detail: "Put every webhook and the email settings in one notify block."})
			continue
		}
		notify = b.Body
	}
	return rest, notify, diags
}
