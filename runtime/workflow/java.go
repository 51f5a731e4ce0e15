package workflow

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/runtime/hdfsstore"
	"github.com/coordc/coordc/runtime/launch"
)

// Java system properties the engine passes to a java action's JVM, as
// Oozie's launcher does.
const (
	// JavaConfProperty names the action configuration file.
	JavaConfProperty = "oozie.action.conf.xml"
	// JavaOutputProperty names the file a main class writes its
	// capture-output to (Java properties).
	JavaOutputProperty = "oozie.action.output.properties"
)

// javaRun is a resolved java action.
type javaRun struct {
	java      string
	mainClass string
	opts      []string
	args      []string
	conf      map[string]string
}

// evalAction evaluates a template of an action's definition; an EL error
// is a definition failure (the action and the job fail).
func (s *evalState) evalAction(t *ir.Template) (string, error) {
	v, diags := s.evaluate(t)
	if diags.HasErrors() {
		return "", &actionFailure{code: CodeELError, msg: diagText(diags)}
	}
	return v, nil
}

// javaBinary finds the java launcher: $JAVA_HOME/bin/java when JAVA_HOME
// is set, else java on PATH.
func javaBinary() (string, error) {
	if home := os.Getenv("JAVA_HOME"); home != "" {
		p := filepath.Join(home, "bin", "java")
		if st, err := os.Stat(p); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
			return "", fmt.Errorf("JAVA_HOME is %s, but %s is not an executable file", home, p)
		}
		return p, nil
	}
	p, err := exec.LookPath("java")
	if err != nil {
		return "", errors.New("no java found: set JAVA_HOME or put java on PATH")
	}
	return p, nil
}

// resolveJava evaluates the java action's definition. The JVM options are,
// as in Oozie, mapred.child.java.opts, mapreduce.map.java.opts (both from
// the action configuration, whitespace-separated), then <java-opts>
// (whitespace-separated) or each <java-opt> (one option each).
func (e *Engine) resolveJava(ctx context.Context, job *jobRow, n *ir.WorkflowNode, s *evalState) (*javaRun, error) {
	j := body[*ir.JavaAction](n)
	run := &javaRun{}
	var err error
	if run.conf, err = e.resolveConf(ctx, job, &j.Conf, s); err != nil {
		return nil, err
	}
	if run.mainClass, err = s.evalAction(j.MainClass); err != nil {
		return nil, err
	}
	if run.mainClass == "" {
		return nil, &actionFailure{code: "E0701", msg: fmt.Sprintf("main-class at %s is empty", j.MainClass.Range)}
	}
	run.opts = append(strings.Fields(run.conf["mapred.child.java.opts"]), strings.Fields(run.conf["mapreduce.map.java.opts"])...)
	if j.JavaOpts != nil {
		v, err := s.evalAction(j.JavaOpts)
		if err != nil {
			return nil, err
		}
		run.opts = append(run.opts, strings.Fields(v)...)
	}
	for _, t := range j.JavaOpt {
		v, err := s.evalAction(t)
		if err != nil {
			return nil, err
		}
		if v = strings.TrimSpace(v); v != "" {
			run.opts = append(run.opts, v)
		}
	}
	for _, t := range j.Args {
		v, err := s.evalAction(t)
		if err != nil {
			return nil, err
		}
		run.args = append(run.args, v)
	}
	return run, nil
}

// javaOutputFile is where attempt number retries of a java action writes
// its capture-output: each attempt has its own file, so an attempt never
// reads what an earlier one wrote.
func javaOutputFile(dir string, retries int) string {
	return filepath.Join(dir, fmt.Sprintf("output.%d.properties", retries))
}

// startJava launches a PREP java action, or relaunches a RUNNING one whose
// launch never started the JVM.
func (e *Engine) startJava(ctx context.Context, a *nodeRun, s *evalState) error {
	job, w, n, r := a.job, a.w, a.n, a.r
	run, err := e.resolveJava(ctx, job, n, s)
	var f *actionFailure
	if errors.As(err, &f) {
		return e.fail(ctx, job, r, f)
	}
	if err != nil {
		return err
	}
	if run.java, err = javaBinary(); err != nil {
		return e.finish(ctx, job, w, n, r, outcome{code: "LAUNCH_ERROR", msg: err.Error(), extStatus: "FAILED"})
	}
	dir := nodeDir(job, n)
	classpath, err := e.prepareJava(ctx, a, s, dir, run)
	if err != nil {
		if errors.As(err, &f) {
			return e.fail(ctx, job, r, f)
		}
		return e.finish(ctx, job, w, n, r, outcome{code: fsErrorCode(err), msg: err.Error(), extStatus: "FAILED"})
	}
	argv := append([]string{run.java}, run.opts...)
	argv = append(argv,
		"-D"+JavaConfProperty+"="+filepath.Join(dir, ConfXMLFile),
		"-D"+JavaOutputProperty+"="+javaOutputFile(dir, r.retries),
		"-Doozie.job.id="+job.id, "-Doozie.action.id="+r.id,
		"-cp", strings.Join(classpath, string(os.PathListSeparator)), run.mainClass)
	argv = append(argv, run.args...)
	env := []string{"OOZIE_ACTION_CONF_XML=" + filepath.Join(dir, ConfXMLFile)}
	return e.launchNode(ctx, a, launch.Spec{Dir: dir, Args: argv, Env: env},
		map[string]any{"argv": argv, "conf": run.conf, "main": run.mainClass})
}

// prepareJava runs the prepare operations, writes the action
// configuration, links the <file>s and unpacks the <archive>s into the
// node directory, and returns the classpath: the node directory, the jars
// in it, and the jars of the application's lib/ directory (copied from
// HDFS for an application there), as Oozie puts them on the launcher's
// classpath.
func (e *Engine) prepareJava(ctx context.Context, a *nodeRun, s *evalState, dir string, run *javaRun) ([]string, error) {
	j := body[*ir.JavaAction](a.n)
	for _, op := range j.Prepare {
		if err := e.runOp(ctx, op, s, false); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	if err := writeAtomic(filepath.Join(dir, ConfXMLFile), hadoopConfXML(run.conf), false); err != nil {
		return nil, err
	}
	app := appDir(a.job)
	for _, t := range j.Files {
		v, err := s.evalAction(t)
		if err != nil {
			return nil, err
		}
		src, link, err := actionFileLink("<file>", v)
		if err != nil {
			return nil, err
		}
		lp, err := localPath(src, app)
		if err != nil {
			return nil, err
		}
		if err := relink(lp, filepath.Join(dir, link)); err != nil {
			return nil, err
		}
	}
	for _, t := range j.Archives {
		v, err := s.evalAction(t)
		if err != nil {
			return nil, err
		}
		src, link, err := actionFileLink("<archive>", v)
		if err != nil {
			return nil, err
		}
		lp, err := localPath(src, app)
		if err != nil {
			return nil, err
		}
		if err := unpackArchive(lp, filepath.Join(dir, link)); err != nil {
			return nil, &fsError{code: "FS004", msg: err.Error()}
		}
	}
	classpath := []string{dir, filepath.Join(dir, "*")}
	lib, err := e.appLib(ctx, a.job, dir)
	if err != nil {
		return nil, &fsError{code: "FS004", msg: "lib/: " + err.Error()}
	}
	if lib != "" {
		classpath = append(classpath, filepath.Join(lib, "*"))
	}
	return classpath, nil
}

// appLib returns the local directory holding the jars of the application's
// lib/ directory, "" when it has none: the directory itself for a local
// application; for one on HDFS, <dir>/lib with the jars copied there.
func (e *Engine) appLib(ctx context.Context, job *jobRow, dir string) (string, error) {
	app := appDir(job)
	if !hdfsstore.IsHDFS(app) {
		lib := filepath.Join(app, "lib")
		if st, err := os.Stat(lib); err != nil || !st.IsDir() {
			return "", nil
		}
		return lib, nil
	}
	c := e.files().HDFS()
	if c == nil {
		return "", fmt.Errorf("%s is on HDFS, and coordc has no HDFS configured", app)
	}
	uri := hdfsstore.Join(app, "lib")
	if ok, err := c.ExistsContext(ctx, uri); err != nil || !ok {
		return "", err
	}
	list, err := c.List(ctx, uri)
	if err != nil {
		return "", err
	}
	local := filepath.Join(dir, "lib")
	for _, st := range list {
		name := path.Base(st.PathSuffix)
		if st.Type != "FILE" || !strings.HasSuffix(name, ".jar") {
			continue
		}
		data, err := c.ReadFile(ctx, uri+"/"+name)
		if err != nil {
			return "", err
		}
		if err := writeAtomic(filepath.Join(local, name), data, false); err != nil {
			return "", err
		}
	}
	return local, nil
}

// actionFileLink splits a <file> or <archive> value "path[#name]" into the
// file and the name it gets in the node directory (the file's base name
// without #name). The name must be a plain file name, so that nothing is
// linked or unpacked outside the node directory; a bad one is a definition
// failure (E0701).
func actionFileLink(elem, v string) (src, link string, err error) {
	src, link, named := strings.Cut(v, "#")
	if !named {
		link = filepath.Base(src)
	}
	if link == "" || link == "." || link == ".." || strings.ContainsAny(link, "/\\\x00") {
		return "", "", &actionFailure{code: "E0701", msg: fmt.Sprintf("%s %q: the name %q is not a plain file name; write path#name", elem, v, link)}
	}
	return src, link, nil
}

// javaOutcome turns the JVM's exit status into an outcome: 0 (main
// returned, or System.exit(0)) is ok, with the capture-output file read;
// anything else (System.exit(n), an exception thrown by main, which the
// JVM reports with status 1) is an error whose code is the status.
func (e *Engine) javaOutcome(a *nodeRun, code int) outcome {
	dir := nodeDir(a.job, a.n)
	var rec struct{ Main string }
	_ = json.Unmarshal([]byte(a.r.conf), &rec) // recorded by startJava; "" names no class
	main := rec.Main
	if code != 0 {
		ext := "FAILED"
		if code == 128+15 || code == 128+9 {
			ext = "KILLED"
		}
		msg := fmt.Sprintf("Main Class [%s], exit code [%d]", main, code)
		if exc := uncaughtException(filepath.Join(dir, launch.StderrFile)); exc != "" {
			msg = fmt.Sprintf("Main Class [%s], main() threw exception, %s", main, exc)
		}
		return outcome{code: strconv.Itoa(code), extStatus: ext, msg: msg + "; see " + filepath.Join(dir, launch.StderrFile)}
	}
	out := outcome{ok: true, extStatus: "SUCCEEDED"}
	if body[*ir.JavaAction](a.n).CaptureOutput {
		data, err := readCapture(javaOutputFile(dir, a.r.retries))
		switch {
		case errors.Is(err, os.ErrNotExist):
			out.data = map[string]string{}
		case err != nil:
			return outcome{code: "OUTPUT_ERROR", msg: err.Error(), extStatus: "FAILED"}
		default:
			out.data = data
		}
	}
	return out
}

// uncaughtException returns the JVM's report of an exception thrown out of
// main ("java.lang.IllegalStateException: message"), the last one in the
// stderr file, or "".
func uncaughtException(stderr string) string {
	data, err := os.ReadFile(stderr)
	if err != nil {
		return ""
	}
	found := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), `Exception in thread "main" `); ok {
			found = rest
		}
	}
	return found
}

// javaRunner runs java actions: a JVM as a detached local process
// (package launch), recorded before it starts, as shell actions.
type javaRunner struct{}

func (javaRunner) process() localProcess {
	return localProcess{
		what:    "java",
		restart: func(ctx context.Context, e *Engine, a *nodeRun, s *evalState) error { return e.startJava(ctx, a, s) },
		outcome: func(e *Engine, a *nodeRun, code int) outcome { return e.javaOutcome(a, code) },
	}
}

func (javaRunner) start(ctx context.Context, e *Engine, a *nodeRun, s *evalState) error {
	return e.startJava(ctx, a, s)
}

func (x javaRunner) check(ctx context.Context, e *Engine, a *nodeRun) (bool, error) {
	return x.process().check(ctx, e, a)
}

// kill stops the JVM's process group: SIGTERM, then SIGKILL after
// KillGrace.
func (javaRunner) kill(ctx context.Context, e *Engine, job *jobRow, r *actionRow) error {
	return shellRunner{}.kill(ctx, e, job, r)
}
