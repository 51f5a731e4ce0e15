package xmlfront

import "github.com/coordc/coordc/compiler/ir"

// fsType is the fs action: file system operations, part of the workflow
// schema itself.
type fsType struct{}

func (fsType) name() string { return ir.ActionFs }

func (fsType) describe() string { return "fs" }

func (fsType) builtin(v ir.Version) (string, *elemDecl) { return "fs", fsDecl(v) }

func (fsType) external(string, string) (*elemDecl, *schema) { return nil, nil }

func (fsType) claims(wfNS string, e *element) bool { return e.space == wfNS && e.local == "fs" }

func (fsType) build(b *wfBuilder, e *element) ir.ActionBody {
	return &ir.FsAction{Conf: *b.conf(e), Ops: b.fsOps(e.kids)}
}

// fsDecl is <fs> in workflow schema v: before 0.4 delete, mkdir, move and
// chmod in this order; 0.4 any mix of them and touchz; 0.4.5 adds
// name-node, job-xml, configuration and chgrp (refused when built),
// skip-trash on delete and recursive in chmod. setrep (0.5) is not
// accepted.
func fsDecl(v ir.Version) *elemDecl {
	chmod := &elemDecl{content: emptyContent, attrs: []attrDecl{req("path"), req("permissions"), optAttr("dir-files")}}
	del := empty("path")
	if v.AtLeast("0.4.5") {
		chmod = &elemDecl{content: elementOnly, attrs: chmod.attrs, alts: seq(opt("recursive")), kids: map[string]*elemDecl{"recursive": empty()}}
		if v.Before("1.0") {
			del = &elemDecl{content: emptyContent, attrs: []attrDecl{req("path"), optAttr("skip-trash")}}
		}
	}
	kids := map[string]*elemDecl{"delete": del, "mkdir": empty("path"), "move": empty("source", "target"), "chmod": chmod, "touchz": empty("path")}
	switch {
	case v.Before("0.4"):
		return &elemDecl{content: elementOnly, alts: seq(many("delete"), many("mkdir"), many("move"), many("chmod")), kids: kids}
	case v == "0.4":
		return &elemDecl{content: elementOnly, alts: seq(particle{names: []string{"delete", "mkdir", "move", "chmod", "touchz"}, min: 0, max: -1}), kids: kids}
	}
	kids["chgrp"] = &elemDecl{content: elementOnly, attrs: []attrDecl{req("path"), req("group"), optAttr("dir-files")},
		alts: seq(opt("recursive")), kids: map[string]*elemDecl{"recursive": empty()}}
	kids["name-node"], kids["job-xml"], kids["configuration"] = text(), text(), properties(true)
	return &elemDecl{content: elementOnly, kids: kids, alts: seq(opt("name-node"), many("job-xml"), opt("configuration"),
		particle{names: []string{"delete", "mkdir", "move", "chmod", "touchz", "chgrp"}, min: 0, max: -1})}
}
