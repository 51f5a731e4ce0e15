// Package el implements the expression language of Oozie coordinators,
// JSP 2.0 EL as Oozie runs it: a lexer and parser producing the ir EL AST
// with exact source ranges, an evaluator with JSP 2.0 coercion and operator
// semantics, the catalog of coordinator EL functions and groups (published
// as schemas/el-functions.json; compiled in as Go, catalog_table.go, which a
// test regenerates from the JSON and keeps in step), and a checker that finds function problems without
// evaluating.
//
// Decisions worth knowing:
//
//   - Template text: "${" opens an expression and the first "}" outside a
//     string literal closes it. "\${" is a literal "${" (JSP 2.0 escaping);
//     every other "$", "{" and backslash is literal text.
//   - "a:b" is a prefixed function name only when "(" follows; otherwise the
//     ":" must belong to a "? :" conditional. Unprefixed calls parse but no
//     catalog function lacks a prefix, so they are reported as unknown.
//   - String literals allow only \\ and an escaped enclosing quote, as the
//     JSP 2.0 grammar does; any other backslash sequence is an error.
//   - Nesting deeper than MaxDepth is a syntax error, never a stack overflow.
//   - Echo functions (catalog mode echo) return their call as text and, as
//     Oozie's evalAndWrap does, make the whole evaluated text wrapped once in
//     "${ }". Dummy functions return fixed text ("24" for coord:hoursInDay at
//     submission). Group constants are resolved before variables; Oozie
//     rejects job properties with those names anyway.
//   - Floating-point values print like Java's Double.toString with the
//     shortest round-tripping digits (Java 19 and later).
//   - coord:dateOffset adds the java.util.Calendar field of Oozie's
//     TimeUnit: a zero amount returns ts whatever the unit (even NONE, so
//     the checker accepts 'NONE' next to a literal 0), CRON is
//     Calendar.ERA (oozietime.AddEra), dates before 1582-10-15 are Julian.
//   - Map is the one non-scalar value (Java's Map<String, String>, from
//     functions such as the workflow's wf:actionData): [key] and .key read
//     an entry, null when absent; as text it is Java's Map.toString with
//     the keys sorted.
//
// The package holds no Oozie runtime state. Functions that need job,
// dataset or action state (coord:conf, coord:current, coord:nominalTime,
// coord:formatTime, hadoop:conf, ...) are supplied by callers through
// Env.Funcs; only coord:dateOffset and coord:epochTime are built in. It does
// not know which data-in/data-out names are declared, and it does not
// parse XML or HCL: front ends hand it a Source.
package el
