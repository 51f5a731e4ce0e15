package plan

import (
	"strings"

	"github.com/gosimple/slug"
)

// slugLang is the one transliteration table coordc uses for action IDs.
const slugLang = "en"

// emptySlug stands in for a coordinator name with nothing to keep in a slug
// (only punctuation, for example), so that IDs never start with "@".
const emptySlug = "coordinator"

// Slug returns the action ID prefix of a coordinator name: gosimple/slug with
// its default settings and English transliteration, after turning every "_"
// into "-" so that "daily_etl" and "daily-etl" read the same way. This is the
// only place coordc calls the slug library; it never changes the library's
// package-level settings.
func Slug(name string) string {
	var s string
	if isASCII(name) {
		s = asciiSlug(strings.ReplaceAll(name, "_", "-"))
	} else {
		s = slug.MakeLang(strings.ReplaceAll(name, "_", "-"), slugLang)
	}
	if s == "" {
		return emptySlug
	}
	return s
}

// asciiSlug is slug.MakeLang(s, "en") for ASCII text, whose
// transliteration is the identity: the library builds its transliteration
// table (about 5 ms of CPU) on the first call whatever the text, which
// every lint and plan run would pay for names that are nearly always ASCII.
// TestASCIISlug checks it against the library.
func asciiSlug(s string) string {
	var b strings.Builder
	dash := false // the last byte written is a '-'
	for _, c := range []byte(strings.TrimSpace(s)) {
		var part string
		switch {
		case c == '"' || c == '\'':
			continue // dropped by the library's substitutions
		case c == '&':
			part = "and"
		case c == '@':
			part = "at"
		case c >= 'A' && c <= 'Z':
			part = string(rune(c + 'a' - 'A'))
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_':
			part = string(rune(c))
		default:
			part = "-"
		}
		if part == "-" && dash {
			continue
		}
		dash = part == "-"
		b.WriteString(part)
	}
	return strings.Trim(b.String(), "-_")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
