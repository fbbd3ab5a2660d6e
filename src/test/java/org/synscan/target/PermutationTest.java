package org.synscan.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PermutationTest {

    private static void assertBijection(long n, long seed) {
        Permutation p = new Permutation(n, seed);
        boolean[] hit = new boolean[(int) n];
        for (long i = 0; i < n; i++) {
            long x = p.apply(i);
            assertTrue(x >= 0 && x < n, "n=" + n + " i=" + i + " -> " + x);
            assertFalse(hit[(int) x], "n=" + n + " seed=" + seed + ": " + x + " hit twice");
            hit[(int) x] = true;
        }
    }

    @Test
    void bijectionForEverySizeUpTo2000() {
        for (long n = 1; n <= 2000; n++) {
            assertBijection(n, n * 31 + 7);
        }
    }

    @Test
    void bijectionForOddAndPowerOfTwoSizes() {
        for (long n : new long[] {4095, 4096, 4097, 65535, 65536, 65537, 99_991, 262_147}) {
            assertBijection(n, 12345);
            assertBijection(n, -1);
        }
    }

    @Test
    void hugeSizesStayInRangeAndDistinctBySampling() {
        SplittableRandom random = new SplittableRandom(1);
        for (long n : new long[] {1L << 62, (1L << 62) - 1, (1L << 40) + 7, (1L << 32) * 65535, 3_000_000_019L}) {
            Permutation p = new Permutation(n, 99);
            Set<Long> inputs = new HashSet<>();
            Set<Long> outputs = new HashSet<>();
            while (inputs.size() < 50_000) {
                long i = random.nextLong(n);
                if (inputs.add(i)) {
                    long x = p.apply(i);
                    assertTrue(x >= 0 && x < n, "n=" + n + " i=" + i);
                    assertTrue(outputs.add(x), "n=" + n + ": collision at " + x);
                }
            }
            // the edges of the domain too
            assertTrue(p.apply(n - 1) < n);
            assertTrue(p.apply(0) < n);
        }
    }

    @Test
    void sameSeedSameOrderOtherSeedOtherOrder() {
        Permutation a = new Permutation(1000, 7);
        Permutation b = new Permutation(1000, 7);
        Permutation c = new Permutation(1000, 8);
        int same = 0;
        for (long i = 0; i < 1000; i++) {
            assertEquals(a.apply(i), b.apply(i));
            same += a.apply(i) == c.apply(i) ? 1 : 0;
        }
        assertTrue(same < 20, "seeds 7 and 8 agree on " + same + " of 1000");
    }

    @Test
    void orderLooksShuffled() {
        // not the identity, and neighbours do not stay neighbours
        Permutation p = new Permutation(1 << 16, 3);
        int fixed = 0;
        int adjacent = 0;
        for (long i = 0; i + 1 < 1 << 16; i++) {
            fixed += p.apply(i) == i ? 1 : 0;
            adjacent += Math.abs(p.apply(i + 1) - p.apply(i)) == 1 ? 1 : 0;
        }
        assertTrue(fixed < 20, "fixed points: " + fixed);
        assertTrue(adjacent < 20, "adjacent steps: " + adjacent);
    }

    @Test
    void rejectsBadSizesAndIndexes() {
        assertThrows(IllegalArgumentException.class, () -> new Permutation(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Permutation((1L << 62) + 1, 1));
        Permutation p = new Permutation(10, 1);
        assertThrows(IndexOutOfBoundsException.class, () -> p.apply(10));
        assertThrows(IndexOutOfBoundsException.class, () -> p.apply(-1));
    }
}
