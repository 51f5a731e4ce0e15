package flink

import "testing"

func TestJobIDRecipe(t *testing.T) {
	// Pinned so that a change of recipe, which would orphan recorded jobs,
	// cannot go unnoticed; computed independently with Python's hashlib.
	if got, want := JobID("C@1", 1), "7b172c4357ee3ee9c519c65d8c63f6d8"; got != want {
		t.Errorf("JobID(C@1, 1) = %s, want %s", got, want)
	}
	if got, want := TriggerID(JobID("C@1", 1), "stop"), "bf92ae57cbbc6193438bba251a07c1e4"; got != want {
		t.Errorf("TriggerID = %s, want %s", got, want)
	}
}

func TestJobIDsAreDistinctAndWellFormed(t *testing.T) {
	seen := map[string]string{}
	for _, tc := range []struct {
		action  string
		attempt int
	}{{"a", 12}, {"a1", 2}, {"a", 1}, {"a", 2}, {"", 0}, {"0000001-250330000000000-oozie-C@1", 1}} {
		id := JobID(tc.action, tc.attempt)
		if !validID(id) {
			t.Errorf("JobID(%q, %d) = %q, not 32 lower-case hex digits", tc.action, tc.attempt, id)
		}
		key := tc.action + "/" + string(rune('0'+tc.attempt))
		if prev, dup := seen[id]; dup {
			t.Errorf("JobID collision between %s and %s", prev, key)
		}
		seen[id] = key
		if JobID(tc.action, tc.attempt) != id {
			t.Errorf("JobID(%q, %d) is not deterministic", tc.action, tc.attempt)
		}
	}
	if TriggerID("x", "stop") == TriggerID("x", "savepoint") {
		t.Error("trigger ids of different purposes collide")
	}
}

func TestValidID(t *testing.T) {
	for s, want := range map[string]bool{
		"7b172c4357ee3ee9c519c65d8c63f6d8":  true,
		"7B172C4357EE3EE9C519C65D8C63F6D8":  false,
		"7b172c4357ee3ee9c519c65d8c63f6d":   false,
		"7b172c4357ee3ee9c519c65d8c63f6d8a": false,
		"7b172c4357ee3ee9c519c65d8c63f6dg":  false,
		"":                                  false,
	} {
		if got := validID(s); got != want {
			t.Errorf("validID(%q) = %v, want %v", s, got, want)
		}
	}
}
