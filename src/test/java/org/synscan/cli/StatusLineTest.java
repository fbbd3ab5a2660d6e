package org.synscan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class StatusLineTest {
    static final StatusLine.Snapshot HALF = new StatusLine.Snapshot(65_000_000_000L, 500, 1000, 520, 480, 7, 20);

    @Test
    void terminalLineHasEveryField() {
        assertEquals("0:01:05 elapsed | 50.0% done | 8000 probes/s | 480 replies | 7 open | 20 retries | ETA 0:01:05",
                StatusLine.line(HALF, 8000));
        assertEquals("0:00:00 elapsed | 0.0% done | 0 probes/s | 0 replies | 0 open | 0 retries | ETA --:--:--",
                StatusLine.line(new StatusLine.Snapshot(0, 0, 10, 0, 0, 0, 0), 0));
    }

    @Test
    void statsLineShowsTheEstimatedCompletionClock() {
        ZonedDateTime now = ZonedDateTime.of(2025, 1, 1, 23, 59, 30, 0, ZoneOffset.UTC);
        assertEquals("Stats: 0:01:05 elapsed; 500 of 1000 probes settled (50.0% done); 8000 probes/s; 480 replies;"
                + " 7 open; 20 retries; ETC: 00:00:35 (0:01:05 remaining)", StatusLine.stats(HALF, 8000, now));
    }

    @Test
    void clearsBeforeOutputAndPrintsPlainLinesWhenNotATerminal() throws Exception {
        StringWriter w = new StringWriter();
        StatusLine tty = new StatusLine(new PrintWriter(w), true, 0, () -> HALF);
        tty.start();
        Thread.sleep(StatusLine.REFRESH_MILLIS * 3);
        StringBuilder printed = new StringBuilder();
        tty.whileCleared(() -> printed.append(w.toString()));
        tty.stop();
        String screen = printed.toString();
        assertTrue(screen.startsWith("\r\033[K0:01:05 elapsed | 50.0% done"), screen);
        assertTrue(screen.endsWith("\r\033[K"), "the line is removed before results print: " + screen);

        StringWriter log = new StringWriter();
        StatusLine plain = new StatusLine(new PrintWriter(log), false, 100, () -> HALF);
        plain.start();
        Thread.sleep(350);
        plain.stop();
        String[] lines = log.toString().split("\n");
        assertTrue(lines.length >= 2, log.toString());
        for (String line : lines) {
            assertTrue(line.startsWith("Stats: 0:01:05 elapsed; 500 of 1000 probes settled"), line);
        }
        StringWriter none = new StringWriter();
        StatusLine off = new StatusLine(new PrintWriter(none), false, 0, () -> HALF);
        off.start();
        Thread.sleep(200);
        off.stop();
        assertEquals("", none.toString(), "no --stats-every and no terminal: silent");
    }
}
