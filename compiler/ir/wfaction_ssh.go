package ir

// ActionSSH is the ssh action type, as WorkflowNode.Type names it.
const ActionSSH = "ssh"

// SSHAction is an ssh action (uri:oozie:ssh-action:0.1, 0.2): a command
// run on a remote host.
type SSHAction struct {
	// Host is [user@]host[:port].
	Host    *Template
	Command *Template
	// Args are <args> elements, each split on whitespace as Oozie does;
	// Arg are 0.2's <arg> elements, one argument each.
	Args          []*Template
	Arg           []*Template
	CaptureOutput bool
}

// Templates implements ActionBody.
func (a *SSHAction) Templates() []*Template {
	out := []*Template{a.Host, a.Command}
	out = append(out, a.Args...)
	return append(out, a.Arg...)
}
