package xmlfront

import "github.com/coordc/coordc/compiler/ir"

// Workflow namespaces Oozie knows.
const workflowNSPrefix = "uri:oozie:workflow:"

// workflowVersions are the workflow schema versions, oldest first.
var workflowVersions = []ir.Version{"0.1", "0.2", "0.2.5", "0.3", "0.4", "0.4.5", "0.5", "1.0"}

// workflowSchemas holds the workflow schema of each version by namespace.
var workflowSchemas = lazySchemas(workflowNSPrefix, workflowVersions, workflowSchema)

// workflowAddedIn lists what later workflow versions added.
var workflowAddedIn = map[string]ir.Version{
	"workflow-app/credentials": "0.2.5",
	"action@cred":              "0.2.5",
	"action@retry-max":         "0.3",
	"action@retry-interval":    "0.3",
	"action@retry-policy":      "0.5",
	"workflow-app/parameters":  "0.4",
	"workflow-app/global":      "0.4",
	"fs/touchz":                "0.4",
	"fs/name-node":             "0.4.5",
	"fs/job-xml":               "0.4.5",
	"fs/configuration":         "0.4.5",
	"fs/chgrp":                 "0.4.5",
	"delete@skip-trash":        "0.4.5",
}

// unchecked is the declaration of an element whose content is not checked.
var unchecked = &elemDecl{content: anyContent}

// empty declares an element with the required attributes and no content.
func empty(attrs ...string) *elemDecl {
	d := &elemDecl{content: emptyContent}
	for _, a := range attrs {
		d.attrs = append(d.attrs, req(a))
	}
	return d
}

// workflowSchema builds the declarations of oozie-workflow-<v>.xsd. The
// action types come from the action type table: fs is declared in the
// workflow namespace, the others (shell, flink) in their own, through
// external. Built-in types coordc does not run are recognized without
// checking their content (and refused as unsupported later); SLA blocks
// are not checked either.
func workflowSchema(v ir.Version) *schema {
	sc := &schema{family: "workflow", version: v, ns: workflowNSPrefix + string(v), addedIn: workflowAddedIn}
	var sla []string
	switch {
	case v.AtLeast("0.4.5"):
		sla = []string{slaNSPrefix + "0.1", slaNSPrefix + "0.2"}
	case v.AtLeast("0.2"):
		sla = []string{slaNSPrefix + "0.1"}
	}
	types := particle{min: 1, max: 1, anyOther: true}
	typeKids := map[string]*elemDecl{}
	for _, t := range actionTypes {
		if name, d := t.builtin(v); d != nil {
			types.names = append(types.names, name)
			typeKids[name] = d
		}
	}
	unsupported := []string{"map-reduce", "pig", "sub-workflow", "java"}
	if v == "0.1" {
		unsupported = append(unsupported, "ssh", "http", "email")
	}
	for _, name := range unsupported {
		if typeKids[name] == nil { // not (yet) an action type coordc runs
			types.names = append(types.names, name)
			typeKids[name] = unchecked
		}
	}
	actionSeq := []particle{types, one("ok"), one("error")}
	if sla != nil {
		actionSeq = append(actionSeq, particle{min: 0, max: 1, anyNS: sla})
	}
	typeKids["ok"], typeKids["error"] = empty("to"), empty("to")
	action := &elemDecl{content: elementOnly, attrs: []attrDecl{req("name")}, alts: seq(actionSeq...), kids: typeKids}
	if v.AtLeast("0.2.5") {
		action.attrs = append(action.attrs, optAttr("cred"))
	}
	if v.AtLeast("0.3") {
		action.attrs = append(action.attrs, optAttr("retry-max"), optAttr("retry-interval"))
	}
	if v.AtLeast("0.5") {
		action.attrs = append(action.attrs, optAttr("retry-policy"))
	}
	caseDecl := &elemDecl{content: textOnly, attrs: []attrDecl{req("to")}}
	switchDecl := &elemDecl{content: elementOnly, alts: seq(oneOrMore("case"), one("default")),
		kids: map[string]*elemDecl{"case": caseDecl, "default": empty("to")}}
	kids := map[string]*elemDecl{
		"start":    empty("to"),
		"end":      empty("name"),
		"decision": {content: elementOnly, attrs: []attrDecl{req("name")}, alts: seq(one("switch")), kids: map[string]*elemDecl{"switch": switchDecl}},
		"fork": {content: elementOnly, attrs: []attrDecl{req("name")}, alts: seq(particle{names: []string{"path"}, min: 2, max: -1}),
			kids: map[string]*elemDecl{"path": empty("start")}},
		"join":   empty("name", "to"),
		"kill":   {content: elementOnly, attrs: []attrDecl{req("name")}, alts: seq(one("message")), kids: map[string]*elemDecl{"message": text()}},
		"action": action,
	}
	var app []particle
	if v.AtLeast("0.4") {
		app = append(app, opt("parameters"), opt("global"))
		kids["parameters"] = properties(false)
		kids["global"] = globalDecl(v)
	}
	if v.AtLeast("0.2.5") {
		app = append(app, opt("credentials"))
		cred := &elemDecl{content: elementOnly, attrs: []attrDecl{req("name"), req("type")}, alts: seq(many("property")),
			kids: map[string]*elemDecl{"property": properties(true).kids["property"]}}
		kids["credentials"] = &elemDecl{content: elementOnly, alts: seq(many("credential")), kids: map[string]*elemDecl{"credential": cred}}
	}
	app = append(app, one("start"), particle{names: []string{"decision", "fork", "join", "kill", "action"}, min: 0, max: -1}, one("end"))
	if sla != nil {
		app = append(app, particle{min: 0, max: 1, anyNS: sla})
	}
	sc.roots = map[string]*elemDecl{"workflow-app": {content: elementOnly, attrs: []attrDecl{req("name")}, alts: seq(app...), kids: kids}}
	sc.external = func(k *element) (*elemDecl, *schema) {
		for _, t := range actionTypes {
			if d, esc := t.external(k.space, k.local); d != nil {
				return d, esc
			}
		}
		return nil, nil
	}
	return sc
}

// globalDecl is <global> (0.4+): in 1.0 with resource-manager as an
// alternative to job-tracker, and launcher settings.
func globalDecl(v ir.Version) *elemDecl {
	d := &elemDecl{content: elementOnly, kids: map[string]*elemDecl{
		"job-tracker": text(), "name-node": text(), "job-xml": text(), "configuration": properties(true),
	}}
	if v.AtLeast("1.0") {
		d.alts = seq(particle{names: []string{"job-tracker", "resource-manager"}, min: 0, max: 1}, opt("name-node"),
			opt("launcher"), many("job-xml"), opt("configuration"))
		d.kids["resource-manager"], d.kids["launcher"] = text(), launcherDecl()
		return d
	}
	d.alts = seq(opt("job-tracker"), opt("name-node"), many("job-xml"), opt("configuration"))
	return d
}

// launcherDecl is oozie-common-1.0's LAUNCHER: any of its settings, each
// text.
func launcherDecl() *elemDecl {
	names := []string{"memory.mb", "vcores", "java-opts", "env", "queue", "sharelib", "view-acl", "modify-acl"}
	d := &elemDecl{content: elementOnly, alts: seq(particle{names: names, min: 0, max: -1}), kids: map[string]*elemDecl{}}
	for _, n := range names {
		d.kids[n] = text()
	}
	return d
}

// prepareDecl is a <prepare> block: delete elements, then mkdir elements.
func prepareDecl() *elemDecl {
	return &elemDecl{content: elementOnly, alts: seq(many("delete"), many("mkdir")),
		kids: map[string]*elemDecl{"delete": empty("path"), "mkdir": empty("path")}}
}
