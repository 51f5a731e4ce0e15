package xmlfront

import (
	"strings"

	"github.com/coordc/coordc/compiler/ir"
)

// actionType is the definition half of one workflow action type: its
// element's content model per version and its decoding into the IR. The
// runtime half (start, check, kill) is registered under the same name in
// package runtime/workflow. An action element no entry claims is refused
// (E0723) and never decoded as another type.
type actionType interface {
	// name is the type as stored in WF_ACTIONS.type (ir.ActionShell …).
	name() string
	// describe names the type and its namespaces for messages.
	describe() string
	// builtin declares the type's element when the type is part of
	// workflow schema v (fs); "" and nil otherwise.
	builtin(v ir.Version) (string, *elemDecl)
	// external declares the type's element written in its own namespace,
	// with the schema of that namespace; nil when the element is not of
	// this type. An element of this type in a namespace version coordc
	// does not know is declared unchecked, and build reports it.
	external(space, local string) (*elemDecl, *schema)
	// claims reports whether the first child of an action (in workflow
	// namespace wfNS) is of this type.
	claims(wfNS string, e *element) bool
	// build decodes a schema-checked element into the action's body,
	// reporting what the schema cannot say; nil after an error.
	build(b *wfBuilder, e *element) ir.ActionBody
}

// actionTypes are the action types coordc runs.
var actionTypes = []actionType{shellType{}, fsType{}, flinkType{}, flinkSQLType{}, javaType{}, emailType{}, sshType{}, subWorkflowType{}}

// actionTypeOf returns the type claiming the action's type element, or nil.
func actionTypeOf(wfNS string, e *element) actionType {
	for _, t := range actionTypes {
		if t.claims(wfNS, e) {
			return t
		}
	}
	return nil
}

// ActionTypes lists the names of the action types the front end accepts,
// for the runtime's check that it runs each of them.
func ActionTypes() []string {
	var out []string
	for _, t := range actionTypes {
		out = append(out, t.name())
	}
	return out
}

// describeActionTypes lists the types for messages: "a, b and c".
func describeActionTypes() string {
	var names []string
	for _, t := range actionTypes {
		names = append(names, t.describe())
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// versioned is a namespace prefix with the versions coordc knows, oldest
// first.
type versioned struct {
	prefix   string
	versions []ir.Version
}

// version returns the known version of namespace ns.
func (n versioned) version(ns string) (ir.Version, bool) {
	v, ok := strings.CutPrefix(ns, n.prefix)
	if !ok {
		return "", false
	}
	for _, known := range n.versions {
		if string(known) == v {
			return known, true
		}
	}
	return "", false
}

// span describes the namespaces: "uri:…:0.1–1.0".
func (n versioned) span() string {
	s := n.prefix + string(n.versions[0])
	if len(n.versions) > 1 {
		s += "–" + string(n.versions[len(n.versions)-1])
	}
	return s
}
