package el

import "testing"

// TestMapValue: a Map reads entries with [key] and .key (null when
// absent), prints like Java's Map.toString with sorted keys, and converts
// to no number.
func TestMapValue(t *testing.T) {
	env := &Env{Vars: func(name string) (Value, bool) {
		if name == "m" {
			return Map{"b": "2", "a": "1"}, true
		}
		return nil, false
	}}
	tests := map[string]string{
		"${m.a}|${m['b']}|${m.zz == null}|${m[m.a]}|${m.zz}": "1|2|true||",
		"${m}":                            "{a=1, b=2}",
		"${m == '{a=1, b=2}'}|${m.a + 1}": "true|2",
		"${m + 1}":                        "EL006: Cannot evaluate EL expression: cannot convert {a=1, b=2} to an integer",
	}
	for in, want := range tests {
		if got := evalText(t, in, env); got != want {
			t.Errorf("%s = %q, want %q", in, got, want)
		}
	}
	if got := (Map{}).String(); got != "{}" {
		t.Errorf("empty map: %q", got)
	}
}
