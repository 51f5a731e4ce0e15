package workflow

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/hdfsstore"
	"github.com/coordc/coordc/runtime/storage"
)

// appDir is the job's application path as the base of relative paths:
// a local directory, or an HDFS URI.
func appDir(job *jobRow) string {
	if hdfsstore.IsHDFS(job.appPath) {
		return job.appPath
	}
	dir, _ := storage.LocalPath(job.appPath) // checked by Start
	return dir
}

// localPath resolves a path of the definition that must be local (a shell
// <file>): file:// and absolute paths as they are, relative ones against
// base; HDFS and other schemes are refused (FS002).
func localPath(p, base string) (string, error) {
	uri := hdfsstore.Join(base, p)
	if hdfsstore.IsHDFS(uri) {
		return "", &fsError{code: "FS002", msg: fmt.Sprintf("%s: coordc runs shell actions locally and does not fetch files from HDFS; use a local path", uri)}
	}
	lp, err := storage.LocalPath(uri)
	if err != nil {
		return "", &fsError{code: "FS002", msg: err.Error()}
	}
	if !filepath.IsAbs(lp) {
		lp = filepath.Join(base, lp)
	}
	return lp, nil
}

// resolveConf merges an action's configuration the way Oozie does: the
// <global> job-xml files and <configuration>, then the action's job-xml
// files in order, then its <configuration>; later values win. Names and
// values are evaluated as EL.
func (e *Engine) resolveConf(ctx context.Context, job *jobRow, action *ir.ActionConf, s *evalState) (map[string]string, error) {
	conf := map[string]string{}
	layers := []*ir.ActionConf{action}
	if s.global != nil {
		layers = []*ir.ActionConf{s.global, action}
	}
	eval := func(t *ir.Template) (string, error) {
		v, diags := s.evaluate(t)
		if diags.HasErrors() {
			return "", &actionFailure{code: CodeELError, msg: diagText(diags)}
		}
		return v, nil
	}
	for _, l := range layers {
		for _, jx := range l.JobXML {
			p, err := eval(jx)
			if err != nil {
				return nil, err
			}
			path := hdfsstore.Join(appDir(job), p)
			data, err := e.files().ReadFile(ctx, path)
			if err != nil {
				return nil, &actionFailure{code: "E0701", msg: "job-xml: " + err.Error()}
			}
			props, err := parseJobXML(path, data)
			if err != nil {
				return nil, &actionFailure{code: "E0701", msg: err.Error()}
			}
			for k, v := range props {
				conf[k] = v
			}
		}
		for _, p := range l.Properties {
			k, err := eval(p.Name)
			if err != nil {
				return nil, err
			}
			if conf[k], err = eval(p.Value); err != nil {
				return nil, err
			}
		}
	}
	return conf, nil
}

// hadoopConf is a Hadoop configuration XML document.
type hadoopConf struct {
	XMLName  xml.Name `xml:"configuration"`
	Property []struct {
		Name  string `xml:"name"`
		Value string `xml:"value"`
	} `xml:"property"`
}

// parseJobXML reads a job-xml file (Hadoop configuration XML).
func parseJobXML(path string, data []byte) (map[string]string, error) {
	var c hadoopConf
	if err := xml.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("job-xml %s is not a Hadoop configuration: %w", path, err)
	}
	out := map[string]string{}
	for _, p := range c.Property {
		out[p.Name] = p.Value
	}
	return out, nil
}

// hadoopConfXML renders conf as Hadoop configuration XML, names sorted.
func hadoopConfXML(conf map[string]string) []byte {
	keys := make([]string, 0, len(conf))
	for k := range conf {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n")
	for _, k := range keys {
		b.WriteString("  <property><name>")
		xml.EscapeText(&b, []byte(k))
		b.WriteString("</name><value>")
		xml.EscapeText(&b, []byte(conf[k]))
		b.WriteString("</value></property>\n")
	}
	b.WriteString("</configuration>\n")
	return b.Bytes()
}
