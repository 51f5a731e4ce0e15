package webhdfsfake

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
)

// userPattern is dfs.webhdfs.user.provider.user.pattern's default.
var userPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9._-]*[$]?$`)

// anonymousUser is who an unauthenticated request runs as when anonymous
// access is allowed (hadoop.http.staticuser.user).
const anonymousUser = "dr.who"

// principal is who a request runs as and how it proved it.
type principal struct {
	user  string
	token string // the delegation token used, if any
}

// identify authenticates a request. On refusal it writes the answer and
// returns false: 401 from the authentication filter (plain text, with the
// WWW-Authenticate challenge) when credentials are missing, 403
// SecurityException for an unknown delegation token, 400 for a user.name
// outside the allowed pattern.
func (s *Server) identify(w http.ResponseWriter, q url.Values, contentType string) (principal, bool) {
	if tok := q.Get("delegation"); tok != "" {
		user, ok := s.opts.Tokens[tok]
		if !ok {
			writeRemote(w, contentType, newRemote(exSecurity,
				"Failed to obtain user group information: org.apache.hadoop.security.token.SecretManager$InvalidToken: token is expired or does not exist"))
			return principal{}, false
		}
		return principal{user: user, token: tok}, true
	}
	if s.opts.Secure {
		unauthorized(w, "Negotiate")
		return principal{}, false
	}
	user := q.Get("user.name")
	if user == "" {
		if s.opts.RequireUser {
			unauthorized(w, "PseudoAuth")
			return principal{}, false
		}
		return principal{user: anonymousUser}, true
	}
	if !userPattern.MatchString(user) {
		writeRemote(w, contentType, newRemote(exIllegalArg, fmt.Sprintf(
			"Invalid value for webhdfs parameter \"user.name\": Invalid value: \"%s\" does not belong to the domain %s",
			user, userPattern)))
		return principal{}, false
	}
	return principal{user: user}, true
}

// unauthorized is the hadoop-auth filter's answer: a servlet error page,
// not JSON.
func unauthorized(w http.ResponseWriter, scheme string) {
	w.Header().Set("WWW-Authenticate", scheme)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusUnauthorized)
	_, _ = w.Write([]byte("Authentication required"))
}

// Access bits, as FsAction.
const (
	accRead  = 4
	accWrite = 2
)

var accessNames = map[uint16]string{accRead: "READ", accWrite: "WRITE"}

// checkAccess is the fake's permission check of user on inode n at p.
func (s *Server) checkAccess(user string, n *inode, p string, access uint16) *remote {
	if user == s.opts.Superuser {
		return nil
	}
	bits := n.perm & 7
	if user == n.owner {
		bits = (n.perm >> 6) & 7
	}
	if bits&access == access {
		return nil
	}
	return newRemote(exAccessControl, fmt.Sprintf("Permission denied: user=%s, access=%s, inode=\"%s\":%s:%s:%s",
		user, accessNames[access], p, n.owner, n.group, n.symbolic()))
}
