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
	s := slug.MakeLang(strings.ReplaceAll(name, "_", "-"), slugLang)
	if s == "" {
		return emptySlug
	}
	return s
}
