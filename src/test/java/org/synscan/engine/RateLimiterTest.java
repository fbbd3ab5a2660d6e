package org.synscan.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void grantsTheRateOverSimulatedTime() {
        RateLimiter limiter = new RateLimiter(100_000, 0);
        long granted = 0;
        // one simulated second in 10 µs steps, asking for more than the rate allows
        for (long t = 0; t <= 1_000_000_000L; t += 10_000) {
            granted += limiter.take(64, t);
        }
        assertTrue(Math.abs(granted - 100_000) <= 101, "granted " + granted);
    }

    @Test
    void burstIsBoundedAfterIdleTime() {
        RateLimiter limiter = new RateLimiter(10_000, 0);
        // after a long pause at most 1 ms worth (10 tokens) may go out at once
        assertEquals(10, limiter.take(1_000, 5_000_000_000L));
        assertEquals(0, limiter.take(1, 5_000_000_000L));
        assertEquals(100_000, limiter.nanosUntilToken());
    }

    @Test
    void rateChangesTakeEffect() {
        RateLimiter limiter = new RateLimiter(1_000, 0);
        limiter.take(10, 0);
        limiter.setRate(1_000_000);
        assertEquals(1_000, limiter.take(5_000, 1_000_000));
    }
}
