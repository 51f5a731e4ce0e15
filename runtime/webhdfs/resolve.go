package webhdfs

import (
	"fmt"
	"net"
	"net/url"
	"path"
	"sort"
	"strings"
)

// Default NameNode HTTP and HTTPS ports of Hadoop 3, used for webhdfs://
// and swebhdfs:// URIs without a port.
const (
	DefaultHTTPPort  = "9870"
	DefaultHTTPSPort = "9871"
)

// Resolver maps file system URIs to WebHDFS endpoints:
//
//   - hdfs://ns1/p, hdfs://host:port/p: the endpoints configured for the
//     authority ("ns1", "host:port"), else for the host alone; an
//     unconfigured authority is an error, because an hdfs:// port is the
//     NameNode's RPC port, not its HTTP port.
//   - webhdfs://host:port/p and swebhdfs://host:port/p: the configured
//     endpoints when the authority is configured; else the nameservice one
//     of whose endpoints is that authority over HTTP or HTTPS (default
//     ports 9870 and 9871); else an error.
//   - /p, hdfs:///p, webhdfs:///p: the default nameservice.
//
// Credentials (user.name, the delegation token) are sent to the resolved
// endpoints, so a URI never makes the client talk to a host that is not in
// the configuration: an unknown authority is an error, never a request.
//
// Authorities compare case-insensitively. Paths are cleaned.
type Resolver struct {
	nameservices map[string][]string
	byEndpoint   map[string]string // lowercase scheme://host:port of an endpoint → its nameservice
	def          string
}

// Location is where a URI points: the nameservice (the configured key, or
// scheme://host:port for an unconfigured webhdfs:// authority), its
// endpoint base URLs in failover order, and the absolute, clean path.
type Location struct {
	Nameservice string
	Endpoints   []string
	Path        string
}

// NewResolver checks and keeps the endpoint configuration: each key is a
// nameservice name or a host[:port] authority, each endpoint an http or
// https base URL such as "http://nn1:9870" (a path prefix, such as a Knox
// gateway's, is kept). defaultNameservice may be empty.
func NewResolver(nameservices map[string][]string, defaultNameservice string) (*Resolver, error) {
	r := &Resolver{nameservices: map[string][]string{}, byEndpoint: map[string]string{}, def: strings.ToLower(defaultNameservice)}
	keys := make([]string, 0, len(nameservices))
	for k := range nameservices {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "" || strings.ContainsAny(k, "/?#@ ") {
			return nil, fmt.Errorf("webhdfs: nameservice key %q must be a name or host:port", k)
		}
		if len(nameservices[k]) == 0 {
			return nil, fmt.Errorf("webhdfs: nameservice %q has no NameNode endpoints; list at least one http(s):// address", k)
		}
		var eps []string
		for _, raw := range nameservices[k] {
			ep, err := normalizeEndpoint(raw)
			if err != nil {
				return nil, fmt.Errorf("webhdfs: nameservice %q: %w", k, err)
			}
			eps = append(eps, ep)
		}
		lk := strings.ToLower(k)
		if _, dup := r.nameservices[lk]; dup {
			return nil, fmt.Errorf("webhdfs: nameservice %q is configured twice (keys compare case-insensitively)", k)
		}
		r.nameservices[lk] = eps
		for _, ep := range eps {
			if key := endpointKey(ep); r.byEndpoint[key] == "" {
				r.byEndpoint[key] = lk
			}
		}
	}
	if r.def != "" && r.nameservices[r.def] == nil {
		return nil, fmt.Errorf("webhdfs: default nameservice %q is not configured; add its endpoints or leave it empty", defaultNameservice)
	}
	return r, nil
}

// normalizeEndpoint checks one base URL and drops a trailing slash.
func normalizeEndpoint(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("endpoint %q is not a URL: %v", raw, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return "", fmt.Errorf("endpoint %q must be an http:// or https:// URL with a host, such as http://nn1:9870", raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("endpoint %q must not carry credentials, a query or a fragment", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u.String(), nil
}

// Resolve maps a URI or absolute path to its Location.
func (r *Resolver) Resolve(uri string) (Location, error) {
	if strings.HasPrefix(uri, "/") {
		return r.defaultLocation(uri, path.Clean(uri))
	}
	u, err := url.Parse(uri)
	if err != nil {
		return Location{}, fmt.Errorf("webhdfs: cannot read %q as a URI: %v", uri, err)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "hdfs" && scheme != "webhdfs" && scheme != "swebhdfs" {
		return Location{}, fmt.Errorf("webhdfs: %q is not an hdfs://, webhdfs:// or swebhdfs:// URI or an absolute path", uri)
	}
	if u.Opaque != "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return Location{}, fmt.Errorf("webhdfs: %q must be scheme://authority/path without user, query or fragment", uri)
	}
	p := path.Clean("/" + u.Path)
	if u.Host == "" {
		return r.defaultLocation(uri, p)
	}
	host := strings.ToLower(u.Host)
	for _, key := range []string{host, strings.ToLower(u.Hostname())} {
		if eps, ok := r.nameservices[key]; ok {
			return Location{Nameservice: key, Endpoints: eps, Path: p}, nil
		}
	}
	if scheme != "hdfs" {
		httpScheme, port := "http", DefaultHTTPPort
		if scheme == "swebhdfs" {
			httpScheme, port = "https", DefaultHTTPSPort
		}
		if u.Port() != "" {
			port = u.Port()
		}
		if ns, ok := r.byEndpoint[httpScheme+"://"+net.JoinHostPort(strings.ToLower(u.Hostname()), port)]; ok {
			return Location{Nameservice: ns, Endpoints: r.nameservices[ns], Path: p}, nil
		}
	}
	return Location{}, fmt.Errorf("webhdfs: no WebHDFS endpoint is configured for %q; add the NameNode HTTP address(es) of %q to the configuration (coordc sends credentials only to configured endpoints)", uri, u.Host)
}

// endpointKey is an endpoint's scheme://host:port, lowercase, with the
// default port made explicit.
func endpointKey(ep string) string {
	u, err := url.Parse(ep)
	if err != nil {
		return ep
	}
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return strings.ToLower(u.Scheme) + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

func (r *Resolver) defaultLocation(uri, p string) (Location, error) {
	if r.def == "" {
		return Location{}, fmt.Errorf("webhdfs: %q names no nameservice and no default nameservice is configured", uri)
	}
	return Location{Nameservice: r.def, Endpoints: r.nameservices[r.def], Path: p}, nil
}
