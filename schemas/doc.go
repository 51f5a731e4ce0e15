// Package schemas embeds the data and published contracts coordc ships: the
// pinned IANA time zone database, the EL function catalog, and the JSON
// schemas of coordc's machine-readable outputs. It is a leaf package with no
// logic beyond accessors.
package schemas
