package workflow

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/wfapp"
	"github.com/coordc/coordc/runtime/hdfsstore"
	"github.com/coordc/coordc/runtime/storage"
)

// StartNode is the name of the start node, as Oozie names it.
const StartNode = ir.StartNode

// body returns an action node's definition as the runner's type, or nil.
func body[T ir.ActionBody](n *ir.WorkflowNode) T {
	var zero T
	if n.Action == nil {
		return zero
	}
	b, _ := n.Action.Body.(T)
	return b
}

// readDefinition reads workflow.xml from an application path (a local
// directory, file:// or, through Engine.Files, an HDFS URI) and compiles
// it: E0710 when it cannot be read, a *DefinitionError when it does not
// validate. A definition of the same path and bytes compiled before is
// taken from the Engine's cache.
func (e *Engine) readDefinition(ctx context.Context, appPath string) (*ir.Workflow, []byte, error) {
	defPath := hdfsstore.Join(appPath, "workflow.xml")
	if !hdfsstore.IsHDFS(appPath) {
		appDir, err := storage.LocalPath(appPath)
		if err != nil {
			return nil, nil, fmt.Errorf("workflow: application path: %w", err)
		}
		defPath = filepath.Join(appDir, "workflow.xml")
	}
	data, err := e.files().ReadFile(ctx, defPath)
	if err != nil {
		return nil, nil, fmt.Errorf("workflow: E0710: Could not read the workflow definition, %w", err)
	}
	key := defKey(defPath, data)
	e.mu.Lock()
	w := e.defs.get(key)
	e.mu.Unlock()
	if w != nil {
		return w, data, nil
	}
	w, diags := wfapp.Compile(defPath, data)
	if w == nil {
		return nil, nil, &DefinitionError{Diags: diags}
	}
	e.mu.Lock()
	e.defs.put(key, w)
	e.mu.Unlock()
	return w, data, nil
}
