// Package wfapp compiles an Oozie workflow definition (workflow.xml) into
// the workflow IR, as package compiler does for coordinators: package
// xmlfront reads the file and checks it against the workflow schema of its
// namespace (uri:oozie:workflow:0.1 to 1.0) and each action against its
// type's schema; this package then checks the EL and the graph.
//
// EL in the definition is checked against the "workflow" section of
// schemas/el-functions.json (Catalog): the wf:, fs: and basic string
// functions and the KB…PB constants, in one group named like Oozie's
// ("workflow"); coordinator functions are not available (EL002, EL003).
// wf:actionData(node)[key] and wf:actionData(node).key are rewritten to
// the internal two-argument function ActionDataKey.
//
// The graph is checked with Oozie's codes: self-transitions (E0706),
// transitions to unknown nodes and an unreachable end (E0708), loops
// (E0707), fork/join pairing (E0730–E0744). Unreachable nodes are a warning
// (WF001). The check fills Workflow.JoinFork.
package wfapp

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/suggest"
	"github.com/coordc/coordc/compiler/xmlfront"
)

// Compile reads a workflow.xml and checks it: schema, EL, graph. The
// Workflow is nil when there are errors; diagnostics are sorted.
func Compile(filename string, data []byte) (*ir.Workflow, hcl.Diagnostics) {
	return CompileWith(filename, data, Options{})
}

// Options change what CompileWith checks.
type Options struct {
	// CheckOnly is for a workflow that is checked, not run (coordc lint):
	// actions and operations coordc cannot run (hive, pig, spark, chgrp …)
	// are valid Oozie, so they are not reported (no E0723) and the EL and
	// graph of the workflow are checked all the same. Such an action's node
	// has the type's element name as Type and no Body, so the Workflow must
	// not be run.
	CheckOnly bool
}

// CompileWith is Compile with options.
func CompileWith(filename string, data []byte, opts Options) (*ir.Workflow, hcl.Diagnostics) {
	parse := xmlfront.ParseWorkflow
	if opts.CheckOnly {
		parse = xmlfront.ParseWorkflowUnsupported
	}
	w, diags := parse(filename, data)
	if opts.CheckOnly {
		kept := diags[:0:0]
		for _, d := range diags {
			if diag.CodeOf(d) != diag.E0723 {
				kept = append(kept, d)
			}
		}
		diags = kept
	}
	if w == nil {
		return nil, diags
	}
	cat, err := LoadCatalog()
	if err != nil {
		return nil, append(diags, diag.Errorf(hcl.Range{Filename: filename, Start: hcl.InitialPos, End: hcl.InitialPos}, "E0700", "%s", err))
	}
	diags = append(diags, checkEL(w, cat)...)
	if !diags.HasErrors() {
		diags = append(diags, validateGraph(w)...)
	}
	diag.Sort(diags)
	if diags.HasErrors() {
		return nil, diags
	}
	return w, diags
}

// checkEL checks every template of the workflow against the catalog.
func checkEL(w *ir.Workflow, cat *Catalog) hcl.Diagnostics {
	var ts []*ir.Template
	for _, p := range w.Parameters {
		ts = append(ts, p.Default)
	}
	ts = append(ts, w.Global.Templates()...)
	for _, n := range w.Nodes {
		ts = append(ts, n.Message)
		ts = append(ts, n.Cases...)
		if n.Action != nil && n.Action.Body != nil {
			ts = append(ts, n.Action.Body.Templates()...)
		}
	}
	var diags hcl.Diagnostics
	for _, t := range ts {
		diags = append(diags, CheckTemplate(t, cat)...)
	}
	return diags
}

// closest returns the unique candidate nearest to name, or "".
func closest(name string, candidates []string) string {
	s, unique := suggest.Closest(name, candidates, suggest.DefaultMaxEdits(len(name)), suggest.Distance)
	if !unique {
		return ""
	}
	return s
}
