package org.synscan.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeoutQueueTest {
    @Test
    void keepsSendOrderAcrossWrapAround() {
        TimeoutQueue q = new TimeoutQueue(5);
        long next = 0;
        long expected = 0;
        for (int round = 0; round < 1000; round++) {
            while (!q.isFull()) {
                q.push(next, next * 3, (int) (next & 0xFFFF), (int) (next % 7), next * 10);
                next++;
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(expected, q.headHi());
                assertEquals(expected * 3, q.headLo());
                assertEquals((int) (expected & 0xFFFF), q.headPort());
                assertEquals((int) (expected % 7), q.headTry());
                assertEquals(expected * 10, q.headSentNanos());
                q.pop();
                expected++;
            }
        }
        assertEquals(next - expected, q.size());
    }

    @Test
    void growsOnDemandUpToItsBoundKeepingSendOrder() {
        int bound = TimeoutQueue.INITIAL_CAPACITY * 8;
        TimeoutQueue q = new TimeoutQueue(bound);
        long next = 0;
        long expected = 0;
        // the head moves before each growth, so entries wrap around the arrays when they are copied
        while (!q.isFull()) {
            for (int i = 0; i < 1000 && !q.isFull(); i++) {
                q.push(next, ~next, (int) (next & 0xFFFF), (int) (next % 11), next * 7);
                next++;
            }
            if (!q.isFull()) {
                q.pop();
                expected++;
            }
        }
        assertEquals(bound, q.size(), "full only at the bound it was given");
        assertThrows(IllegalStateException.class, () -> q.push(0, 0, 0, 0, 0));
        while (!q.isEmpty()) {
            assertEquals(expected, q.headHi());
            assertEquals(~expected, q.headLo());
            assertEquals((int) (expected & 0xFFFF), q.headPort());
            assertEquals((int) (expected % 11), q.headTry());
            assertEquals(expected * 7, q.headSentNanos());
            q.pop();
            expected++;
        }
        assertEquals(next, expected);
    }

    @Test
    void refusesOverflowAndUnderflow() {
        TimeoutQueue q = new TimeoutQueue(2);
        assertTrue(q.isEmpty());
        assertThrows(IllegalStateException.class, q::pop);
        q.push(0, 0, 0, 0, 0);
        q.push(0, 0, 0, 0, 0);
        assertThrows(IllegalStateException.class, () -> q.push(0, 0, 0, 0, 0));
    }
}
