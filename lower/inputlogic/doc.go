// Package inputlogic evaluates a coordinator's <input-logic> (schema 0.5)
// exactly as Oozie's input-logic package does: Compile turns the IR tree
// into nodes with Oozie's effective min and wait, Validate applies Oozie's
// dry-run checks to one action, Evaluate runs the input check of one action
// and reports what coord:dataIn('<node name>') returns. It is pure: the
// caller supplies each data-in's URIs and done-flag paths (lower/schedule),
// an existence function and the times. It does not materialize actions,
// resolve latest/future, or change any state (runtime/scheduler does).
//
// # Semantics (SEMANTICS §6.5)
//
//   - data-in: instances are checked in order, stopping at the first
//     missing one unless a min is set; true when all exist, or when at least
//     min (> 0) exist; min = 0 is always true. The attribute "dataset" names
//     a data-in of <input-events>.
//   - or: the first operand that is true, waiting or deferred wins, left to
//     right, so order is priority. and: the first operand that is false
//     wins; otherwise the last operand's outcome, with the URIs of the
//     earlier operands appended after its own (Oozie's order).
//   - combine(A, B, …): each missing instance of A is looked up at the same
//     position of every later data-in; all of them that exist count.
//   - wait = M minutes: while instances are missing and fewer than M whole
//     minutes have passed since max(nominal, created), the node is waiting;
//     with a min it keeps collecting after the min is met.
//   - min is passed down to every descendant without its own; wait only
//     one level: an and/or passes its OWN wait to its children, so a wait
//     two levels up is lost, and a combine only uses its own (Oozie's
//     getWait bug, reproduced).
//   - coord:dataIn('<node name>') re-evaluates the named node as its own
//     root (inherited min and wait do not reach it) over the instances the
//     check found, with every wait elapsed; a node that is then not true is
//     absent from Result.Nodes and the call is echoed.
//
// # Decisions
//
//   - An and whose earlier operand is waiting is true when its last operand
//     is, as in Oozie's interpreter: waits only hold an and at its last
//     operand.
//   - A data-in without instances (all before the dataset's initial
//     instance) is false unless min = 0: Oozie's dependency map has no entry
//     for it. A combine whose first data-in has no instances waits forever,
//     as in Oozie.
//   - Instances are checked again at every check (Oozie remembers those it
//     found in earlier checks); a file deleted in between counts as missing.
//     Named nodes see what the final check found.
//   - Second phase (after latest/future were resolved): a data-in with
//     latest/future instances is true with all its URIs once every one
//     resolved (Oozie reports only the latest/future ones), else waiting
//     until its wait elapses, then false.
//   - Compile errors (E1028) are stricter than Oozie, which finds most of
//     them only while evaluating: a name used twice, an empty and/or, a min
//     that is not an integer, a wait that is not digits. Validate checks
//     every combine; Oozie's dry run stops at an and's first operand.
//   - Expr writes a negative min as none (Oozie would write .min(-1)); it
//     evaluates the same.
package inputlogic
