package org.synscan.cli;

import java.io.PrintWriter;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Progress on standard error while a scan runs. On a terminal: one line redrawn in place four times
 * a second (elapsed, % done, probes/s, replies, open ports found, retries, ETA) and cleared whenever
 * results are printed, so it never mixes with them. Otherwise: nmap's --stats-every, a plain line
 * every so often, that a log file can keep.
 */
final class StatusLine {
    static final long REFRESH_MILLIS = 250;
    private static final String CLEAR = "\r\033[K";
    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    /** The scan's figures at one instant. */
    record Snapshot(long elapsedNanos, long done, long total, long sent, long replies, long open, long retries) {
    }

    private final PrintWriter err;
    private final boolean terminal;
    private final long everyMillis;
    private final Supplier<Snapshot> source;
    private final Object lock = new Object();
    private volatile boolean running;
    private Thread thread;
    private boolean shown;
    private long lastSent;
    private long lastNanos;

    /**
     * @param terminal    standard error is a terminal: redraw a status line in place
     * @param everyMillis otherwise, print a stats line this often; 0 = never
     */
    StatusLine(PrintWriter err, boolean terminal, long everyMillis, Supplier<Snapshot> source) {
        this.err = err;
        this.terminal = terminal;
        this.everyMillis = everyMillis;
        this.source = source;
    }

    void start() {
        if (!terminal && everyMillis <= 0) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "synscan-status");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops refreshing and removes the line. */
    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        clear();
    }

    /** Runs {@code print} (results going to the terminal) with the line removed; it comes back at the next refresh. */
    void whileCleared(Runnable print) {
        synchronized (lock) {
            clear();
            print.run();
        }
    }

    /** Removes the line. */
    void clear() {
        synchronized (lock) {
            if (shown) {
                err.print(CLEAR);
                err.flush();
                shown = false;
            }
        }
    }

    private void loop() {
        long period = terminal ? REFRESH_MILLIS : everyMillis;
        try {
            while (running) {
                Thread.sleep(period);
                if (!running) {
                    break;
                }
                Snapshot s = source.get();
                synchronized (lock) {
                    double rate = rate(s);
                    if (terminal) {
                        err.print(CLEAR + line(s, rate));
                        shown = true;
                    } else {
                        err.println(stats(s, rate, ZonedDateTime.now()));
                    }
                    err.flush();
                }
            }
        } catch (InterruptedException e) {
            // stop() was called
        }
    }

    /** Probes per second since the previous refresh. */
    private double rate(Snapshot s) {
        double r = s.elapsedNanos() > lastNanos ? (s.sent() - lastSent) * 1e9 / (s.elapsedNanos() - lastNanos) : 0;
        lastSent = s.sent();
        lastNanos = s.elapsedNanos();
        return r;
    }

    /** The terminal's status line. */
    static String line(Snapshot s, double rate) {
        return String.format(Locale.ROOT, "%s elapsed | %.1f%% done | %.0f probes/s | %d replies | %d open | %d retries"
                + " | ETA %s", clock(s.elapsedNanos()), percent(s), rate, s.replies(), s.open(), s.retries(),
                remaining(s).map(StatusLine::clock).orElse("--:--:--"));
    }

    /** The plain stats line, shaped like nmap's "Stats:" lines. */
    static String stats(Snapshot s, double rate, ZonedDateTime now) {
        String eta = remaining(s).map(n -> "ETC: " + HHMMSS.format(now.plusNanos(n)) + " (" + clock(n) + " remaining)")
                .orElse("ETC: unknown");
        return String.format(Locale.ROOT, "Stats: %s elapsed; %d of %d probes settled (%.1f%% done); %.0f probes/s;"
                + " %d replies; %d open; %d retries; %s", clock(s.elapsedNanos()), s.done(), s.total(), percent(s),
                rate, s.replies(), s.open(), s.retries(), eta);
    }

    static double percent(Snapshot s) {
        return s.total() == 0 ? 100 : Math.min(100, 100.0 * s.done() / s.total());
    }

    /** Time left at the average pace so far; empty before anything settled. */
    static java.util.Optional<Long> remaining(Snapshot s) {
        if (s.done() <= 0 || s.elapsedNanos() <= 0) {
            return java.util.Optional.empty();
        }
        double perProbe = (double) s.elapsedNanos() / s.done();
        return java.util.Optional.of((long) (perProbe * Math.max(0, s.total() - s.done())));
    }

    /** H:MM:SS, as nmap prints durations. */
    static String clock(long nanos) {
        long sec = nanos / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d:%02d", sec / 3600, sec / 60 % 60, sec % 60);
    }
}
