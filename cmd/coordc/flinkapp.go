package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"sync"
)

// flinkApps is the directory, private to this process, that holds the
// workflow apps generated for HCL flink blocks: created on first use with
// os.MkdirTemp (mode 0700, a fresh name nobody else can have prepared) and
// removed by removeFlinkApps when the process ends. A shared, predictable
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

// removeFlinkApps deletes the private directory of generated workflow
// apps, if one was made. The engine runs a workflow from the snapshot it
// copies at start, so nothing needs the directory after the process.
func removeFlinkApps() {
	flinkApps.Lock()
	defer flinkApps.Unlock()
	if flinkApps.dir != "" {
		os.RemoveAll(flinkApps.dir)
		flinkApps.dir = ""
	}
}
