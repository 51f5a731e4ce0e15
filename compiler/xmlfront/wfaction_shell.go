package xmlfront

import (
	"fmt"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
)

// shellNS are the shell action namespaces (shell-action-0.1 … 1.0.xsd).
var shellNS = versioned{prefix: "uri:oozie:shell-action:", versions: []ir.Version{"0.1", "0.2", "0.3", "1.0"}}

// shellSchemas holds the shell action schema of each version by namespace.
var shellSchemas = lazySchemas(shellNS.prefix, shellNS.versions, func(v ir.Version) *schema {
	return &schema{family: "shell action", version: v, ns: shellNS.prefix + string(v), roots: map[string]*elemDecl{"shell": shellDecl(v)}}
})

// shellType is the shell action: a command run locally.
type shellType struct{}

func (shellType) name() string { return ir.ActionShell }

func (shellType) describe() string { return "shell (" + shellNS.span() + ")" }

func (shellType) builtin(ir.Version) (string, *elemDecl) { return "", nil }

func (shellType) external(space, local string) (*elemDecl, *schema) {
	if local != "shell" || !strings.HasPrefix(space, shellNS.prefix) {
		return nil, nil
	}
	if sc, ok := shellSchemas(space); ok {
		return sc.roots["shell"], sc
	}
	return unchecked, nil
}

func (shellType) claims(_ string, e *element) bool {
	return e.local == "shell" && strings.HasPrefix(e.space, shellNS.prefix)
}

func (shellType) build(b *wfBuilder, e *element) ir.ActionBody {
	if _, ok := shellNS.version(e.space); !ok {
		b.errorf(b.declRange(e), "E0701", fmt.Sprintf("Shell actions use one of the namespaces %s. Correct the xmlns of <shell>.", shellNS.span()),
			"Unknown shell action namespace %q", e.space)
		return nil
	}
	s := &ir.ShellAction{Conf: *b.conf(e)}
	for _, k := range e.kids {
		switch k.local {
		case "prepare":
			s.Prepare = b.fsOps(k.kids)
		case "exec":
			s.Exec = b.template(k, trim)
		case "argument":
			s.Args = append(s.Args, b.template(k, trim))
		case "env-var":
			s.Env = append(s.Env, b.template(k, trim))
		case "file":
			t := b.template(k, trim)
			b.checkFileLink(t)
			s.Files = append(s.Files, t)
		case "archive":
			b.errorf(b.declRange(k), "E0723", "coordc runs shell actions locally and does not unpack archives. Unpack it in the script, or ship the files with <file>.",
				"<archive> is not supported in shell actions")
		case "capture-output":
			s.CaptureOutput = true
		}
	}
	return s
}

// shellDecl is <shell> in shell action schema v: 0.1 requires job-tracker
// and name-node and allows one job-xml; 1.0 has resource-manager as an
// alternative to job-tracker, and launcher settings.
func shellDecl(v ir.Version) *elemDecl {
	jt, nn, jobXML := opt("job-tracker"), opt("name-node"), many("job-xml")
	if v == "0.1" {
		jt, nn, jobXML = one("job-tracker"), one("name-node"), opt("job-xml")
	}
	kids := map[string]*elemDecl{
		"job-tracker": text(), "name-node": text(), "prepare": prepareDecl(), "job-xml": text(),
		"configuration": properties(true), "exec": text(), "argument": text(), "env-var": text(),
		"file": text(), "archive": text(), "capture-output": empty(),
	}
	ps := []particle{jt, nn, opt("prepare")}
	if v.AtLeast("1.0") {
		ps = []particle{{names: []string{"job-tracker", "resource-manager"}, min: 0, max: 1}, nn, opt("prepare"), opt("launcher")}
		kids["resource-manager"], kids["launcher"] = text(), launcherDecl()
	}
	ps = append(ps, jobXML, opt("configuration"), one("exec"), many("argument"), many("env-var"), many("file"),
		many("archive"), opt("capture-output"))
	return &elemDecl{content: elementOnly, alts: seq(ps...), kids: kids}
}
