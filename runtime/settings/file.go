package settings

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
)

// File is the runtime block of .coordc.hcl.
type File struct {
	// Notify is the body of the notify block (package runtime/notify
	// decodes it), nil when there is none.
	Notify hcl.Body

	// Filename is the configuration file, for messages.
	Filename           string
	Nameservices       map[string][]string
	DefaultNameservice string
	User               string
	DelegationToken    string
	// CAFile is absolute, or relative to the working directory.
	CAFile             string
	InsecureSkipVerify bool
	FlinkURL           string
	// State is the state database: a postgres:// URL, or a SQLite path
	// made relative to the file's directory; "" when not set.
	State string
	// PurgeOlderThan makes apply purge the jobs finished longer ago
	// (coordc purge --older-than), hourly; "" never.
	PurgeOlderThan string
	// SMTP is the smtp block; nil when absent.
	SMTP *SMTPBlock
	// SSH is the ssh block; nil when absent.
	SSH *SSHBlock
	// FlinkSQL is the flink_sql block; nil when absent.
	FlinkSQL *FlinkSQLBlock
}

type runtimeBlock struct {
	State          string         `hcl:"state,optional"`
	PurgeOlderThan string         `hcl:"purge_older_than,optional"`
	WebHDFS        *webhdfsBlock  `hcl:"webhdfs,block"`
	Flink          *flinkBlock    `hcl:"flink,block"`
	SMTP           *SMTPBlock     `hcl:"smtp,block"`
	SSH            *SSHBlock      `hcl:"ssh,block"`
	FlinkSQL       *FlinkSQLBlock `hcl:"flink_sql,block"`
}

type webhdfsBlock struct {
	DefaultNameservice string             `hcl:"default_nameservice,optional"`
	User               string             `hcl:"user,optional"`
	DelegationToken    string             `hcl:"delegation_token,optional"`
	CAFile             string             `hcl:"ca_file,optional"`
	InsecureSkipVerify bool               `hcl:"insecure_skip_verify,optional"`
	Nameservices       []nameserviceBlock `hcl:"nameservice,block"`
	DefRange           hcl.Range          `hcl:",def_range"`
}

type nameserviceBlock struct {
	Name      string    `hcl:"name,label"`
	Endpoints []string  `hcl:"endpoints"`
	DefRange  hcl.Range `hcl:",def_range"`
}

type flinkBlock struct {
	URL string `hcl:"url"`
}

// DecodeBody decodes the body of a runtime block of the configuration
// file filename; ca_file is made relative to the file's directory. The
// diagnostics carry positions in the file.
func DecodeBody(body hcl.Body, filename string) (*File, hcl.Diagnostics) {
	f := &File{Filename: filename}
	if body == nil {
		return f, nil
	}
	var ndiags hcl.Diagnostics
	if body, f.Notify, ndiags = splitNotify(body); ndiags.HasErrors() {
		return f, ndiags
	}
	var rb runtimeBlock
	diags := gohcl.DecodeBody(body, nil, &rb)
	if diags.HasErrors() {
		return f, diags
	}
	if f.State = rb.State; f.State != "" && !strings.HasPrefix(f.State, "postgres://") &&
		!strings.HasPrefix(f.State, "postgresql://") && !filepath.IsAbs(f.State) {
		f.State = filepath.Join(filepath.Dir(filename), f.State)
	}
	f.PurgeOlderThan = rb.PurgeOlderThan
	if rb.Flink != nil {
		f.FlinkURL = rb.Flink.URL
	}
	f.SMTP, f.SSH, f.FlinkSQL = rb.SMTP, rb.SSH, rb.FlinkSQL
	w := rb.WebHDFS
	if w == nil {
		return f, diags
	}
	f.DefaultNameservice, f.User, f.DelegationToken, f.InsecureSkipVerify = w.DefaultNameservice, w.User, w.DelegationToken, w.InsecureSkipVerify
	if w.CAFile != "" {
		f.CAFile = w.CAFile
		if !filepath.IsAbs(f.CAFile) {
			f.CAFile = filepath.Join(filepath.Dir(filename), f.CAFile)
		}
	}
	for _, ns := range w.Nameservices {
		if f.Nameservices == nil {
			f.Nameservices = map[string][]string{}
		}
		if _, dup := f.Nameservices[ns.Name]; dup {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Subject: ns.DefRange.Ptr(),
				Summary: fmt.Sprintf("Duplicate nameservice %q", ns.Name),
				Detail:  "Each nameservice is configured once, with all its NameNode endpoints in failover order. Merge the blocks."})
			continue
		}
		if len(ns.Endpoints) == 0 {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Subject: ns.DefRange.Ptr(),
				Summary: fmt.Sprintf("Nameservice %q has no endpoints", ns.Name),
				Detail:  `List the NameNode HTTP addresses, such as endpoints = ["http://nn1:9870", "http://nn2:9870"].`})
			continue
		}
		f.Nameservices[ns.Name] = ns.Endpoints
	}
	if f.DefaultNameservice != "" && f.Nameservices[f.DefaultNameservice] == nil {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Subject: w.DefRange.Ptr(),
			Summary: fmt.Sprintf("Default nameservice %q is not configured", f.DefaultNameservice),
			Detail:  fmt.Sprintf("Add a nameservice %q block with its endpoints, or correct default_nameservice.", f.DefaultNameservice)})
	}
	return f, diags
}
