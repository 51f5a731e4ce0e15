package scheduler

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lower/ooziexml"
	"github.com/coordc/coordc/runtime/hdfsstore"
)

// ResolveAppPath returns c with a relative workflow app-path (no scheme,
// not absolute) resolved against the directory of the definition file, so
// that a local example runs from any working directory. Oozie has no
// relative app-paths (it resolves them against the HDFS home directory);
// coordc apply runs locally, where the definition's directory is the
// natural base.
func ResolveAppPath(c *ir.Coordinator, defFile string) *ir.Coordinator {
	if c.Action == nil || c.Action.AppPath == nil || !c.Action.AppPath.Known {
		return c
	}
	p := c.Action.AppPath.Value
	if p == "" || filepath.IsAbs(p) || strings.Contains(p, "://") {
		return flinkApp(c)
	}
	abs, err := filepath.Abs(filepath.Join(filepath.Dir(defFile), p))
	if err != nil {
		return c
	}
	cc, act, text := *c, *c.Action, *c.Action.AppPath
	text.Value = abs
	act.AppPath = &text
	cc.Action = &act
	return flinkApp(&cc)
}

// flinkApp returns c with its inline Flink job (an HCL flink block) made a
// workflow app the engine runs: ooziexml.FlinkWorkflow's workflow.xml, its
// literal relative jar made absolute against the declared app-path (where
// the jar is deployed, as for a workflow written by hand), in a directory
// named by the content's hash under the system temporary directory,
// rewritten on every load. A write error leaves a directory without
// workflow.xml, which apply reports as an unreadable workflow definition.
func flinkApp(c *ir.Coordinator) *ir.Coordinator {
	if c.Action.Flink == nil {
		return c
	}
	cc, act, f := *c, *c.Action, *c.Action.Flink
	if j := f.Jar; j != nil && j.Template != nil && j.Template.IsLiteral() {
		f.Jar = &ir.Text{Raw: hdfsstore.Join(act.AppPath.Value, j.Raw), Range: j.Range}
	}
	act.Flink = &f
	cc.Action = &act
	data := ooziexml.FlinkWorkflow(&cc)
	sum := sha256.Sum256(data)
	dir := filepath.Join(os.TempDir(), "coordc-flink-apps", hex.EncodeToString(sum[:8]))
	if os.MkdirAll(dir, 0o755) == nil {
		if tmp, err := os.CreateTemp(dir, "workflow-*.xml"); err == nil {
			_, werr := tmp.Write(data)
			if cerr := tmp.Close(); werr == nil && cerr == nil {
				os.Rename(tmp.Name(), filepath.Join(dir, "workflow.xml"))
			}
			os.Remove(tmp.Name())
		}
	}
	text := *act.AppPath
	text.Value = dir
	act.AppPath = &text
	return &cc
}
