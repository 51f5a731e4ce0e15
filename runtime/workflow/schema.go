package workflow

import (
	"slices"
	"strings"
)

// The content models below are written from Oozie's workflow XSDs (0.1,
// 0.2, 0.2.5, 0.3, 0.4, 0.4.5, 0.5) and shell-action XSDs (0.1–0.3). They
// keep what validation needs: element order and counts, attributes, and
// whether an element holds text.

// ctype is an element's content model.
type ctype struct {
	attrs    []attrDecl
	seq      []particle
	text     bool // simple content: text, no child elements
	anything bool // content is not checked (an sla:info block)
}

type attrDecl struct {
	name     string
	required bool
}

// particle is one step of a sequence: one of elems (or, with other, an
// element of another namespace allowed by other) between min and max times
// (max < 0: unbounded).
type particle struct {
	elems    []edecl
	other    func(ns string) bool
	min, max int
}

type edecl struct {
	name string
	typ  *ctype
}

const unbounded = -1

func one(name string, t *ctype) particle { return particle{elems: []edecl{{name, t}}, min: 1, max: 1} }
func opt(name string, t *ctype) particle { return particle{elems: []edecl{{name, t}}, min: 0, max: 1} }
func many(name string, t *ctype) particle {
	return particle{elems: []edecl{{name, t}}, min: 0, max: unbounded}
}

func req(names ...string) []attrDecl {
	var out []attrDecl
	for _, n := range names {
		out = append(out, attrDecl{name: n, required: true})
	}
	return out
}

var (
	textType  = &ctype{text: true}
	flagType  = &ctype{}
	slaType   = &ctype{anything: true}
	toType    = &ctype{attrs: req("to")}
	pathType  = &ctype{attrs: req("path")}
	moveType  = &ctype{attrs: req("source", "target")}
	confType  = propertiesType(true)
	paramType = propertiesType(false)
)

func propertiesType(valueRequired bool) *ctype {
	value := opt("value", textType)
	if valueRequired {
		value = one("value", textType)
	}
	prop := &ctype{seq: []particle{one("name", textType), value, opt("description", textType)}}
	return &ctype{seq: []particle{{elems: []edecl{{"property", prop}}, min: 1, max: unbounded}}}
}

// Workflow schema versions, oldest first.
var workflowVersions = []string{"0.1", "0.2", "0.2.5", "0.3", "0.4", "0.4.5", "0.5"}

// Namespace prefixes.
const (
	workflowNS = "uri:oozie:workflow:"
	shellNS    = "uri:oozie:shell-action:"
	slaNS      = "uri:oozie:sla:"
)

// Shell action schema versions.
var shellVersions = []string{"0.1", "0.2", "0.3"}

// atLeast reports whether version v is ver or newer (both in workflowVersions).
func atLeast(v, ver string) bool {
	return slices.Index(workflowVersions, v) >= slices.Index(workflowVersions, ver)
}

// workflowSchema returns the content model of <workflow-app> in version v.
func workflowSchema(v string) *ctype {
	sla := func(ns string) bool {
		if !atLeast(v, "0.2") {
			return false
		}
		if atLeast(v, "0.4.5") {
			return ns == slaNS+"0.1" || ns == slaNS+"0.2"
		}
		return ns == slaNS+"0.1"
	}
	chmod := &ctype{attrs: append(req("path", "permissions"), attrDecl{name: "dir-files"})}
	del := pathType
	if atLeast(v, "0.4.5") {
		chmod = &ctype{attrs: chmod.attrs, seq: []particle{opt("recursive", flagType)}}
		del = &ctype{attrs: append(req("path"), attrDecl{name: "skip-trash"})}
	}
	var fs *ctype
	switch {
	case !atLeast(v, "0.4"):
		fs = &ctype{seq: []particle{many("delete", del), many("mkdir", pathType), many("move", moveType), many("chmod", chmod)}}
	case v == "0.4":
		fs = &ctype{seq: []particle{{elems: []edecl{{"delete", del}, {"mkdir", pathType}, {"move", moveType},
			{"chmod", chmod}, {"touchz", pathType}}, max: unbounded}}}
	default:
		chgrp := &ctype{attrs: append(req("path", "group"), attrDecl{name: "dir-files"}), seq: []particle{opt("recursive", flagType)}}
		fs = &ctype{seq: []particle{opt("name-node", textType), many("job-xml", textType), opt("configuration", confType),
			{elems: []edecl{{"delete", del}, {"mkdir", pathType}, {"move", moveType}, {"chmod", chmod},
				{"touchz", pathType}, {"chgrp", chgrp}}, max: unbounded}}}
	}
	// The other built-in action types are recognized (and refused later as
	// unsupported) without checking their content.
	types := []edecl{{"fs", fs}}
	for _, name := range []string{"map-reduce", "pig", "sub-workflow", "java"} {
		types = append(types, edecl{name, slaType})
	}
	if v == "0.1" {
		for _, name := range []string{"ssh", "http", "email"} {
			types = append(types, edecl{name, slaType})
		}
	}
	action := &ctype{
		attrs: req("name"),
		seq: []particle{
			{elems: types, other: func(string) bool { return true }, min: 1, max: 1},
			one("ok", toType), one("error", toType),
			{other: sla, max: 1},
		},
	}
	if atLeast(v, "0.2.5") {
		action.attrs = append(action.attrs, attrDecl{name: "cred"})
	}
	if atLeast(v, "0.3") {
		action.attrs = append(action.attrs, attrDecl{name: "retry-max"}, attrDecl{name: "retry-interval"})
	}
	cswitch := &ctype{seq: []particle{
		{elems: []edecl{{"case", &ctype{attrs: req("to"), text: true}}}, min: 1, max: unbounded},
		one("default", toType),
	}}
	nodes := particle{elems: []edecl{
		{"decision", &ctype{attrs: req("name"), seq: []particle{one("switch", cswitch)}}},
		{"fork", &ctype{attrs: req("name"), seq: []particle{{elems: []edecl{{"path", &ctype{attrs: req("start")}}}, min: 2, max: unbounded}}}},
		{"join", &ctype{attrs: req("name", "to")}},
		{"kill", &ctype{attrs: req("name"), seq: []particle{one("message", textType)}}},
		{"action", action},
	}, max: unbounded}
	var seq []particle
	if atLeast(v, "0.4") {
		global := &ctype{seq: []particle{opt("job-tracker", textType), opt("name-node", textType), many("job-xml", textType), opt("configuration", confType)}}
		seq = append(seq, opt("parameters", paramType), opt("global", global))
	}
	if atLeast(v, "0.2.5") {
		cred := &ctype{attrs: req("name", "type"), seq: []particle{many("property", confType.seq[0].elems[0].typ)}}
		seq = append(seq, opt("credentials", &ctype{seq: []particle{many("credential", cred)}}))
	}
	seq = append(seq, one("start", toType), nodes, one("end", &ctype{attrs: req("name")}), particle{other: sla, max: 1})
	return &ctype{attrs: req("name"), seq: seq}
}

// shellSchema returns the content model of <shell> in shell-action version v.
func shellSchema(v string) *ctype {
	prepare := &ctype{seq: []particle{many("delete", pathType), many("mkdir", pathType)}}
	jt, nn, jobXML := opt("job-tracker", textType), opt("name-node", textType), many("job-xml", textType)
	if v == "0.1" {
		jt, nn, jobXML = one("job-tracker", textType), one("name-node", textType), opt("job-xml", textType)
	}
	return &ctype{seq: []particle{jt, nn, opt("prepare", prepare), jobXML, opt("configuration", confType),
		one("exec", textType), many("argument", textType), many("env-var", textType), many("file", textType),
		many("archive", textType), opt("capture-output", flagType)}}
}

// nsVersion splits a namespace "uri:oozie:workflow:0.5" with the given
// prefix into its version when the version is one of versions.
func nsVersion(ns, prefix string, versions []string) (string, bool) {
	v, ok := strings.CutPrefix(ns, prefix)
	return v, ok && slices.Contains(versions, v)
}
