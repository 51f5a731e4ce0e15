package workflow

import (
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
)

// FlinkNS is the namespace of coordc's flink action; its schema is
// schemas/flink-action-0.1.xsd.
const FlinkNS = "uri:coordc:flink-action:0.1"

// flinkDef is a flink action.
type flinkDef struct {
	jar, entryClass, parallelism, savepointPath *ir.Template
	args                                        []*ir.Template
	allowNonRestored                            bool
	conf                                        []prop
}

// flinkSchema is the content model of <flink>, as in
// schemas/flink-action-0.1.xsd.
func flinkSchema() *ctype {
	prop := &ctype{seq: []particle{one("name", textType), one("value", textType), opt("description", textType)}}
	conf := &ctype{seq: []particle{{elems: []edecl{{"property", prop}}, min: 1, max: unbounded}}}
	return &ctype{seq: []particle{
		one("jar", textType), opt("entry-class", textType), opt("parallelism", textType),
		many("arg", textType), opt("savepoint-path", textType), opt("allow-non-restored-state", flagType),
		opt("flink-configuration", conf),
	}}
}

// flink reads a <flink> element that passed the schema check. Values
// without EL are checked now, with positions; the others when the action
// starts.
func (b *builder) flink(e *elem) *flinkDef {
	f := &flinkDef{}
	for _, k := range e.kids {
		switch k.local {
		case "jar":
			f.jar = b.text(k, true)
			if v := strings.TrimSpace(k.text.Text); !strings.Contains(v, "${") && !strings.HasSuffix(v, ".jar") {
				b.errorf(k.start, "E0701", "Flink runs programs from files whose names end in .jar. Name the jar file accordingly.",
					"Flink jar %q does not end in .jar", v)
			}
		case "entry-class":
			f.entryClass = b.text(k, true)
		case "parallelism":
			f.parallelism = b.text(k, true)
			if v := strings.TrimSpace(k.text.Text); !strings.Contains(v, "${") {
				if _, err := parseParallelism(v); err != nil {
					b.errorf(k.start, "E0701", "parallelism is the number of parallel task instances, a whole number from 1. Correct the value or remove the element for the cluster default.",
						"Invalid Flink parallelism %q", v)
				}
			}
		case "arg":
			f.args = append(f.args, b.text(k, true))
		case "savepoint-path":
			f.savepointPath = b.text(k, true)
		case "allow-non-restored-state":
			f.allowNonRestored = true
		case "flink-configuration":
			for _, p := range k.kids {
				f.conf = append(f.conf, prop{name: b.text(p.kids[0], true), value: b.text(p.kids[1], false)})
			}
		}
	}
	return f
}

// parseParallelism reads a flink action's parallelism: a whole number
// from 1 that fits Flink's int.
func parseParallelism(s string) (int, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 32)
	if err != nil || n < 1 {
		return 0, &actionFailure{code: "E0701", msg: "parallelism " + strconv.Quote(s) + " is not a whole number from 1"}
	}
	return int(n), nil
}
