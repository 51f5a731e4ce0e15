package settings

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"time"

	"github.com/coordc/coordc/runtime/flink"
	"github.com/coordc/coordc/runtime/flinksql"
	"github.com/coordc/coordc/runtime/hdfsstore"
	"github.com/coordc/coordc/runtime/outage"
	"github.com/coordc/coordc/runtime/webhdfs"

	"github.com/coordc/coordc/runtime/mail"
	"github.com/coordc/coordc/runtime/sshrun"
)

// Runtime are the objects built from Settings.
type Runtime struct {
	// Mail sends email actions; nil when no SMTP server is configured.
	Mail *mail.Client
	// SSH runs ssh actions; nil when no key and known_hosts are usable.
	SSH *sshrun.Client
	// HDFS is nil when no WebHDFS endpoint is configured.
	HDFS *webhdfs.Client
	// Flink is nil when no Flink URL is configured.
	Flink *flink.Client
	// FlinkSQL runs flink-sql actions; nil when no SQL Gateway is
	// configured. FlinkSQLTimeout bounds one action (0: none).
	FlinkSQL        *flinksql.Client
	FlinkSQLTimeout time.Duration
	// Storage serves local paths and, with HDFS, HDFS URIs: the
	// scheduler's Storage and Deleter and the workflow engine's Files.
	Storage *hdfsstore.Storage
	// Outages follows whether the NameNodes and the JobManager answer;
	// give it a logger (SetLogger) to log outages and recoveries.
	Outages *outage.Tracker
}

// Build makes the clients. It checks the endpoints and reads the CA file
// but contacts no server.
func (s Settings) Build() (*Runtime, error) {
	rt := &Runtime{Outages: outage.New(nil)}
	if w := s.WebHDFS; len(w.Nameservices) > 0 {
		cfg := webhdfs.Config{Nameservices: w.Nameservices, DefaultNameservice: w.DefaultNameservice,
			User: w.User, DelegationToken: w.DelegationToken,
			Observe: func(ns string, err error) {
				rt.Outages.Observe("WebHDFS "+ns, webhdfs.IsUnreachable(err), err)
			}}
		if w.CAFile != "" || w.InsecureSkipVerify {
			cfg.TLS = &tls.Config{InsecureSkipVerify: w.InsecureSkipVerify} // opt-in, for tests only
			if w.CAFile != "" {
				pem, err := os.ReadFile(w.CAFile)
				if err != nil {
					return nil, fmt.Errorf("WebHDFS CA file: %w", err)
				}
				pool := x509.NewCertPool()
				if !pool.AppendCertsFromPEM(pem) {
					return nil, fmt.Errorf("WebHDFS CA file %s holds no PEM certificate", w.CAFile)
				}
				cfg.TLS.RootCAs = pool
			}
		}
		c, err := webhdfs.New(cfg)
		if err != nil {
			return nil, fmt.Errorf("WebHDFS endpoints from %s: %w", w.Source, err)
		}
		rt.HDFS = c
	}
	if s.FlinkURL != "" {
		c, err := flink.New(flink.Config{BaseURL: s.FlinkURL, Observe: func(err error) {
			rt.Outages.Observe("Flink "+s.FlinkURL, flink.IsUnreachable(err), err)
		}})
		if err != nil {
			return nil, err
		}
		rt.Flink = c
	}
	rt.Storage = hdfsstore.New(rt.HDFS)
	var err error
	if rt.Mail, err = s.SMTP.buildMail(); err != nil {
		return nil, err
	}
	if rt.SSH, err = buildSSH(s.File); err != nil {
		return nil, err
	}
	if rt.FlinkSQL, err = s.FlinkSQL.build(); err != nil {
		return nil, err
	}
	rt.FlinkSQLTimeout = s.FlinkSQL.Timeout
	return rt, nil
}
