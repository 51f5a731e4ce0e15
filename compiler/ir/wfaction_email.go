package ir

// ActionEmail is the email action type, as WorkflowNode.Type names it.
const ActionEmail = "email"

// EmailAction is an email action (uri:oozie:email-action:0.1, 0.2): one
// message sent over SMTP. To, Cc and Bcc are comma-separated address
// lists; Attachment is a comma-separated list of paths (0.2). Optional
// elements are nil when absent.
type EmailAction struct {
	To, Cc, Bcc   *Template
	Subject, Body *Template
	ContentType   *Template
	Attachment    *Template
}

// Templates implements ActionBody.
func (a *EmailAction) Templates() []*Template {
	var out []*Template
	for _, t := range []*Template{a.To, a.Cc, a.Bcc, a.Subject, a.Body, a.ContentType, a.Attachment} {
		if t != nil {
			out = append(out, t)
		}
	}
	return out
}
