package settings

import (
	"fmt"
	"net/url"
	"os"
	"os/user"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"
)

// Environment variables read by FromCLI.
const (
	EnvWebHDFS = "COORDC_WEBHDFS"
	EnvFlink   = "COORDC_FLINK"
	// EnvState is the state database (a SQLite path or a postgres://
	// URL) of apply and every ops command, below --state and above the
	// runtime block's state.
	EnvState = "COORDC_STATE"
)

// Flag names.
const (
	FlagWebHDFS = "webhdfs"
	FlagFlink   = "flink"
)

// Settings are the resolved runtime connections.
type Settings struct {
	WebHDFS WebHDFS
	// FlinkURL is the JobManager REST address; "" means none.
	FlinkURL string
	// SMTP is the server of email actions (ResolveSMTP).
	SMTP SMTP
	// FlinkSQL is the SQL Gateway of flink-sql actions (ResolveFlinkSQL).
	FlinkSQL FlinkSQL
	// File is the runtime block the settings came from (nil when none),
	// for the ssh block, which Build reads.
	File *File
}

// WebHDFS are the WebHDFS connection settings.
type WebHDFS struct {
	// Nameservices maps nameservice names (or host[:port] authorities) to
	// NameNode HTTP(S) base URLs in failover order; empty means none.
	Nameservices map[string][]string
	// DefaultNameservice serves absolute paths and hdfs:///p.
	DefaultNameservice string
	// Source says where the endpoints came from: "--webhdfs",
	// EnvWebHDFS, the configuration file name, or "".
	Source             string
	User               string
	DelegationToken    string
	CAFile             string
	InsecureSkipVerify bool
}

// Flags are the command-line flags FromCLI reads.
func Flags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: FlagWebHDFS, Usage: "WebHDFS NameNode endpoints `[NAMESERVICE=]URL[,URL…]` in failover order (repeatable; overrides " + EnvWebHDFS + " and .coordc.hcl)"},
		&cli.StringFlag{Name: FlagFlink, Usage: "Flink JobManager REST `URL` (overrides " + EnvFlink + " and .coordc.hcl)"},
		&cli.StringFlag{Name: FlagSMTP, Usage: smtpFlag()},
		&cli.StringFlag{Name: FlagFlinkSQLGateway, Usage: "Flink SQL Gateway REST `URL` of flink-sql actions (overrides " + EnvFlinkSQLGateway + " and .coordc.hcl)"},
	}
}

// FromCLI resolves the settings from c's flags, the environment and the
// runtime block of the configuration file (nil when there is none).
func FromCLI(c *cli.Context, file *File) (Settings, error) {
	s, err := Resolve(c.StringSlice(FlagWebHDFS), c.String(FlagFlink), os.Getenv, file)
	if err == nil {
		s.SMTP, err = ResolveSMTP(c.String(FlagSMTP), os.Getenv, file)
	}
	if err == nil {
		s.FlinkSQL, err = ResolveFlinkSQL(c.String(FlagFlinkSQLGateway), os.Getenv, file)
	}
	s.File = file
	return s, err
}

// Resolve applies the precedence flag > environment > file. webhdfs are
// the --webhdfs values, flinkURL the --flink value, getenv reads the
// environment.
func Resolve(webhdfs []string, flinkURL string, getenv func(string) string, file *File) (Settings, error) {
	if file == nil {
		file = &File{}
	}
	s := Settings{FlinkURL: firstOf(flinkURL, getenv(EnvFlink), file.FlinkURL)}
	if s.FlinkURL != "" {
		if u, err := url.Parse(s.FlinkURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return s, fmt.Errorf("the Flink URL %q is not an http(s) address such as http://jobmanager:8081", s.FlinkURL)
		}
	}
	w := &s.WebHDFS
	w.User, w.DelegationToken, w.CAFile, w.InsecureSkipVerify = file.User, file.DelegationToken, file.CAFile, file.InsecureSkipVerify
	var entries []string
	switch env := getenv(EnvWebHDFS); {
	case len(webhdfs) > 0:
		entries, w.Source = webhdfs, "--"+FlagWebHDFS
	case strings.TrimSpace(env) != "":
		entries, w.Source = strings.Split(env, ";"), EnvWebHDFS
	case len(file.Nameservices) > 0:
		w.Nameservices, w.DefaultNameservice, w.Source = file.Nameservices, file.DefaultNameservice, file.Filename
	}
	if entries != nil {
		var err error
		if w.Nameservices, w.DefaultNameservice, err = parseEntries(entries, w.Source); err != nil {
			return s, err
		}
		if w.DefaultNameservice == "" && w.Nameservices[file.DefaultNameservice] != nil {
			w.DefaultNameservice = file.DefaultNameservice
		}
	}
	if w.DefaultNameservice == "" && len(w.Nameservices) == 1 {
		for ns := range w.Nameservices {
			w.DefaultNameservice = ns
		}
	}
	if len(w.Nameservices) > 0 && w.User == "" && w.DelegationToken == "" {
		w.User = getenv("HADOOP_USER_NAME")
		if u, err := user.Current(); w.User == "" && err == nil {
			w.User = u.Username
		}
	}
	return s, nil
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// parseEntries reads "[NAMESERVICE=]URL[,URL…]" entries. An entry without
// a name is keyed by its first endpoint's host and is the default.
func parseEntries(entries []string, source string) (map[string][]string, string, error) {
	out := map[string][]string{}
	def := ""
	for _, e := range entries {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		name, list := "", e
		if i := strings.Index(e, "="); i >= 0 && (!strings.Contains(e, "://") || i < strings.Index(e, "://")) {
			name, list = strings.TrimSpace(e[:i]), e[i+1:]
			if name == "" {
				return nil, "", fmt.Errorf("%s: %q has an empty nameservice name before '='; write NAMESERVICE=URL[,URL…] or just URL[,URL…]", source, e)
			}
		}
		var urls []string
		for _, u := range strings.Split(list, ",") {
			if u = strings.TrimSpace(u); u != "" {
				urls = append(urls, u)
			}
		}
		if len(urls) == 0 {
			return nil, "", fmt.Errorf("%s: %q names no endpoint; write [NAMESERVICE=]URL[,URL…], such as ns1=http://nn1:9870,http://nn2:9870", source, e)
		}
		if name == "" {
			if def != "" {
				return nil, "", fmt.Errorf("%s: more than one entry has no nameservice name; name them as NAMESERVICE=URL[,URL…]", source)
			}
			u, err := url.Parse(urls[0])
			if err != nil || u.Hostname() == "" {
				return nil, "", fmt.Errorf("%s: endpoint %q must be an http:// or https:// URL with a host, such as http://nn1:9870", source, urls[0])
			}
			name, def = strings.ToLower(u.Hostname()), strings.ToLower(u.Hostname())
		}
		if _, dup := out[name]; dup {
			return nil, "", fmt.Errorf("%s: nameservice %q is given twice", source, name)
		}
		out[name] = urls
	}
	return out, def, nil
}

// Describe is a one-line summary for logs and error messages, without the
// delegation token.
func (s Settings) Describe() string {
	var parts []string
	names := make([]string, 0, len(s.WebHDFS.Nameservices))
	for ns := range s.WebHDFS.Nameservices {
		names = append(names, ns)
	}
	sort.Strings(names)
	for _, ns := range names {
		parts = append(parts, fmt.Sprintf("webhdfs %s=%s", ns, strings.Join(s.WebHDFS.Nameservices[ns], ",")))
	}
	if s.FlinkURL != "" {
		parts = append(parts, "flink "+s.FlinkURL)
	}
	if len(parts) == 0 {
		return "local file system only"
	}
	return strings.Join(parts, "; ")
}
