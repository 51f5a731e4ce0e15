// Package oozietime is time as Oozie, and the java.util classes under it, see
// it: time zone IDs accepted by DateUtils.getTimeZone, the
// "yyyy-MM-dd'T'HH:mm'Z'" datetime mask parsed non-leniently by
// SimpleDateFormat, GregorianCalendar.add and field resolution with their
// exact DST gap/overlap behaviour, DateUtils.moveToEnd, the DST helpers of
// the cron materializer, and SimpleDateFormat patterns for coord:formatTime.
//
// Zones come only from the tz database embedded in package schemas, never
// from the host, so every result is the same on every machine whatever TZ
// is set to (the tests fake an odd host zone themselves; running them as
// `TZ=Pacific/Chatham go test ./compiler/oozietime/` checks it again).
// Results are time.Time values in UTC.
//
// It is not a general date library and does not evaluate EL: callers decide
// which zone, field and count an EL function means.
//
// Behaviour was compared with OpenJDK 17 and 25 on randomized inputs around
// every offset change of a few dozen zones. Known differences, all far from
// what Oozie definitions use: dates before 1583 are proleptic Gregorian
// (Java switches to the Julian calendar) and offsets before 1900 follow the
// tz database's local mean time where Java uses the standard offset; zones
// with explicit far-future rules (Asia/Gaza, Africa/Casablanca) differ after
// 2037, where Java extrapolates its last rule; DST savings are inferred from
// neighbouring zone periods, which matches Java everywhere tested but could
// differ where a zone changed its standard offset and DST state at once in an
// unforeseen way; the 'z' pattern letter has exact names for UTC, GMT±hh:mm
// and common US/European zones only; the JDK's deprecated SystemV/* IDs are
// rejected. Week fields use the en_US week (Sunday first, one minimal day in
// the first week), as Oozie's own tests assume.
package oozietime
