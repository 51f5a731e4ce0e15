package submit

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/lower/ooziexml"
	"github.com/coordc/coordc/runtime/hdfsstore"
)

// ResolveAppPath returns c with a relative workflow app-path (no scheme,
// not absolute) resolved against the directory of the definition file, so
// that a local example runs from any working directory. Oozie has no
// relative app-paths (it resolves them against the HDFS home directory);
// coordc apply runs locally, where the definition's directory is the
// natural base. An inline Flink job becomes a generated workflow app (see
// flinkApp), whose write may fail.
func ResolveAppPath(c *ir.Coordinator, defFile string) (*ir.Coordinator, error) {
	if c.Action == nil || c.Action.AppPath == nil || !c.Action.AppPath.Known {
		return c, nil
	}
	p := c.Action.AppPath.Value
	if p == "" || filepath.IsAbs(p) || strings.Contains(p, "://") {
		return flinkApp(c)
	}
	abs, err := filepath.Abs(filepath.Join(filepath.Dir(defFile), p))
	if err != nil {
		return c, nil
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
// the jar is deployed, as for a workflow written by hand), written by
// writeFlinkApp into this process's private directory.
func flinkApp(c *ir.Coordinator) (*ir.Coordinator, error) {
	if c.Action.FlinkSQL != nil {
		return flinkSQLApp(c)
	}
	if c.Action.Flink == nil {
		return c, nil
	}
	cc, act, f := *c, *c.Action, *c.Action.Flink
	if j := f.Jar; j != nil && j.Template != nil && j.Template.IsLiteral() {
		f.Jar = &ir.Text{Raw: hdfsstore.Join(act.AppPath.Value, j.Raw), Range: j.Range}
	}
	act.Flink = &f
	cc.Action = &act
	dir, err := writeFlinkApp(ooziexml.FlinkWorkflow(&cc))
	if err != nil {
		return nil, fmt.Errorf("coordinator %q: cannot write the workflow app of its flink block: %w", c.Name.Value, err)
	}
	text := *act.AppPath
	text.Value = dir
	act.AppPath = &text
	return &cc, nil
}

// flinkSQLApp returns c with its inline flink-sql action (an HCL
// flink_sql block) made the workflow app of ooziexml.FlinkSQLWorkflow,
// written by writeFlinkApp into this process's private directory.
func flinkSQLApp(c *ir.Coordinator) (*ir.Coordinator, error) {
	cc, act := *c, *c.Action
	dir, err := writeFlinkApp(ooziexml.FlinkSQLWorkflow(&cc))
	if err != nil {
		return nil, fmt.Errorf("coordinator %q: cannot write the workflow app of its flink_sql block: %w", c.Name.Value, err)
	}
	text := *act.AppPath
	text.Value = dir
	act.AppPath = &text
	cc.Action = &act
	return &cc, nil
}

// flinkApps is the directory, private to this process, that holds the
// workflow apps generated for HCL flink blocks: created on first use with
// os.MkdirTemp (mode 0700, a fresh name nobody else can have prepared) and
// removed by RemoveFlinkApps when the process ends. A shared, predictable
// path would let another local user plant a workflow that apply then runs
// as its user (issue 11, F4).
var flinkApps struct {
	sync.Mutex
	dir string
}

// writeFlinkApp writes data as workflow.xml of a directory named by its
// hash inside the private directory and returns that directory. Every
// step is checked; the file is written beside its final name and renamed,
// so a reader never sees half of it.
func writeFlinkApp(data []byte) (string, error) {
	flinkApps.Lock()
	defer flinkApps.Unlock()
	if flinkApps.dir == "" {
		dir, err := os.MkdirTemp("", "coordc-flink-apps-")
		if err != nil {
			return "", err
		}
		flinkApps.dir = dir
	}
	sum := sha256.Sum256(data)
	dir := filepath.Join(flinkApps.dir, hex.EncodeToString(sum[:8]))
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, "workflow-*.xml")
	if err != nil {
		return "", err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, "workflow.xml")); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return dir, nil
}

// RemoveFlinkApps deletes the private directory of generated workflow
// apps, if one was made. The engine runs a workflow from the snapshot it
// copies at start, so nothing needs the directory after the process.
func RemoveFlinkApps() {
	flinkApps.Lock()
	defer flinkApps.Unlock()
	if flinkApps.dir != "" {
		os.RemoveAll(flinkApps.dir)
		flinkApps.dir = ""
	}
}
