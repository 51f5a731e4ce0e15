package ir

import "github.com/hashicorp/hcl/v2"

// Text is one piece of definition text (an attribute value or an element's
// content): the EL template as written and its value after the submit phase.
type Text struct {
	// Raw is the decoded text as written (entities expanded, CDATA unwrapped).
	Raw string
	// Template is Raw parsed as EL; nil when Raw failed to parse.
	Template *Template
	// Value is the result of the submit-phase evaluation; valid when Known.
	Value string
	// Known is false until the submit phase has evaluated the text, and stays
	// false when the value depends on an undefined parameter.
	Known bool
	// Range covers the text in the source (the attribute value without quotes,
	// or the element content).
	Range hcl.Range
}

// Present reports whether the text was written at all.
func (t *Text) Present() bool { return t != nil }
