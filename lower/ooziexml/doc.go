// Package ooziexml writes the IR as Oozie XML: coordinator-app documents
// (schema 0.1–0.5, with SLA 0.1/0.2 blocks) and bundle-app documents (0.1,
// 0.2). It picks the lowest schema version that can express a definition
// (CoordinatorVersion, BundleVersion) unless Options.Schema forces one.
//
// Output is indented by two spaces and stable: elements in schema order,
// attributes in a fixed order. Every value is written as its EL text
// (ir.Text.Raw), so parameters stay ${name} and nothing is evaluated.
// Comments of the IR are written before the first element that follows
// them in the source (inside an element when they were inside it).
//
// It is not a validator: definitions the XSD would reject (a missing
// required value, an async dataset) are reported as errors and written as
// far as possible. Included datasets files are referenced, not inlined.
package ooziexml
