package java

import "testing"

func TestTrim(t *testing.T) {
	for in, want := range map[string]string{
		"":                "",
		"  x  ":           "x",
		"\t\r\n\x00x\x1f": "x",
		"\u00a0x\u00a0":   "\u00a0x\u00a0", // not a Java trim character
		"a b":             "a b",
		"   ":             "",
	} {
		if got := Trim(in); got != want {
			t.Errorf("Trim(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseBoolean(t *testing.T) {
	for in, want := range map[string]bool{
		"true": true, "TRUE": true, "tRuE": true,
		"": false, "false": false, "yes": false, "1": false, " true": false, "truee": false, "tru": false,
		"\x14RUE": false, // 'T'|0x20 is 't', but 0x14|0x20 is 0x34
	} {
		if got := ParseBoolean(in); got != want {
			t.Errorf("ParseBoolean(%q) = %v, want %v", in, got, want)
		}
	}
}
