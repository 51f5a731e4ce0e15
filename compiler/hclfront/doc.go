// Package hclfront reads coordc's HCL authoring language (*.coord.hcl) into
// the same IR as package xmlfront, so that one submit phase, planner and
// linter serve both. All .coord.hcl files of a directory form one
// configuration: variables, locals and top-level datasets are shared by
// every coordinator and bundle in it.
//
// Values are Oozie EL written natively in HCL: coord::current(-1) is the EL
// call coord:current(-1), var.base is the job property base (declared by a
// variable block), local.x is substituted, and any other bare name (YEAR,
// MINUTES, an undeclared job property) is an EL identifier. Each value
// becomes an ir.Text whose Template is that EL AST with exact HCL source
// ranges and whose Raw is its canonical EL text (el.Format), so Oozie XML
// written from it (package lower/ooziexml) says exactly the same. A
// top-level number or boolean is literal text as written; a quoted string
// is a template; empty(x) is EL's empty operator.
//
// The package does not evaluate anything except variable defaults, types
// and validation conditions (Options.Values); Known stays false and package
// compiler runs the submit phase. It does not read included XML datasets
// files either.
//
// Decisions:
//
//   - Coordinators are compiled as schema 0.5 and bundles as 0.2, whose
//     features are supersets; ooziexml picks the lowest version that can
//     express a definition.
//   - Every coordinator gets every variable as a formal parameter and its
//     own copy of every top-level dataset, placed before its own datasets
//     as if included from a datasets file: its own dataset of the same name
//     replaces the shared one. Two top-level datasets of one name are an
//     error (Oozie: duplicate dataset across included files).
//   - An sla block with app_name is SLA 0.1, any other SLA 0.2.
//   - Comments are kept on the coordinator or bundle they precede or are
//     inside; consecutive line comments form one comment.
//   - Async datasets have no HCL form (Oozie cannot run them).
//   - A flink block (app_path, jar, entry_class, parallelism, args,
//     savepoint_path, allow_non_restored_state, configuration) replaces the
//     workflow block with one Flink job: ir.Action.Flink, whose EL values
//     are passed through generated flink_* properties of the action's
//     configuration (see ir.FlinkAction); allow_non_restored_state is a
//     literal bool because the XML form is a flag element.
//   - A flink_sql block (app_path, statements, session_configuration,
//     capture_output) replaces it with one flink-sql action:
//     ir.Action.FlinkSQL, EL values passed through flink_sql_* properties
//     (see ir.FlinkSQLAction).
package hclfront
