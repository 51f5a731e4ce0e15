package xmlfront

import (
	"strconv"
	"strings"
	"sync"

	"github.com/coordc/coordc/compiler/ir"
)

// FlinkNS is the namespace of coordc's flink action; its schema is
// schemas/flink-action-0.1.xsd.
const FlinkNS = "uri:coordc:flink-action:0.1"

// flinkSchema is the schema of FlinkNS.
var flinkSchema = sync.OnceValue(func() *schema {
	return &schema{family: "flink action", version: "0.1", ns: FlinkNS, roots: map[string]*elemDecl{"flink": flinkDecl()}}
})

// flinkType is coordc's flink action: one job on a Flink cluster.
type flinkType struct{}

func (flinkType) name() string { return ir.ActionFlink }

func (flinkType) describe() string { return "flink (" + FlinkNS + ")" }

func (flinkType) builtin(ir.Version) (string, *elemDecl) { return "", nil }

func (flinkType) external(space, local string) (*elemDecl, *schema) {
	if space == FlinkNS && local == "flink" {
		return flinkSchema().roots["flink"], flinkSchema()
	}
	return nil, nil
}

func (flinkType) claims(_ string, e *element) bool { return e.space == FlinkNS && e.local == "flink" }

// build reads <flink>. Values without EL are checked now, with positions;
// the others when the action starts.
func (flinkType) build(b *wfBuilder, e *element) ir.ActionBody {
	f := &ir.FlinkJob{}
	for _, k := range e.kids {
		switch k.local {
		case "jar":
			f.Jar = b.template(k, trim)
			if v := strings.TrimSpace(b.contentSource(k).Text); !strings.Contains(v, "${") && !strings.HasSuffix(v, ".jar") {
				b.errorf(b.declRange(k), "E0701", "Flink runs programs from files whose names end in .jar. Name the jar file accordingly.",
					"Flink jar %q does not end in .jar", v)
			}
		case "entry-class":
			f.EntryClass = b.template(k, trim)
		case "parallelism":
			f.Parallelism = b.template(k, trim)
			if v := strings.TrimSpace(b.contentSource(k).Text); !strings.Contains(v, "${") {
				if _, ok := FlinkParallelism(v); !ok {
					b.errorf(b.declRange(k), "E0701", "parallelism is the number of parallel task instances, a whole number from 1. Correct the value or remove the element for the cluster default.",
						"Invalid Flink parallelism %q", v)
				}
			}
		case "arg":
			f.Args = append(f.Args, b.template(k, trim))
		case "savepoint-path":
			f.SavepointPath = b.template(k, trim)
		case "allow-non-restored-state":
			f.AllowNonRestoredState = true
		case "flink-configuration":
			f.Configuration = b.properties(k)
		}
	}
	return f
}

// FlinkParallelism reads a flink action's parallelism: a whole number
// from 1 that fits Flink's int.
func FlinkParallelism(s string) (int, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 32)
	if err != nil || n < 1 {
		return 0, false
	}
	return int(n), true
}

// flinkDecl is <flink>, as in schemas/flink-action-0.1.xsd.
func flinkDecl() *elemDecl {
	return &elemDecl{content: elementOnly,
		alts: seq(one("jar"), opt("entry-class"), opt("parallelism"), many("arg"), opt("savepoint-path"),
			opt("allow-non-restored-state"), opt("flink-configuration")),
		kids: map[string]*elemDecl{"jar": text(), "entry-class": text(), "parallelism": text(), "arg": text(),
			"savepoint-path": text(), "allow-non-restored-state": empty(), "flink-configuration": properties(true)}}
}
