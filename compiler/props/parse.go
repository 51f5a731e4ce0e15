package props

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/coordc/coordc/compiler/java"
	"github.com/hashicorp/hcl/v2"
)

// Property is one key/value pair of a properties file, with the source
// ranges of its raw (still escaped) key and value text.
type Property struct {
	Key, Value string
	KeyRange   hcl.Range // empty range where the key would start when the key is empty
	ValueRange hcl.Range // empty range at the end of the line when the value is empty
	Range      hcl.Range // from the key to the end of the value
}

// MaxFileSize is the largest properties file coordc reads: 1 MiB. Real
// job.properties files hold tens of entries; the cap bounds a run's memory
// (a 50 MB file with a million keys took 1.5 GB before Read streamed the
// parse). The README documents it.
const MaxFileSize = 1 << 20

// Parse reads a .properties file held in memory (see Read) and returns its
// pairs in file order (each with its ranges, about 250 bytes a pair: large
// files are better read with Read), duplicates included (users see the last one; see
// ToMap). As Java does, a malformed \uXXXX escape stops the load: the
// pairs before it are returned with an error diagnostic.
func Parse(filename string, data []byte) ([]Property, hcl.Diagnostics) {
	var out []Property
	longest := 0
	for line := range bytes.Lines(data) {
		longest = max(longest, len(line))
	}
	diags, _ := read(filename, bytes.NewReader(data), utf8.Valid(data), longest, func(p Property) bool {
		out = append(out, p)
		return true
	})
	return out, diags
}

// ToMap returns the properties as a map; for a key given more than once the
// last value wins, as with java.util.Properties.
func ToMap(ps []Property) map[string]string {
	m := make(map[string]string, len(ps))
	for _, p := range ps {
		m[p.Key] = p.Value
	}
	return m
}

// ParseAssignment splits a command-line definition ("-D name=value") at the
// first '=' and trims the name, as Oozie's client does.
func ParseAssignment(s string) (key, value string, err error) {
	k, v, ok := strings.Cut(s, "=")
	if !ok {
		return "", "", fmt.Errorf("%q has no '=': write name=value", s)
	}
	if k = java.Trim(k); k == "" {
		return "", "", fmt.Errorf("%q has an empty name before '=': write name=value", s)
	}
	return k, v, nil
}
