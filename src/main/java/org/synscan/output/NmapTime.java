package org.synscan.output;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * nmap's time stamps, formatted by hand: java.time's pattern formatter loads the locale and time-zone
 * name providers on first use, which costs 20-30 ms of every start, before the first probe. The zone
 * name alone still needs them, so it is looked up only for zones other than UTC.
 */
final class NmapTime {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private NmapTime() {
    }

    /** C's ctime() layout: "Fri Nov  7 11:41:10 2025", the day padded with a space. */
    static String ctime(ZonedDateTime t) {
        StringBuilder b = new StringBuilder(24);
        b.append(DAYS[t.getDayOfWeek().ordinal()]).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
        if (t.getDayOfMonth() < 10) {
            b.append(' ');
        }
        b.append(t.getDayOfMonth()).append(' ');
        two(b, t.getHour()).append(':');
        two(two(b, t.getMinute()).append(':'), t.getSecond()).append(' ').append(t.getYear());
        return b.toString();
    }

    /** nmap's "Starting ... at" stamp: "2025-11-07 11:41 UTC" (strftime "%Y-%m-%d %H:%M %Z"). */
    static String started(ZonedDateTime t) {
        StringBuilder b = new StringBuilder(24);
        b.append(t.getYear()).append('-');
        two(b, t.getMonthValue()).append('-');
        two(b, t.getDayOfMonth()).append(' ');
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(' ').append(zoneName(t));
        return b.toString();
    }

    static String zoneName(ZonedDateTime t) {
        ZoneId zone = t.getZone();
        switch (zone.getId()) {
            case "Z": case "UTC": case "Etc/UTC": case "UCT": case "Etc/UCT": case "Universal": case "Etc/Universal":
            case "Zulu": case "Etc/Zulu":
                return "UTC";
            case "GMT": case "Etc/GMT": case "Greenwich": case "Etc/Greenwich":
                return "GMT";
            default:
                return DateTimeFormatter.ofPattern("z", Locale.ROOT).format(t);
        }
    }

    private static StringBuilder two(StringBuilder b, int v) {
        if (v < 10) {
            b.append('0');
        }
        return b.append(v);
    }
}
