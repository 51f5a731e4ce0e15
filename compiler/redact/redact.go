// Package redact is coordc's one policy for secrets: which job properties
// are secret, and how their values are kept out of plans, status, logs,
// errors and the error directory.
//
// A property is secret when its name matches, ignoring case, one of the
// glob patterns of DefaultPatterns or of COORDC_SECRET_PATTERNS (globs
// separated by commas, added to the defaults); '*' matches any run of
// characters. A secret's value is shown as Mask: in place of the value of
// the property itself, and wherever the value appears inside other text
// (another property built from it, an error message, a log line) when it
// is at least MinScrubLength characters long, as shorter values would
// mask unrelated text. A nil *Policy redacts nothing: it is the
// --show-secrets escape for local debugging.
package redact

import (
	"encoding/json"
	"os"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
)

// DefaultPatterns are the names that are always secret.
var DefaultPatterns = []string{"*password*", "*passwd*", "*secret*", "*token*", "*credential*", "*.key", "*private.key*"}

// EnvPatterns names the environment variable with more patterns.
const EnvPatterns = "COORDC_SECRET_PATTERNS"

// Mask replaces a secret value.
const Mask = "(redacted)"

// MinScrubLength is the shortest secret value that is also masked inside
// other text.
const MinScrubLength = 4

// Policy holds the patterns and the secret values seen so far. The zero
// value is not usable; a nil Policy redacts nothing.
// Policy is safe for concurrent use.
type Policy struct {
	patterns []string

	mu     sync.RWMutex
	values []string // longest first, so that a secret containing another is masked whole
}

// New returns a policy with DefaultPatterns, the patterns of
// EnvPatterns read through getenv (nil means os.Getenv), and the secret
// values among props.
func New(getenv func(string) string, props map[string]string) *Policy {
	if getenv == nil {
		getenv = os.Getenv
	}
	p := &Policy{}
	for _, pat := range append(append([]string{}, DefaultPatterns...), strings.Split(getenv(EnvPatterns), ",")...) {
		if pat = strings.ToLower(strings.TrimSpace(pat)); pat != "" {
			p.patterns = append(p.patterns, pat)
		}
	}
	p.Add(props)
	return p
}

// IsSecret reports whether a property of this name is secret.
func (p *Policy) IsSecret(name string) bool {
	if p == nil {
		return false
	}
	// path.Match's '*' stops at '/', which names may contain.
	name = strings.ReplaceAll(strings.ToLower(name), "/", "\x00")
	for _, pat := range p.patterns {
		if ok, _ := path.Match(pat, name); ok {
			return true
		}
	}
	return false
}

// Add records the values of the secret properties among props, so that
// Text masks them.
func (p *Policy) Add(props map[string]string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for k, v := range props {
		if p.IsSecret(k) && len(v) >= MinScrubLength && !slices.Contains(p.values, v) {
			p.values = append(p.values, v)
		}
	}
	sort.Slice(p.values, func(i, j int) bool {
		if len(p.values[i]) != len(p.values[j]) {
			return len(p.values[i]) > len(p.values[j])
		}
		return p.values[i] < p.values[j]
	})
}

// AddJSON is Add for properties stored as a JSON object (the state
// database's job configuration); anything else is ignored.
func (p *Policy) AddJSON(conf string) {
	var m map[string]string
	if p != nil && json.Unmarshal([]byte(conf), &m) == nil {
		p.Add(m)
	}
}

// Value is the value to show for property name: Mask for a secret (an
// empty value stays empty), else value with known secrets masked.
func (p *Policy) Value(name, value string) string {
	if p == nil {
		return value
	}
	if p.IsSecret(name) && value != "" {
		return Mask
	}
	return p.Text(value)
}

// Text masks every known secret value in s.
func (p *Policy) Text(s string) string {
	if p == nil {
		return s
	}
	p.mu.RLock()
	defer p.mu.RUnlock()
	for _, v := range p.values {
		if strings.Contains(s, v) {
			s = strings.ReplaceAll(s, v, Mask)
		}
	}
	return s
}

// longest is the length of the longest known secret value.
func (p *Policy) longest() int {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if len(p.values) == 0 {
		return 0
	}
	return len(p.values[0])
}

// Active reports whether the policy can change anything (it is not the
// --show-secrets nil policy).
func (p *Policy) Active() bool { return p != nil }
