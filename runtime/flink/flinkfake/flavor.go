package flinkfake

// Flavor selects which Flink REST dialect the fake speaks. The two published
// specs (rest_v1_dispatcher.yml for 2.x and its 1.20 snapshot) differ, for the
// operations the fake serves, in exactly these places:
//
//   - JarRunRequestBody: 1.20 still accepts the deprecated programArgs string
//     (and the program-args query parameter); 2.x removed both, so a 2.x
//     JobManager rejects a body carrying programArgs as an unknown field.
//   - JobExceptionsInfoWithHistory: 1.20 also writes the deprecated top-level
//     root-exception, timestamp, all-exceptions and truncated members, and a
//     location member in each history entry; 2.x writes only exceptionHistory.
//   - The claim-mode enum is called RestoreMode in 1.20 and RecoveryClaimMode
//     in 2.x; the JSON values (CLAIM, NO_CLAIM, LEGACY) are the same.
type Flavor int

const (
	// Flink2 is Flink 2.x (spec version v1/2.1-SNAPSHOT). It is the default.
	Flink2 Flavor = iota
	// Flink120 is Flink 1.20 (spec version v1/1.20-SNAPSHOT).
	Flink120
)

// String names the flavour as a Flink release line.
func (f Flavor) String() string {
	if f == Flink120 {
		return "1.20"
	}
	return "2.x"
}

// Version is the flink-version string the fake reports in GET /overview.
func (f Flavor) Version() string {
	if f == Flink120 {
		return "1.20.1"
	}
	return "2.0.0"
}

// commit is the flink-commit string the fake reports in GET /overview.
func (f Flavor) commit() string {
	if f == Flink120 {
		return "35f5613"
	}
	return "75ce17d"
}
