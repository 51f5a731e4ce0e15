package workflow

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/wfapp"

	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/el"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/hdfsstore"
)

// evalState is what the wf: functions read: the job and its node rows.
type evalState struct {
	ctx    context.Context
	files  *hdfsstore.Storage // what fs: functions read; nil: the local file system only
	job    *jobRow
	nodes  map[string]*actionRow
	wfName string
	// global is the workflow's <global> configuration (nil when it has
	// none), which action configurations are laid over.
	global  *ir.ActionConf
	now     time.Time
	catalog *wfapp.Catalog
}

// evaluate evaluates a template of the workflow.
func (s *evalState) evaluate(t *ir.Template) (string, hcl.Diagnostics) {
	if t == nil {
		return "", nil
	}
	out, _, diags := el.EvalTemplate(t, s.env())
	return out, diags
}

func (s *evalState) env() *el.Env {
	return &el.Env{
		Group: wfapp.ELGroup,
		Vars: func(name string) (el.Value, bool) {
			if v, ok := s.catalog.Constants[name]; ok {
				return v, true
			}
			v, ok := s.job.conf[name]
			return v, ok
		},
		Funcs: s.funcs(),
	}
}

func str(v el.Value) string { return el.ToString(v) }

func (s *evalState) node(v el.Value) *actionRow { return s.nodes[str(v)] }

func (s *evalState) funcs() map[string]el.Func {
	fixed := func(v el.Value) el.Func { return func(*ir.Call, []el.Value) (el.Value, error) { return v, nil } }
	field := func(get func(*actionRow) string) el.Func {
		return func(_ *ir.Call, a []el.Value) (el.Value, error) {
			if n := s.node(a[0]); n != nil {
				return get(n), nil
			}
			return "", nil
		}
	}
	return map[string]el.Func{
		"wf:id":      fixed(s.job.id),
		"wf:name":    fixed(s.wfName),
		"wf:appPath": fixed(s.job.appPath),
		"wf:user":    fixed(s.job.user),
		"wf:group":   fixed(s.job.conf["group.name"]),
		"wf:run":     fixed(int64(s.job.run)),
		"wf:conf": func(_ *ir.Call, a []el.Value) (el.Value, error) {
			return s.job.conf[str(a[0])], nil
		},
		"wf:transition":           field(func(n *actionRow) string { return n.transition }),
		"wf:actionExternalId":     field(func(n *actionRow) string { return n.externalID }),
		"wf:actionExternalStatus": field(func(n *actionRow) string { return n.externalStatus }),
		"wf:errorCode":            field(func(n *actionRow) string { return errorField(n, n.errorCode) }),
		"wf:errorMessage":         field(func(n *actionRow) string { return errorField(n, n.errorMessage) }),
		"wf:lastErrorNode":        func(*ir.Call, []el.Value) (el.Value, error) { return s.lastErrorNode(), nil },
		"wf:actionData": func(_ *ir.Call, a []el.Value) (el.Value, error) {
			return el.Map(s.data(a[0])), nil
		},
		wfapp.ActionDataKey: func(_ *ir.Call, a []el.Value) (el.Value, error) {
			v, ok := s.data(a[0])[str(a[1])]
			if !ok {
				return nil, nil // a missing key is null, as with a Java Map
			}
			return v, nil
		},
		"fs:exists":    s.fsFunc(func(fi hdfsstore.FileInfo, found bool) el.Value { return found }),
		"fs:isDir":     s.fsFunc(func(fi hdfsstore.FileInfo, found bool) el.Value { return found && fi.Dir }),
		"fs:fileSize":  s.fsFunc(fileOnly(func(fi hdfsstore.FileInfo) int64 { return fi.Size })),
		"fs:blockSize": s.fsFunc(fileOnly(func(fi hdfsstore.FileInfo) int64 { return fi.BlockSize })),
		"fs:dirSize":   s.dirSize,
		"concat":       func(_ *ir.Call, a []el.Value) (el.Value, error) { return str(a[0]) + str(a[1]), nil },
		"trim":         func(_ *ir.Call, a []el.Value) (el.Value, error) { return strings.TrimSpace(str(a[0])), nil },
		"urlEncode":    func(_ *ir.Call, a []el.Value) (el.Value, error) { return url.QueryEscape(str(a[0])), nil },
		"timestamp": func(*ir.Call, []el.Value) (el.Value, error) {
			return s.now.UTC().Format("2006-01-02T15:04:05.000Z"), nil
		},
		"firstNotNull": func(_ *ir.Call, a []el.Value) (el.Value, error) {
			if a[0] != nil && str(a[0]) != "" {
				return a[0], nil
			}
			return a[1], nil
		},
		"replaceAll":         replaceAll,
		"toJsonStr":          mapFunc("toJsonStr", toJSONStr),
		"toPropertiesStr":    mapFunc("toPropertiesStr", func(m el.Map) string { return toPropertiesStr(m, s.now) }),
		"toConfigurationStr": mapFunc("toConfigurationStr", toConfigurationStr),
		"appendAll": func(_ *ir.Call, a []el.Value) (el.Value, error) {
			parts := strings.Split(str(a[0]), str(a[2]))
			for i := range parts {
				parts[i] += str(a[1])
			}
			return strings.Join(parts, str(a[2])), nil
		},
	}
}

// errorField gives an error code or message only for a node that ended in
// error, as Oozie does.
func errorField(n *actionRow, v string) string {
	if n.status == ActionError || n.status == ActionFailed || n.status == ActionKilled {
		return v
	}
	return ""
}

func (s *evalState) data(node el.Value) map[string]string {
	if n := s.node(node); n != nil && n.data != nil {
		return n.data
	}
	return map[string]string{}
}

// lastErrorNode is the node that most recently ended in error.
func (s *evalState) lastErrorNode() string {
	best, bestEnd := "", ""
	for name, n := range s.nodes {
		if n.status != ActionError && n.status != ActionFailed {
			continue
		}
		if n.end > bestEnd || n.end == bestEnd && name > best {
			best, bestEnd = name, n.end
		}
	}
	return best
}

// replaceAll is Java's String.replaceAll for the common cases: RE2 syntax
// and $1-style group references.
func replaceAll(_ *ir.Call, a []el.Value) (el.Value, error) {
	re, err := regexp.Compile(str(a[1]))
	if err != nil {
		return nil, fmt.Errorf("invalid regular expression %q: %w", str(a[1]), err)
	}
	repl := regexp.MustCompile(`\$(\d+)`).ReplaceAllString(str(a[2]), "$${$1}")
	return re.ReplaceAllString(str(a[0]), repl), nil
}
