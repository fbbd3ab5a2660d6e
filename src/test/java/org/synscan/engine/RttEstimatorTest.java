package org.synscan.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RttEstimatorTest {
    @Test
    void startsAtInitialAndConvergesToMeasuredRttWithinBounds() {
        RttEstimator rtt = new RttEstimator(1_000_000_000L, 50_000_000L, 10_000_000_000L);
        assertEquals(1_000_000_000L, rtt.timeoutNanos());
        assertEquals(-1, rtt.srttNanos());
        for (int i = 0; i < 100; i++) {
            rtt.sample(200_000);
        }
        assertEquals(200_000, rtt.srttNanos());
        assertEquals(50_000_000L, rtt.timeoutNanos(), "clamped to the minimum");
        for (int i = 0; i < 200; i++) {
            rtt.sample(i % 2 == 0 ? 100_000_000L : 300_000_000L);
        }
        assertTrue(rtt.timeoutNanos() > 300_000_000L, "jitter widens the timeout: " + rtt.timeoutNanos());
        rtt.sample(Long.MAX_VALUE / 16);
        assertEquals(10_000_000_000L, rtt.timeoutNanos(), "clamped to the maximum");
    }
}
