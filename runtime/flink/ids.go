package flink

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// JobID derives the Flink job id coordc uses for one attempt of one action,
// so that the id can be recorded before the submission and a retried
// submission is recognised by Flink as the same job.
//
// The id is the first 16 bytes of
//
//	SHA-256("coordc/flink-job/v1" 0x00 actionID 0x00 decimal(attempt))
//
// written as 32 lower-case hex digits, the form of Flink's JobID (two 64-bit
// halves). The NUL separators keep ("a", 12) and ("a1", 2) apart. Changing
// the recipe would orphan jobs recorded by older versions, hence the "v1".
func JobID(actionID string, attempt int) string {
	return hashID("coordc/flink-job/v1", actionID, strconv.Itoa(attempt))
}

// TriggerID derives the trigger id of an asynchronous operation (a
// stop-with-savepoint) on a job, named by purpose such as "stop". Flink keys
// operations by job id and trigger id, so re-sending a trigger with the same
// id after a crash reports the operation already running instead of starting
// a second one. Recipe: as JobID, over "coordc/flink-trigger/v1", jobID and
// purpose.
func TriggerID(jobID, purpose string) string {
	return hashID("coordc/flink-trigger/v1", jobID, purpose)
}

func hashID(parts ...string) string {
	h := sha256.New()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// validID reports whether s is a Flink JobID or TriggerId as coordc sends
// them: 32 lower-case hex digits.
func validID(s string) bool {
	if len(s) != 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
