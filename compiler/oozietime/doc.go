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
// Dates follow java.util.GregorianCalendar's hybrid calendar: Julian up to
// 1582-10-04, Gregorian from 1582-10-15 (the ten days between do not
// exist), with the lenient month arithmetic of the cutover year. Zone
// offsets follow the JDK's view of the tz database: every transition before
// 1900 is ignored, so an earlier instant has the zone's raw offset; the 13
// deprecated SystemV/* IDs the JDK still accepts are built from the retired
// systemv rules (see IsSystemVZone). Calendar.ERA, which Oozie's TimeUnit
// CRON stands for, is AddEra.
//
// TestOracle (package lower/schedule) compares these computations with
// OpenJDK's own on thousands of random cases in every CI run. Known
// differences, all named in the README: zones whose history before 1970 the
// JDK takes from another zone (it compiles the tz database without its
// backzone file), zones whose rules changed between the JDK's and the
// embedded tzdata release, and zones with explicit far-future rules
// (Africa/Casablanca) after 2037, where Java extrapolates its last rule.
// DST savings (Java's DST_OFFSET) are inferred from neighbouring zone
// periods, as the binary tz files hold only total offsets; this matches Java
// from 1993 on in every zone, and before that except in about 30 zones with
// wartime or Soviet-era changes (listed by TestOracle). The 'z' pattern letter has exact names for UTC,
// GMT±hh:mm and common US/European zones only. Week fields use the en_US
// week (Sunday first, one minimal day in the first week), as Oozie's own
// tests assume.
package oozietime
