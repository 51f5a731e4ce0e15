package xmlfront

import (
	"fmt"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
)

// sshNS are the ssh action namespaces (ssh-action-0.1, 0.2.xsd).
var sshNS = versioned{prefix: "uri:oozie:ssh-action:", versions: []ir.Version{"0.1", "0.2"}}

// sshSchemas holds the ssh action schema of each version by namespace.
var sshSchemas = lazySchemas(sshNS.prefix, sshNS.versions, func(v ir.Version) *schema {
	return &schema{family: "ssh action", version: v, ns: sshNS.prefix + string(v), roots: map[string]*elemDecl{"ssh": sshDecl(v)}}
})

// sshType is the ssh action: a command on a remote host.
type sshType struct{}

func (sshType) name() string { return ir.ActionSSH }

func (sshType) describe() string { return "ssh (" + sshNS.span() + ")" }

func (sshType) builtin(ir.Version) (string, *elemDecl) { return "", nil }

func (sshType) external(space, local string) (*elemDecl, *schema) {
	if local != "ssh" || !strings.HasPrefix(space, sshNS.prefix) {
		return nil, nil
	}
	if sc, ok := sshSchemas(space); ok {
		return sc.roots["ssh"], sc
	}
	return unchecked, nil
}

func (sshType) claims(_ string, e *element) bool {
	return e.local == "ssh" && strings.HasPrefix(e.space, sshNS.prefix)
}

func (sshType) build(b *wfBuilder, e *element) ir.ActionBody {
	if _, ok := sshNS.version(e.space); !ok {
		b.errorf(b.declRange(e), "E0701", fmt.Sprintf("Ssh actions use one of the namespaces %s. Correct the xmlns of <ssh>.", sshNS.span()),
			"Unknown ssh action namespace %q", e.space)
		return nil
	}
	s := &ir.SSHAction{}
	for _, k := range e.kids {
		switch k.local {
		case "host":
			s.Host = b.template(k, trim)
		case "command":
			s.Command = b.template(k, trim)
		case "args", "arg":
			if (k.local == "args" && len(s.Arg) > 0) || (k.local == "arg" && len(s.Args) > 0) {
				b.errorf(b.declRange(k), "E0701", "An ssh action has <args> elements (split on spaces) or <arg> elements (one argument each), not both. Keep one form.",
					"<%s> cannot be mixed with <%s>", k.local, map[string]string{"args": "arg", "arg": "args"}[k.local])
			}
			if k.local == "args" {
				s.Args = append(s.Args, b.template(k, trim))
			} else {
				s.Arg = append(s.Arg, b.template(k, trim))
			}
		case "capture-output":
			s.CaptureOutput = true
		}
	}
	return s
}

// sshDecl is <ssh> in ssh action schema v: host, command, args*,
// capture-output; 0.2 adds arg* as an alternative to args* (one particle
// here; build reports a mix).
func sshDecl(v ir.Version) *elemDecl {
	kids := map[string]*elemDecl{"host": text(), "command": text(), "args": text(), "capture-output": empty()}
	argp := many("args")
	if v != "0.1" {
		kids["arg"] = text()
		argp = particle{names: []string{"args", "arg"}, min: 0, max: -1}
	}
	return &elemDecl{content: elementOnly, alts: seq(one("host"), one("command"), argp, opt("capture-output")), kids: kids}
}
