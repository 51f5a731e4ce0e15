package ir

// ActionJava is the java action type, as WorkflowNode.Type names it.
const ActionJava = "java"

// JavaAction is a java action (part of the workflow schema): the main
// method of a class, run in a JVM.
type JavaAction struct {
	Conf      ActionConf
	Prepare   []*FsOp
	MainClass *Template
	// JavaOpts is <java-opts> (whitespace-separated options); nil when
	// absent. JavaOpt are the <java-opt> elements, one option each.
	JavaOpts      *Template
	JavaOpt       []*Template
	Args          []*Template
	Files         []*Template
	Archives      []*Template
	CaptureOutput bool
}

// Templates implements ActionBody.
func (a *JavaAction) Templates() []*Template {
	out := a.Conf.templates()
	out = append(out, fsOpTemplates(a.Prepare)...)
	out = append(out, a.MainClass)
	if a.JavaOpts != nil {
		out = append(out, a.JavaOpts)
	}
	out = append(out, a.JavaOpt...)
	out = append(out, a.Args...)
	out = append(out, a.Files...)
	return append(out, a.Archives...)
}
