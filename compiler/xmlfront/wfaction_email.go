package xmlfront

import (
	"fmt"
	"strings"

	"github.com/coordc/coordc/compiler/ir"
)

// emailNS are the email action namespaces (email-action-0.1, 0.2.xsd).
var emailNS = versioned{prefix: "uri:oozie:email-action:", versions: []ir.Version{"0.1", "0.2"}}

// emailSchemas holds the email action schema of each version by namespace.
var emailSchemas = lazySchemas(emailNS.prefix, emailNS.versions, func(v ir.Version) *schema {
	return &schema{family: "email action", version: v, ns: emailNS.prefix + string(v), roots: map[string]*elemDecl{"email": emailDecl(v)}}
})

// emailType is the email action: one message sent over SMTP.
type emailType struct{}

func (emailType) name() string { return ir.ActionEmail }

func (emailType) describe() string { return "email (" + emailNS.span() + ")" }

func (emailType) builtin(ir.Version) (string, *elemDecl) { return "", nil }

func (emailType) external(space, local string) (*elemDecl, *schema) {
	if local != "email" || !strings.HasPrefix(space, emailNS.prefix) {
		return nil, nil
	}
	if sc, ok := emailSchemas(space); ok {
		return sc.roots["email"], sc
	}
	return unchecked, nil
}

func (emailType) claims(_ string, e *element) bool {
	return e.local == "email" && strings.HasPrefix(e.space, emailNS.prefix)
}

// build reads <email>. Addresses, subject and content type are trimmed;
// the body is kept as written.
func (emailType) build(b *wfBuilder, e *element) ir.ActionBody {
	if _, ok := emailNS.version(e.space); !ok {
		b.errorf(b.declRange(e), "E0701", fmt.Sprintf("Email actions use one of the namespaces %s. Correct the xmlns of <email>.", emailNS.span()),
			"Unknown email action namespace %q", e.space)
		return nil
	}
	m := &ir.EmailAction{}
	for _, k := range e.kids {
		switch k.local {
		case "to":
			m.To = b.template(k, trim)
		case "cc":
			m.Cc = b.template(k, trim)
		case "bcc":
			m.Bcc = b.template(k, trim)
		case "subject":
			m.Subject = b.template(k, trim)
		case "body":
			m.Body = b.template(k, asWritten)
		case "content_type":
			m.ContentType = b.template(k, trim)
		case "attachment":
			m.Attachment = b.template(k, trim)
		}
	}
	return m
}

// emailDecl is <email> in email action schema v: to, cc, subject, body;
// 0.2 adds bcc, content_type and attachment.
func emailDecl(v ir.Version) *elemDecl {
	kids := map[string]*elemDecl{"to": text(), "cc": text(), "subject": text(), "body": text()}
	if v == "0.1" {
		return &elemDecl{content: elementOnly, alts: seq(one("to"), opt("cc"), one("subject"), one("body")), kids: kids}
	}
	kids["bcc"], kids["content_type"], kids["attachment"] = text(), text(), text()
	return &elemDecl{content: elementOnly, kids: kids,
		alts: seq(one("to"), opt("cc"), opt("bcc"), one("subject"), one("body"), opt("content_type"), opt("attachment"))}
}
