package xmlfront

import "github.com/coordc/coordc/compiler/ir"

// Coordinator, SLA and bundle namespaces Oozie knows.
const (
	coordNSPrefix  = "uri:oozie:coordinator:"
	bundleNSPrefix = "uri:oozie:bundle:"
	slaNSPrefix    = "uri:oozie:sla:"
)

var coordVersions = []ir.Version{"0.1", "0.2", "0.3", "0.4", "0.5"}

// coordSchemas holds the coordinator schema of each version by namespace.
var coordSchemas = lazySchemas(coordNSPrefix, coordVersions, coordinatorSchema)

// coordAddedIn lists what later coordinator versions added.
var coordAddedIn = map[string]ir.Version{
	"controls/throttle":           "0.2",
	"coordinator-app/parameters":  "0.4",
	"data-out@nocleanup":          "0.4",
	"coordinator-app/input-logic": "0.5",
	"input-events/and":            "0.5",
	"input-events/or":             "0.5",
}

// coordinatorSchema builds the declarations of oozie-coordinator-<v>.xsd.
func coordinatorSchema(v ir.Version) *schema {
	controls := []particle{opt("timeout"), opt("concurrency"), opt("execution")}
	if v.AtLeast("0.2") {
		controls = append(controls, opt("throttle"))
	}
	controlsDecl := &elemDecl{content: elementOnly, alts: seq(controls...), kids: map[string]*elemDecl{
		"timeout": text(), "concurrency": text(), "execution": text(), "throttle": text(),
	}}

	dataset := &elemDecl{
		content:       elementOnly,
		attrs:         []attrDecl{reqIdent("name"), req("frequency"), req("initial-instance"), req("timezone")},
		alts:          seq(one("uri-template"), opt("done-flag")),
		kids:          map[string]*elemDecl{"uri-template": text(), "done-flag": text()},
		internalAttrs: true,
	}
	async := &elemDecl{
		content: elementOnly,
		attrs:   []attrDecl{reqIdent("name"), req("sequence-type"), req("initial-version")},
		alts:    seq(one("uri-template")),
		kids:    map[string]*elemDecl{"uri-template": text()},
	}
	datasets := &elemDecl{
		content: elementOnly,
		alts: seq(many("include"),
			particle{names: []string{"dataset", "async-dataset"}, min: 0, max: -1}),
		kids: map[string]*elemDecl{"include": text(), "dataset": dataset, "async-dataset": async},
	}

	dataIn := &elemDecl{
		content: elementOnly,
		attrs:   []attrDecl{reqIdent("name"), req("dataset")},
		alts: [][]particle{
			{oneOrMore("instance")},
			{one("start-instance"), one("end-instance")},
		},
		kids: map[string]*elemDecl{"instance": text(), "start-instance": text(), "end-instance": text()},
	}
	inputEvents := &elemDecl{content: elementOnly, alts: seq(oneOrMore("data-in")), kids: map[string]*elemDecl{"data-in": dataIn}}

	dataOutAttrs := []attrDecl{reqIdent("name"), req("dataset")}
	if v.AtLeast("0.4") {
		dataOutAttrs = append(dataOutAttrs, attrDecl{name: "nocleanup", typ: attrBoolean})
	}
	dataOut := &elemDecl{content: elementOnly, attrs: dataOutAttrs, alts: seq(one("instance")),
		kids: map[string]*elemDecl{"instance": text()}}
	outputEvents := &elemDecl{content: elementOnly, alts: seq(oneOrMore("data-out")), kids: map[string]*elemDecl{"data-out": dataOut}}

	workflow := &elemDecl{content: elementOnly, alts: seq(one("app-path"), opt("configuration")),
		kids: map[string]*elemDecl{"app-path": text(), "configuration": properties(true)}}
	sla := []string{slaNSPrefix + "0.1"}
	if v.AtLeast("0.4") {
		sla = append(sla, slaNSPrefix+"0.2")
	}
	action := &elemDecl{content: elementOnly,
		alts: seq(one("workflow"), particle{min: 0, max: 1, anyNS: sla}),
		kids: map[string]*elemDecl{"workflow": workflow}}

	app := []particle{}
	appKids := map[string]*elemDecl{
		"controls": controlsDecl, "datasets": datasets, "input-events": inputEvents,
		"output-events": outputEvents, "action": action,
	}
	if v.AtLeast("0.4") {
		app = append(app, opt("parameters"))
		appKids["parameters"] = properties(false)
	}
	app = append(app, opt("controls"), opt("datasets"), opt("input-events"))
	if v.AtLeast("0.5") {
		app = append(app, opt("input-logic"))
		and, or, inputLogic := logicDecls()
		appKids["input-logic"] = inputLogic
		inputEvents.alts = [][]particle{{opt("and")}, {opt("or")}, {oneOrMore("data-in")}}
		inputEvents.kids["and"], inputEvents.kids["or"] = and, or
	}
	app = append(app, opt("output-events"), one("action"))
	root := &elemDecl{
		content:       elementOnly,
		attrs:         []attrDecl{req("name"), req("frequency"), req("start"), req("end"), req("timezone")},
		alts:          seq(app...),
		kids:          appKids,
		internalAttrs: true,
	}
	return &schema{
		family: "coordinator", version: v, ns: coordNSPrefix + string(v),
		roots:   map[string]*elemDecl{"coordinator-app": root, "datasets": datasets},
		addedIn: coordAddedIn,
		sla:     sla,
	}
}

// logicDecls builds the schema 0.5 input-logic types: and/or hold any mix
// of and, or, combine and data-in; combine holds data-in elements (none or
// at least two: the XSD repeats a choice of data-in{2,}); the logic data-in
// has attributes only.
func logicDecls() (and, or, inputLogic *elemDecl) {
	logicAttrs := []attrDecl{optAttr("name"), optAttr("min"), optAttr("wait")}
	dataIn := &elemDecl{content: emptyContent, attrs: append(append([]attrDecl{}, logicAttrs...), req("dataset"))}
	anyOf := particle{names: []string{"and", "or", "combine", "data-in"}, min: 0, max: -1}
	and = &elemDecl{content: elementOnly, attrs: logicAttrs, alts: seq(anyOf)}
	or = &elemDecl{content: elementOnly, attrs: logicAttrs, alts: seq(anyOf)}
	combine := &elemDecl{content: elementOnly, attrs: logicAttrs,
		alts: [][]particle{{}, {{names: []string{"data-in"}, min: 2, max: -1}}},
		kids: map[string]*elemDecl{"data-in": dataIn}}
	kids := map[string]*elemDecl{"and": and, "or": or, "combine": combine, "data-in": dataIn}
	and.kids, or.kids = kids, kids
	inputLogic = &elemDecl{content: elementOnly, alts: seq(anyOf), kids: kids}
	return and, or, inputLogic
}
