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

    /**
     * Probes in flight at most: a quarter second of sending at the ceiling (several timeouts' worth on
     * a LAN), within 16-256 Ki (the table and the two timeout queues cost ~110 bytes a slot, so a
     * --rate of 100M would otherwise reserve hundreds of MB). When unanswered probes fill it, the sender
     * waits for verdicts: memory stays bounded whatever the scan's size or rate.
     */
    public static int defaultOutstanding(double rate) {
        return (int) Math.max(16_384, Math.min(1 << 18, rate / 4));
    }
}
