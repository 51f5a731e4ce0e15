package schemas

import (
	_ "embed"
	"strings"
)

// The IANA time zone database, as the zip archive Go's toolchain builds from
// the IANA release named in tzdata/VERSION (public domain data). coordc loads
// every zone from here, never from the host, so plans are the same on every
// machine.
//
//go:embed tzdata/zoneinfo.zip
var tzdataZip []byte

//go:embed tzdata/VERSION
var tzdataVersion string

// TZDataZip returns the embedded zoneinfo archive (uncompressed zip entries
// named by zone ID).
func TZDataZip() []byte { return tzdataZip }

// TZDataVersion returns the IANA release of the embedded database, e.g. "2025c".
func TZDataVersion() string { return strings.TrimSpace(tzdataVersion) }
