// Package lsp is coordc's language server (`coordc lsp`): the Language
// Server Protocol over a byte stream (stdio for editors, a pipe in tests),
// serving Oozie XML and .coord.hcl definitions.
//
// What it offers:
//
//   - Diagnostics on open and change: everything `coordc validate` and
//     `coordc lint` report for the file (load errors with their Oozie codes,
//     rule findings with their rule IDs), configured by the .coordc.hcl found
//     upwards from the file as `coordc lint` does, with the same ranges.
//     Unsaved buffers are linted, not the files on disk: every open document
//     is handed to the loader as compiler.Options.Overlay, so includes,
//     bundle app-paths and the sibling .coord.hcl files of a directory are
//     read from the editor when open there. Runs are debounced per document
//     (Options.Debounce) and never overlap: the newest text wins.
//     A workflow definition (workflow.xml) gets the diagnostics `coordc
//     lint` reports for it (lint.WorkflowDiagnostics), from its unsaved text.
//   - Hover: an EL function's signature and documentation (the catalog of
//     package el); on a coordinator's frequency, start, end or timezone, its
//     first nominal times and the next one after now, in local time and UTC,
//     and the next DST transition that moves its actions; on a dataset
//     reference, the URI template and the URIs of the first action.
//   - Go to definition (data-in → dataset, also in included files and the
//     other .coord.hcl files of the directory; coord:dataIn('x') → data-in;
//     a bundle's app-path → the coordinator) and find references the other
//     way.
//   - Completion: EL functions with signatures, dataset, data-in and
//     data-out names, the IANA zone IDs coordc's embedded database (and so
//     Oozie) accepts, and schema elements in XML.
//   - Code actions: the fixes of `coordc lint --fix` as quick fixes (one per
//     finding, and one that applies them all), and formatting of .coord.hcl
//     files as `coordc fmt` does.
//
// Positions are UTF-16 code units, as LSP requires; coordc's ranges carry
// byte offsets, which are converted against the document's text.
//
// # Library
//
// The protocol types and the method dispatch come from
// github.com/tliron/glsp (protocol_3_16): complete, documented structs for
// LSP 3.16 and a handler table, so no message shape is written by hand. Its
// server package is not used, because it drags in logging, websocket and
// terminal libraries and cannot serve an arbitrary stream; the JSON-RPC 2.0
// framing (Content-Length headers, VS Code's codec) is
// github.com/sourcegraph/jsonrpc2, which glsp itself builds on. Both are
// small, stable and widely used by Go language servers; go.lsp.dev/protocol
// was the alternative, but it has been unreleased since 2022 and requires
// implementing its whole Server interface and a zap logger.
package lsp
