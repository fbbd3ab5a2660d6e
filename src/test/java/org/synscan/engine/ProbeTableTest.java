package org.synscan.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProbeTableTest {

    record Key(long hi, long lo, int port) {
    }

    @Test
    void behavesLikeAMapUnderRandomOperations() {
        // few distinct keys and a small table force long probe chains and wrap-around deletions
        ProbeTable table = new ProbeTable(64);
        Map<Key, Integer> model = new HashMap<>();
        Map<Key, Long> sentAt = new HashMap<>();
        Random rnd = new Random(42);
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            keys.add(new Key(rnd.nextInt(3), rnd.nextInt(50), rnd.nextInt(4)));
        }
        for (int step = 0; step < 200_000; step++) {
            Key k = keys.get(rnd.nextInt(keys.size()));
            int op = rnd.nextInt(4);
            if (op == 0) {
                Integer current = model.get(k);
                if (current == null) {
                    boolean ok = table.sent(k.hi, k.lo, k.port, step);
                    assertEquals(model.size() < 64, ok, "a full table refuses new keys");
                    if (ok) {
                        model.put(k, 0);
                        sentAt.put(k, (long) step);
                    }
                } else {
                    assertFalse(table.sent(k.hi, k.lo, k.port, step), "an outstanding probe is not sent anew");
                    int expected = rnd.nextInt(3);
                    boolean ok = table.retried(k.hi, k.lo, k.port, expected, expected + 1, step);
                    assertEquals(expected == current, ok);
                    if (ok) {
                        model.put(k, current + 1);
                        sentAt.put(k, (long) step);
                    }
                }
            } else if (op == 1) {
                long r = table.answer(k.hi, k.lo, k.port, 0, step + 5, new long[3]);
                Integer t = model.remove(k);
                if (t == null) {
                    assertEquals(ProbeTable.ABSENT, r);
                } else {
                    assertEquals(t == 0 ? step + 5 - sentAt.get(k) : ProbeTable.NO_SAMPLE, r);
                }
            } else if (op == 2) {
                Integer t = model.get(k);
                assertEquals(t == null ? ProbeTable.ABSENT : t, table.tryOf(k.hi, k.lo, k.port));
            } else {
                int expected = rnd.nextInt(3);
                boolean settled = table.settle(k.hi, k.lo, k.port, expected);
                Integer t = model.get(k);
                assertEquals(t != null && t == expected, settled);
                if (settled) {
                    model.remove(k);
                }
            }
            assertEquals(model.size(), table.size());
        }
        for (Key k : keys) {
            Integer t = model.get(k);
            assertEquals(t == null ? ProbeTable.ABSENT : t, table.tryOf(k.hi, k.lo, k.port));
        }
    }

    @Test
    void retryLosesToAnAnswerThatCameFirst() {
        ProbeTable table = new ProbeTable(8);
        table.sent(0, 7, 443, 0);
        table.answer(0, 7, 443, 0, 10, new long[3]);
        assertFalse(table.retried(0, 7, 443, 0, 0 + 1, 20), "a settled probe must not come back");
        assertEquals(ProbeTable.ABSENT, table.tryOf(0, 7, 443));
    }

    @Test
    void answerGivesRoundTripOnlyForTheOutstandingTry() {
        ProbeTable table = new ProbeTable(8);
        table.sent(0, 0xC6120002L, 22, 1_000);
        assertTrue(table.retried(0, 0xC6120002L, 22, 0, 0 + 1, 2_000));
        long[] late = new long[3];
        assertEquals(ProbeTable.NO_SAMPLE, table.answer(0, 0xC6120002L, 22, 0, 2_500, late), "reply to an older try");
        assertEquals(1, late[2], "the try outstanding when the late reply came");
        assertEquals(ProbeTable.ABSENT, table.answer(0, 0xC6120002L, 22, 1, 2_600, new long[3]), "duplicate reply");
        table.sent(1, 2, 80, 10_000);
        assertFalse(table.retried(1, 2, 80, 1, 1 + 1, 10_100), "retry of a try that is not outstanding");
        long[] first = new long[3];
        assertEquals(700, table.answer(1, 2, 80, 0, 10_700, first));
        assertEquals(10_000, first[0]);
    }

    @Test
    void fullTableSignalsBackPressure() {
        ProbeTable table = new ProbeTable(3);
        for (int i = 0; i < 3; i++) {
            assertTrue(table.sent(0, i, 1, 0));
        }
        assertTrue(table.isFull());
        assertFalse(table.sent(0, 99, 1, 0));
        assertTrue(table.retried(0, 1, 1, 0, 0 + 1, 5), "a retry of an outstanding probe still fits");
        table.answer(0, 0, 1, 0, 1, new long[3]);
        assertFalse(table.isFull());
    }
}
