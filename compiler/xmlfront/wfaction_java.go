package xmlfront

import "github.com/coordc/coordc/compiler/ir"

// javaType is the java action: a main class run in a JVM, part of the
// workflow schema itself.
type javaType struct{}

func (javaType) name() string { return ir.ActionJava }

func (javaType) describe() string { return "java" }

func (javaType) builtin(v ir.Version) (string, *elemDecl) { return "java", javaDecl(v) }

func (javaType) external(string, string) (*elemDecl, *schema) { return nil, nil }

func (javaType) claims(wfNS string, e *element) bool { return e.space == wfNS && e.local == "java" }

func (javaType) build(b *wfBuilder, e *element) ir.ActionBody {
	j := &ir.JavaAction{Conf: *b.conf(e)}
	for _, k := range e.kids {
		switch k.local {
		case "prepare":
			j.Prepare = b.fsOps(k.kids)
		case "main-class":
			j.MainClass = b.template(k, trim)
		case "java-opts":
			if j.JavaOpts != nil || len(j.JavaOpt) > 0 {
				b.javaOptsMix(k)
			}
			j.JavaOpts = b.template(k, trim)
		case "java-opt":
			if j.JavaOpts != nil {
				b.javaOptsMix(k)
			}
			j.JavaOpt = append(j.JavaOpt, b.template(k, trim))
		case "arg":
			j.Args = append(j.Args, b.template(k, trim))
		case "file":
			j.Files = append(j.Files, b.template(k, trim))
		case "archive":
			j.Archives = append(j.Archives, b.template(k, trim))
		case "capture-output":
			j.CaptureOutput = true
		}
	}
	return j
}

// javaOptsMix reports a second <java-opts>, or <java-opts> and <java-opt>
// together, which the XSD's choice forbids.
func (b *wfBuilder) javaOptsMix(k *element) {
	b.errorf(b.declRange(k), "E0701", "A java action has either one <java-opts> (options separated by spaces) or any number of <java-opt> (one option each), not both. Keep one form.",
		"<%s> cannot follow <java-opts> or be mixed with <java-opt>", k.local)
}

// javaDecl is <java> in workflow schema v (the JAVA type): before 0.4
// job-tracker and name-node are required, one job-xml and one java-opts;
// 0.4 makes them optional, allows several job-xml and either one java-opts
// or several java-opt; 1.0 has resource-manager as an alternative to
// job-tracker, and launcher settings.
func javaDecl(v ir.Version) *elemDecl {
	kids := map[string]*elemDecl{
		"job-tracker": text(), "name-node": text(), "prepare": prepareDecl(), "job-xml": text(),
		"configuration": properties(true), "main-class": text(), "java-opts": text(), "java-opt": text(),
		"arg": text(), "file": text(), "archive": text(), "capture-output": empty(),
	}
	tail := []particle{many("arg"), many("file"), many("archive"), opt("capture-output")}
	if v.Before("0.4") {
		ps := append([]particle{one("job-tracker"), one("name-node"), opt("prepare"), opt("job-xml"), opt("configuration"),
			one("main-class"), opt("java-opts")}, tail...)
		return &elemDecl{content: elementOnly, alts: seq(ps...), kids: kids}
	}
	head := []particle{opt("job-tracker"), opt("name-node"), opt("prepare")}
	if v.AtLeast("1.0") {
		head = []particle{{names: []string{"job-tracker", "resource-manager"}, min: 0, max: 1}, opt("name-node"), opt("prepare"), opt("launcher")}
		kids["resource-manager"], kids["launcher"] = text(), launcherDecl()
	}
	// The XSD's choice of one java-opts or several java-opt is one
	// particle here (the alternatives would share their first elements);
	// build reports a mix or a second java-opts.
	ps := append(head, many("job-xml"), opt("configuration"), one("main-class"),
		particle{names: []string{"java-opts", "java-opt"}, min: 0, max: -1})
	return &elemDecl{content: elementOnly, alts: seq(append(ps, tail...)...), kids: kids}
}
