// Package ir is coordc's typed intermediate representation of coordinator,
// bundle, dataset and workflow definitions, shared by every front end (Oozie
// XML, HCL) and every consumer (validate, lint, plan, convert, apply, the
// workflow engine). Schema versions are Version values, compared by their
// numbers.
//
// Every node carries its source ranges, and every piece of definition text is
// kept as a parsed EL template (Template) next to its value after Oozie's
// submit phase (Text.Value, valid when Text.Known); a workflow keeps its
// values as templates (Workflow), evaluated when its nodes run. The package imports
// nothing else of coordc: front ends build it, and the submit phase, the
// linter and the planner read it.
package ir
