package org.synscan.engine;

/**
 * Token bucket for the sender: tokens accrue at the current rate (packets per second) up to a small
 * burst, so sends go out in short batches instead of one park per packet (parkNanos cannot sleep less
 * than ~60 µs, while at 200 k pps a packet is due every 5 µs). The rate may change while running
 * (congestion control); the sender thread alone calls {@link #take}.
 */
final class RateLimiter {
    /** The bucket holds at most this much time's worth of tokens. */
    private static final long BURST_NANOS = 1_000_000;

    private volatile double ratePerSecond;
    private double tokens;
    private long last;

    RateLimiter(double ratePerSecond, long now) {
        setRate(ratePerSecond);
        this.last = now;
        this.tokens = 1;
    }

    void setRate(double ratePerSecond) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.ratePerSecond = ratePerSecond;
    }

    double rate() {
        return ratePerSecond;
    }

    /** Takes up to {@code want} tokens available at {@code now}; returns how many were taken. */
    int take(int want, long now) {
        double rate = ratePerSecond;
        double burst = Math.max(1, rate * BURST_NANOS / 1e9);
        tokens = Math.min(burst, tokens + (now - last) * rate / 1e9);
        last = now;
        int n = (int) Math.min(want, Math.floor(tokens));
        tokens -= n;
        return n;
    }

    /** Returns tokens taken but not used, so an interrupted batch does not lower the rate. */
    void giveBack(int n) {
        tokens += n;
    }

    /** Nanoseconds until the next token is available (0 when one is). */
    long nanosUntilToken() {
        return nanosUntil(1);
    }

    /** Nanoseconds until {@code n} tokens are available, or as many as the burst holds if fewer. */
    long nanosUntil(int n) {
        double rate = ratePerSecond;
        double want = Math.min(n, Math.max(1, rate * BURST_NANOS / 1e9));
        return tokens >= want ? 0 : (long) Math.ceil((want - tokens) * 1e9 / rate);
    }
}
