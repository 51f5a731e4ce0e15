// Oracle answers coordc's differential test (lower/schedule/oracle_test.go)
// with the JDK's own calendar classes and Quartz, the way Oozie calls them.
// It reads one case per line on stdin (fields separated by tabs, the first
// naming the computation) and writes one answer line per case: the result,
// or "ERR" and a reason. Run it with -Duser.timezone=UTC
// -Duser.language=en -Duser.country=US, the JVM settings Oozie's own tests
// assume.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

import org.quartz.CronExpression;

public class Oracle {
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        String line;
        while ((line = in.readLine()) != null) {
            String[] f = line.split("\t", -1);
            String answer;
            try {
                answer = answer(f);
            } catch (Exception e) {
                answer = "ERR " + e.getClass().getSimpleName();
            }
            out.println(answer);
        }
        out.flush();
    }

    private static String answer(String[] f) throws Exception {
        switch (f[0]) {
            case "version":
                return System.getProperty("java.version") + " "
                        + java.time.zone.ZoneRulesProvider.getVersions("UTC").lastKey();
            case "zoneids": {
                StringBuilder b = new StringBuilder();
                for (String id : TimeZone.getAvailableIDs()) {
                    b.append(id).append(' ');
                }
                return b.toString().trim();
            }
            case "dstOffset": // zone, instant ms: Calendar.get(DST_OFFSET) in seconds
                return Integer.toString(calendarAt(TimeZone.getTimeZone(f[1]), Long.parseLong(f[2]))
                        .get(Calendar.DST_OFFSET) / 1000);
            case "offset": // zone, instant ms: TimeZone.getOffset in seconds
                return Integer.toString(TimeZone.getTimeZone(f[1]).getOffset(Long.parseLong(f[2])) / 1000);
            case "nominals": // zone, start ms, end ms, calendar field, n, count, end-of unit or NONE
                return nominals(TimeZone.getTimeZone(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]), f[7]);
            case "moveToEnd": { // zone, instant ms, DAY|WEEK|MONTH
                Calendar c = calendarAt(TimeZone.getTimeZone(f[1]), Long.parseLong(f[2]));
                moveToEnd(c, f[3]);
                return Long.toString(c.getTimeInMillis());
            }
            case "instances": // zone, initial ms, calendar field, frequency, nominal ms, from, to
                return instances(TimeZone.getTimeZone(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), Long.parseLong(f[5]), Integer.parseInt(f[6]), Integer.parseInt(f[7]));
            case "parse": // datetime text: epoch ms
                return Long.toString(parseOozie(f[1]).getTime());
            case "formatTime": // datetime text, pattern
                return customFormat(f[2]).format(parseOozie(f[1]));
            case "dateOffset": // datetime text, n, TimeUnit name
                return dateOffset(f[1], Integer.parseInt(f[2]), f[3]);
            case "dateTzOffset": // datetime text, zone
                return dateTzOffset(f[1], f[2]);
            case "hoursInDay": // zone, instant ms
                return Integer.toString(hoursInDay(TimeZone.getTimeZone(f[1]), Long.parseLong(f[2])));
            case "daysInMonth": // zone, instant ms: the last day of its month there
                return Integer.toString(calendarAt(TimeZone.getTimeZone(f[1]), Long.parseLong(f[2]))
                        .getActualMaximum(Calendar.DAY_OF_MONTH));
            case "cronNominals": // zone, 5-field Oozie cron, start ms, end ms, count
                return cronNominals(TimeZone.getTimeZone(f[1]), f[2], Long.parseLong(f[3]), Long.parseLong(f[4]),
                        Integer.parseInt(f[5]));
            case "cron": // 5-field Oozie cron, after ms
                Date next = nextCron(f[1], new Date(Long.parseLong(f[2])));
                return next == null ? "none" : Long.toString(next.getTime());
            default:
                return "ERR unknown case " + f[0];
        }
    }

    private static SimpleDateFormat oozieMask() {
        SimpleDateFormat m = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm'Z'");
        m.setLenient(false);
        m.setTimeZone(UTC);
        return m;
    }

    private static Date parseOozie(String s) throws Exception {
        return oozieMask().parse(s.trim());
    }

    private static SimpleDateFormat customFormat(String pattern) {
        SimpleDateFormat m = new SimpleDateFormat(pattern);
        m.setTimeZone(UTC);
        return m;
    }

    private static Calendar calendarAt(TimeZone tz, long ms) {
        Calendar c = Calendar.getInstance(tz);
        c.setTimeInMillis(ms);
        return c;
    }

    // Each action's nominal time is the start (moved to the end of its day,
    // week or month for the endOf frequencies) plus k times the frequency,
    // one Calendar.add from there, while it is before the end.
    private static String nominals(TimeZone tz, long start, long end, int field, int n, int count, String endOf) {
        StringBuilder b = new StringBuilder();
        Calendar orig = calendarAt(tz, start);
        if (!endOf.equals("NONE")) {
            moveToEnd(orig, endOf);
        }
        for (int k = 0; k < count; k++) {
            Calendar c = (Calendar) orig.clone();
            c.add(field, k * n);
            if (c.getTimeInMillis() >= end) {
                break;
            }
            b.append(k == 0 ? "" : " ").append(c.getTimeInMillis());
        }
        return b.toString();
    }

    private static void moveToEnd(Calendar c, String unit) {
        switch (unit) {
            case "DAY":
                c.add(Calendar.DAY_OF_MONTH, 1);
                break;
            case "MONTH":
                c.add(Calendar.MONTH, 1);
                c.set(Calendar.DAY_OF_MONTH, 1);
                break;
            default:
                c.add(Calendar.WEEK_OF_YEAR, 1);
                c.set(Calendar.DAY_OF_WEEK, c.getFirstDayOfWeek());
        }
        c.set(Calendar.HOUR_OF_DAY, 0);
        c.set(Calendar.MINUTE, 0);
        c.set(Calendar.SECOND, 0);
    }

    // The dataset instances coord:currentRange(from, to) lists, newest
    // first: the current instance is found by a first estimate and then
    // single steps from the initial instance; the range starts at the
    // initial instance plus (count + from) steps and goes on one step at a
    // time.
    private static String instances(TimeZone tz, long initial, int field, int freq, long nominal, int from, int to) {
        if (initial > nominal) {
            return "";
        }
        Calendar init = calendarAt(tz, initial);
        Calendar cur = (Calendar) init.clone();
        Calendar at = calendarAt(tz, nominal);
        int count;
        switch (field) {
            case Calendar.MINUTE:
                count = (int) ((nominal - initial) / 60000L);
                break;
            case Calendar.HOUR:
                count = (int) ((nominal - initial) / 3600000L);
                break;
            case Calendar.DATE:
                count = (int) ((nominal - initial) / 86400000L);
                break;
            case Calendar.WEEK_OF_YEAR:
                count = (int) ((nominal - initial) / (7 * 86400000L));
                break;
            case Calendar.MONTH:
                count = (at.get(Calendar.YEAR) - cur.get(Calendar.YEAR)) * 12
                        + at.get(Calendar.MONTH) - cur.get(Calendar.MONTH);
                break;
            default:
                count = at.get(Calendar.YEAR) - cur.get(Calendar.YEAR);
        }
        if (count > 2) {
            count /= freq;
            cur.add(field, count * freq);
        } else {
            count = 0;
        }
        while (cur.getTimeInMillis() <= nominal) {
            cur.add(field, freq);
            count++;
        }
        count--;
        Calendar c = (Calendar) init.clone();
        c.add(field, (count + from) * freq);
        List<String> out = new ArrayList<>();
        SimpleDateFormat mask = oozieMask();
        for (int i = from; i <= to; i++) {
            if (c.compareTo(init) >= 0) {
                out.add(mask.format(c.getTime()));
            }
            c.add(field, freq);
        }
        Collections.reverse(out);
        return String.join(",", out);
    }

    // Oozie's TimeUnit enum: its calendar fields (CRON is 0, Calendar.ERA;
    // NONE is -1).
    private static int unitField(String unit) {
        switch (unit) {
            case "MINUTE": return Calendar.MINUTE;
            case "HOUR": return Calendar.HOUR;
            case "DAY": case "END_OF_DAY": return Calendar.DATE;
            case "WEEK": case "END_OF_WEEK": return Calendar.WEEK_OF_YEAR;
            case "MONTH": case "END_OF_MONTH": return Calendar.MONTH;
            case "YEAR": return Calendar.YEAR;
            case "CRON": return 0;
            case "NONE": return -1;
            default: throw new IllegalArgumentException("No enum constant " + unit);
        }
    }

    private static String dateOffset(String ts, int n, String unit) throws Exception {
        Calendar c = Calendar.getInstance();
        c.setTime(parseOozie(ts));
        c.setTimeZone(UTC);
        c.add(unitField(unit), n);
        return oozieMask().format(c.getTime());
    }

    private static String dateTzOffset(String ts, String zone) throws Exception {
        Calendar c = Calendar.getInstance();
        c.setTime(parseOozie(ts));
        c.setTimeZone(TimeZone.getTimeZone(zone));
        SimpleDateFormat m = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm'Z'");
        m.setLenient(false);
        m.setTimeZone(c.getTimeZone());
        return m.format(c.getTime());
    }

    private static int hoursInDay(TimeZone tz, long ms) {
        Calendar c = calendarAt(tz, ms);
        Calendar day = new GregorianCalendar(tz);
        day.set(Calendar.MILLISECOND, 0);
        day.set(c.get(Calendar.YEAR), c.get(Calendar.MONTH), c.get(Calendar.DAY_OF_MONTH), 0, 30, 0);
        day.add(Calendar.HOUR_OF_DAY, 24);
        int h = day.get(Calendar.HOUR_OF_DAY);
        return h == 1 ? 23 : h == 23 ? 25 : 24;
    }

    // Oozie's cron frequencies: Quartz in UTC with a leading "0 " seconds
    // field. When neither day field is '?', a '*' one becomes '?' (day of
    // month first); when both are specific, both single-day readings are
    // evaluated and the earlier fire wins.
    private static Date nextCron(String freq, Date after) throws Exception {
        String[] p = freq.split(" ");
        if (!p[2].trim().equals("?") && !p[4].trim().equals("?")) {
            if (p[2].trim().equals("*") || p[4].trim().equals("*")) {
                if (p[2].trim().equals("*")) {
                    p[2] = "?";
                } else {
                    p[4] = "?";
                }
                return quartz(String.join(" ", p), after);
            }
            String[] a = p.clone();
            String[] b = p.clone();
            a[2] = "?";
            b[4] = "?";
            Date x = quartz(String.join(" ", a), after);
            Date y = quartz(String.join(" ", b), after);
            if (x == null || y == null) {
                throw new NullPointerException();
            }
            return x.compareTo(y) < 0 ? x : y;
        }
        return quartz(freq, after);
    }

    // One materialization pass of a cron coordinator from its start: the
    // cursor starts a minute before the start; each fire at least a day after
    // the previous cursor is shifted by the DST difference between the job
    // start and the fire (the DST_OFFSET of whichever of the two is in
    // daylight time when only one is); the cursor itself is not shifted.
    private static String cronNominals(TimeZone tz, String freq, long start, long end, int count) throws Exception {
        StringBuilder b = new StringBuilder();
        long cursor = start - 60000L;
        for (int k = 0; k < count; k++) {
            Date next = nextCron(freq, new Date(cursor));
            if (next == null || next.getTime() >= end) {
                break;
            }
            long nominal = next.getTime();
            if (Math.abs(nominal - cursor) >= 86400000L) {
                nominal += dstOffset(tz, new Date(start), next);
            }
            cursor = next.getTime();
            b.append(k == 0 ? "" : " ").append(nominal);
        }
        return b.toString();
    }

    private static long dstOffset(TimeZone tz, Date begin, Date end) {
        if (tz.inDaylightTime(begin) && !tz.inDaylightTime(end)) {
            return calendarAt(tz, begin.getTime()).get(Calendar.DST_OFFSET);
        }
        if (!tz.inDaylightTime(begin) && tz.inDaylightTime(end)) {
            return -calendarAt(tz, end.getTime()).get(Calendar.DST_OFFSET);
        }
        return 0;
    }

    private static Date quartz(String freq, Date after) throws Exception {
        CronExpression e = new CronExpression("0 " + freq);
        e.setTimeZone(UTC);
        return e.getNextValidTimeAfter(after);
    }
}
