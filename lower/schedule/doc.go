// Package schedule computes what Oozie materializes for a coordinator: the
// nominal times of its actions (every frequency kind, DST and Java calendar
// rules included), the dataset instances and URIs of every data-in and
// data-out, and each action's resolved configuration. It is a pure function
// of the definition; latest/future instances are left unresolved unless a
// Storage is given. Rendering lives in package plan; running in runtime.
package schedule
