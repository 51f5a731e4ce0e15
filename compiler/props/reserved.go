package props

// ReservedNames are the EL constants Oozie refuses as user properties
// (PropertiesUtils.checkDisallowedProperties, E0808 "Disallowed user
// property"). Read-only.
var ReservedNames = []string{
	"YEAR", "MONTH", "DAY", "HOUR", "MINUTE",
	"DAYS", "HOURS", "MINUTES",
	"KB", "MB", "GB", "TB", "PB",
	"RECORDS", "MAP_IN", "MAP_OUT", "REDUCE_IN", "REDUCE_OUT", "GROUPS",
}

// IsReserved reports whether name is one of ReservedNames. The match is
// case-sensitive, like Hadoop configuration keys.
func IsReserved(name string) bool {
	for _, r := range ReservedNames {
		if r == name {
			return true
		}
	}
	return false
}
