// Package props reads Java .properties files (job.properties) with the
// semantics of java.util.Properties.load, keeping source positions, and
// knows Oozie's reserved property names.
//
// Supported syntax, as Java reads it: '#' and '!' comment lines (after
// leading blanks), blank lines, "\r\n", "\r" and "\n" line ends, the first
// unescaped '=', ':' or blank as separator (blanks and one '=' or ':'
// around it skipped), a key with no value, backslash line continuations
// (the continued line's leading blanks are dropped; a comment cannot be
// continued), and the escapes \t \n \r \f \uXXXX, with any other escaped
// character standing for itself (\\ \= \: \# \! and "\ "). Values keep their
// trailing blanks. A malformed \uXXXX stops the load with a positioned
// error, as Java throws.
//
// Encoding: the file is read as UTF-8 when it is valid UTF-8 and as
// ISO-8859-1 otherwise. Java's load(InputStream) always reads ISO-8859-1,
// but real job.properties files are ASCII or UTF-8 and are written
// expecting UTF-8; a file that is not valid UTF-8 is almost surely
// Latin-1, where the two readings agree. A leading byte-order mark is kept,
// as Java keeps it, and reported as a warning.
//
// Positions: lines and columns are 1-based, columns count characters
// (code points, or bytes in ISO-8859-1 files), and byte offsets locate the
// raw key and value text.
//
// Read parses from an io.ReadSeeker one logical line at a time and hands
// each pair to a callback, so memory follows the longest line, not the
// file; Parse is Read over a byte slice, collecting the pairs.
//
// The package does not substitute ${...} references, trim values, or check
// reserved names itself; callers decide (see IsReserved).
package props
