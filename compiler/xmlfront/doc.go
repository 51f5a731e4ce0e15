// Package xmlfront reads Oozie XML definitions — coordinator-app (schema
// 0.1–0.5), bundle-app (0.1, 0.2), standalone datasets files and
// workflow-app (0.1–1.0, ParseWorkflow) — checks them against the schema of
// the namespace they declare, and builds the IR (package ir) as written,
// with exact source ranges. All of them go through one reader, one
// position map and one content-model checker.
//
// It is not the submit phase: no value is evaluated, no parameter
// substituted, no include read and no dataset name resolved. Every attribute
// value and element text becomes an ir.Text with Raw, its EL Template and
// Range; Known stays false. Package compiler does the rest.
//
// # Positions
//
// encoding/xml (strict) checks well-formedness and splits the tokens; each
// start tag is then re-scanned to find attribute name and value spans, and
// values and texts are decoded here so that an el.Source maps every decoded
// byte back to the file: entity and character references, CDATA sections,
// line ends (\r\n and \r read as \n) and attribute-value normalization (tab,
// \n, \r become a space; references are kept). Lines and columns are
// 1-based, columns count code points (a leading byte order mark is not a
// column), Byte is the 0-based file offset.
//
// # Trimming
//
// Oozie trims (Java String.trim: every character up to U+0020) most values
// before using them (CoordSubmitXCommand resolveAttribute and
// resolveTagContents). Raw and Range are those of the trimmed text for:
// coordinator frequency, start, end, timezone; dataset frequency,
// initial-instance, timezone; uri-template, done-flag, include, instance,
// start-instance, end-instance, timeout, concurrency, execution, throttle,
// app-path, kick-off-time and configuration property names. Also trimmed,
// by decision where Oozie's reading was not traced: formal parameter names
// and values, SLA field values, and data-out nocleanup (an xs:boolean, which
// the schema whitespace-collapses). Kept as written: the coordinator, bundle and bundle
// coordinator names, dataset/data-in/data-out name and dataset attributes
// (read with getAttributeValue), critical, enabled, input-logic attributes,
// and configuration property values.
//
// # Diagnostics
//
//   - E0700 (error): malformed XML — the decoder's message at the offending
//     character — and the defences: a DOCTYPE (Oozie disallows them, which
//     also rules out entity expansion), input over MaxFileSize, nesting over
//     MaxDepth, invalid UTF-8, duplicate attributes, undeclared prefixes,
//     text or a second element outside the root.
//   - E0701 (error): what Oozie's XSD validation rejects: missing or unknown
//     namespace (with a did-you-mean), unknown, misplaced, repeated or
//     missing elements and attributes, text in element-only content,
//     IDENTIFIER and xs:boolean values, SLA blocks of a version the
//     coordinator schema does not embed (SLA 0.2 needs coordinator 0.4+).
//     The content models are hand-written from the XSDs, per version.
//   - XML001 (warning): freq_timeunit or end_of_duration on <coordinator-app>
//     or <dataset>: attributes Oozie adds to the job XML it stores, found in
//     definitions copied from its test fixtures. The XSD would reject them;
//     they are accepted and ignored.
//   - XML002 (warning): a namespace URI with leading or trailing whitespace.
//     Oozie's validator would not recognize it; it is accepted trimmed.
//   - XML003 (warning): a datasets file in a namespace. Oozie reads included
//     files by unqualified element names, so it would not see those datasets.
//   - XML004 (warning): more than one top-level element in <input-logic>;
//     Oozie does not combine them, only the first is kept.
//   - EL syntax errors of the text, from el.ParseTemplate (the Text's
//     Template is then nil).
//
// # Workflows
//
// ParseWorkflow refuses definitions over MaxWorkflowLength (E0736, Oozie's
// default limit) and builds ir.Workflow only when the schema check passed.
// Each action's type element is read by the entry of the action type table
// that claims it (wfaction*.go: content model per version, decoding into
// an ir.ActionBody): shell (uri:oozie:shell-action:0.1–1.0), fs, java
// (in the workflow namespace; <java-opts> and <java-opt> are one particle
// of the content model, and a mix is reported when built), email
// (uri:oozie:email-action:0.1, 0.2), ssh (uri:oozie:ssh-action:0.1, 0.2;
// args and arg are one particle, a mix is reported when built),
// sub-workflow (in the workflow namespace) and coordc's
// flink (uri:coordc:flink-action:0.1, schema schemas/flink-action-0.1.xsd)
// and flink-sql (uri:coordc:flink-sql-action:0.1, schema
// schemas/flink-sql-action-0.1.xsd; an empty statement is E0701). Any other type is E0723, naming the type
// and the types coordc runs; so are <archive> in a shell action and the fs
// chgrp operation. The content of the built-in types coordc does not run
// (map-reduce, pig; ssh, http, email in the workflow namespace of 0.1), of
// action elements in other namespaces, and of SLA blocks is not checked.
// fs setrep (0.5) is not accepted. <credentials> are read into the IR and
// each is warning WF002 (coordc obtains no delegation tokens), as is an
// action's cred naming an undeclared credential. retry-policy (0.5+) is
// periodic or exponential. Node names follow the workflow
// IDENTIFIER pattern (a leading underscore is allowed). retry-max above
// Oozie's system maximum of 3 is lowered with warning E0820; retry-interval
// defaults to 10 minutes. Graph and EL checks are package compiler/wfapp's.
//
// # Other decisions
//
// Standalone datasets files are not schema-checked by Oozie; they are
// checked here against the coordinator DATASETS type (the declared version's,
// or 0.5 for the usual unqualified file), so typos such as <url-template>
// are reported. Attributes in the XML Schema instance namespace
// (xsi:schemaLocation) are allowed everywhere, as XSD validators do.
// Elements declared empty (the input-logic data-in) may hold whitespace.
// Only ASCII-compatible encodings are accepted, and only for ASCII files.
package xmlfront
