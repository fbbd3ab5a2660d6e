package org.synscan.engine;

import java.time.Duration;

/**
 * The engine's knobs, already resolved from -T templates and flags.
 *
 * @param rate           ceiling, probes per second
 * @param minRate        floor the congestion control never goes below
 * @param maxRetries     retransmissions allowed after the first try (nmap's --max-retries)
 * @param initialTimeout probe timeout before any round-trip time is measured
 * @param minTimeout     lower bound of the measured timeout
 * @param maxTimeout     upper bound of the measured timeout
 * @param maxOutstanding probes in flight at most (bounds the probe table's memory)
 */
public record EngineConfig(double rate, double minRate, int maxRetries, Duration initialTimeout,
        Duration minTimeout, Duration maxTimeout, int maxOutstanding) {

    public EngineConfig {
        if (!(rate > 0) || minRate < 0 || minRate > rate) {
            throw new IllegalArgumentException("bad rates " + minRate + ".." + rate);
        }
        if (maxRetries < 0 || maxOutstanding < 1) {
            throw new IllegalArgumentException("bad retries/outstanding");
        }
    }

    /** Outstanding probes sized to hold about half a second of sending, within sane memory bounds. */
    public static int defaultOutstanding(double rate) {
        return (int) Math.max(65_536, Math.min(1 << 20, rate / 2));
    }
}
