package ir

import "github.com/hashicorp/hcl/v2"

// Action types coordc runs, as WorkflowNode.Type names them.
const (
	ActionShell = "shell"
	ActionFs    = "fs"
	ActionFlink = "flink"
)

// ShellAction is a shell action (uri:oozie:shell-action).
type ShellAction struct {
	Conf          ActionConf
	Prepare       []*FsOp
	Exec          *Template
	Args          []*Template
	Env           []*Template
	Files         []*Template
	CaptureOutput bool
}

// Templates implements ActionBody.
func (a *ShellAction) Templates() []*Template {
	out := a.Conf.templates()
	out = append(out, fsOpTemplates(a.Prepare)...)
	out = append(out, a.Exec)
	out = append(out, a.Args...)
	out = append(out, a.Env...)
	return append(out, a.Files...)
}

// FsAction is an fs action: file system operations in order.
type FsAction struct {
	Conf ActionConf
	Ops  []*FsOp
}

// Templates implements ActionBody.
func (a *FsAction) Templates() []*Template {
	return append(a.Conf.templates(), fsOpTemplates(a.Ops)...)
}

// FsOp is one file system operation (of an fs action or a prepare block).
type FsOp struct {
	Op          string    // delete, mkdir, move, chmod, touchz
	Path        *Template // the source of a move
	Target      *Template // move
	Permissions *Template // chmod
	DirFiles    *Template // chmod; nil means true
	Recursive   bool      // chmod
	Range       hcl.Range
}

func fsOpTemplates(ops []*FsOp) []*Template {
	var out []*Template
	for _, op := range ops {
		for _, t := range []*Template{op.Path, op.Target, op.Permissions, op.DirFiles} {
			if t != nil {
				out = append(out, t)
			}
		}
	}
	return out
}

// FlinkJob is a workflow's flink action (uri:coordc:flink-action:0.1): one
// Flink job. (FlinkAction is the coordinator-level HCL flink block.)
type FlinkJob struct {
	Jar, EntryClass, Parallelism, SavepointPath *Template
	Args                                        []*Template
	AllowNonRestoredState                       bool
	Configuration                               []*WorkflowProperty
}

// Templates implements ActionBody.
func (a *FlinkJob) Templates() []*Template {
	var out []*Template
	for _, t := range []*Template{a.Jar, a.EntryClass, a.Parallelism, a.SavepointPath} {
		if t != nil {
			out = append(out, t)
		}
	}
	out = append(out, a.Args...)
	for _, p := range a.Configuration {
		out = append(out, p.Name, p.Value)
	}
	return out
}
