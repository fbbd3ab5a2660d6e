package org.synscan.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-made stamps must equal what java.time's pattern formatter (the slow way) prints. */
class NmapTimeTest {
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

    @Test
    void matchesTheFormatterAcrossDatesAndZones() {
        Random random = new Random(7);
        String[] zones = {"UTC", "Etc/UTC", "GMT", "Europe/Berlin", "America/New_York", "Asia/Kolkata"};
        for (int i = 0; i < 5_000; i++) {
            Instant when = Instant.ofEpochSecond(random.nextInt(2_000_000_000) + 946_684_800L);
            ZonedDateTime t = when.atZone(ZoneId.of(zones[i % zones.length]));
            assertEquals(CTIME.format(t), NmapTime.ctime(t));
            assertEquals(STARTED.format(t), NmapTime.started(t), t.toString());
        }
    }

    @Test
    void paddingAsCtime() {
        ZonedDateTime t = ZonedDateTime.of(2025, 11, 7, 1, 4, 9, 0, ZoneId.of("UTC"));
        assertEquals("Fri Nov  7 01:04:09 2025", NmapTime.ctime(t));
        assertEquals("2025-11-07 01:04 UTC", NmapTime.started(t));
    }
}
