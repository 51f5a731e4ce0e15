package xmlfront

import "github.com/coordc/coordc/compiler/ir"

var bundleVersions = []ir.Version{"0.1", "0.2"}

// bundleSchemas holds the bundle schema of each version by namespace.
var bundleSchemas = lazySchemas(bundleNSPrefix, bundleVersions, bundleSchema)

// bundleSchema builds the declarations of oozie-bundle-<v>.xsd. In 0.1 a
// coordinator name is an IDENTIFIER; 0.2 adds parameters and @enabled and
// accepts any coordinator name.
func bundleSchema(v ir.Version) *schema {
	coordAttrs := []attrDecl{reqIdent("name"), optAttr("critical")}
	if v.AtLeast("0.2") {
		coordAttrs = []attrDecl{req("name"), optAttr("critical"), optAttr("enabled")}
	}
	coord := &elemDecl{content: elementOnly, attrs: coordAttrs,
		alts: seq(one("app-path"), opt("configuration")),
		kids: map[string]*elemDecl{"app-path": text(), "configuration": properties(true)}}
	controls := &elemDecl{content: elementOnly, alts: seq(opt("kick-off-time")),
		kids: map[string]*elemDecl{"kick-off-time": text()}}
	var app []particle
	kids := map[string]*elemDecl{"controls": controls, "coordinator": coord}
	if v.AtLeast("0.2") {
		app = append(app, opt("parameters"))
		kids["parameters"] = properties(false)
	}
	app = append(app, opt("controls"), oneOrMore("coordinator"))
	root := &elemDecl{content: elementOnly, attrs: []attrDecl{req("name")}, alts: seq(app...), kids: kids}
	return &schema{
		family: "bundle", version: v, ns: bundleNSPrefix + string(v),
		roots:   map[string]*elemDecl{"bundle-app": root},
		addedIn: map[string]ir.Version{"bundle-app/parameters": "0.2", "coordinator@enabled": "0.2"},
	}
}
