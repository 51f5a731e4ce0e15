package ooziexml

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/ir"
)

// Bundle writes b as an Oozie bundle-app document.
func Bundle(b *ir.Bundle, opts Options) ([]byte, hcl.Diagnostics) {
	w := newWriter(b.File, b.Comments)
	min, why := BundleVersion(b)
	version, err := pick(opts.Schema, min, why, BundleVersions)
	if err != nil {
		w.errorf(b.DeclRange, "Cannot write the bundle in the requested schema", err.Error()+". Choose a later --schema, or leave it out.")
		version = min
	}
	w.open(b.DeclRange, "bundle-app", attr{"xmlns", plain("uri:oozie:bundle:" + string(version))}, attr{"name", b.Name})
	w.parameters(b.Parameters)
	if b.KickOffTime != nil {
		w.open(b.KickOffTime.Text.Range, "controls")
		w.text("kick-off-time", b.KickOffTime.Text)
		w.close(hcl.Range{}, "controls")
	}
	for _, bc := range b.Coordinators {
		w.open(bc.DeclRange, "coordinator", attr{"name", bc.Name}, attr{"critical", bc.Critical}, attr{"enabled", bc.Enabled})
		w.text("app-path", bc.AppPath)
		w.configuration(bc.Configuration)
		w.close(bc.Range, "coordinator")
	}
	w.close(b.Range, "bundle-app")
	return w.bytes(), w.diags
}
