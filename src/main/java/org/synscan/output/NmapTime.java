package org.synscan.output;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** nmap's time stamps: C's ctime() layout ("Fri Nov  7 11:41:10 2025", day padded with a space). */
final class NmapTime {
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    private NmapTime() {
    }

    static String ctime(ZonedDateTime t) {
        return CTIME.format(t);
    }
}
