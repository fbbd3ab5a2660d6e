package org.synscan.engine;

/**
 * Retransmission timeout from measured round-trip times, as TCP (RFC 6298) and nmap do:
 * timeout = srtt + 4 × rttvar, clamped to [min, max]; before the first sample it is the initial value.
 * Written by the receiver, read by the sender.
 */
final class RttEstimator {
    private final long minNanos;
    private final long maxNanos;
    private long srtt = -1;
    private long rttvar;
    private volatile long timeoutNanos;

    RttEstimator(long initialNanos, long minNanos, long maxNanos) {
        this.minNanos = minNanos;
        this.maxNanos = Math.max(minNanos, maxNanos);
        this.timeoutNanos = clamp(initialNanos);
    }

    synchronized void sample(long rttNanos) {
        if (srtt < 0) {
            srtt = rttNanos;
            rttvar = rttNanos / 2;
        } else {
            long err = rttNanos - srtt;
            srtt += err / 8;
            rttvar += (Math.abs(err) - rttvar) / 4;
        }
        timeoutNanos = clamp(srtt + 4 * rttvar);
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    /** Smoothed round-trip time, or -1 before any sample (for "Host is up (0.00010s latency)"). */
    synchronized long srttNanos() {
        return srtt;
    }

    private long clamp(long nanos) {
        return Math.min(maxNanos, Math.max(minNanos, nanos));
    }
}
