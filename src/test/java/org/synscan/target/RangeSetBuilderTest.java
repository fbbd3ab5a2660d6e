package org.synscan.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.synscan.UsageException;

/** The primitive range set against an address-by-address model, and its memory: ranges, not lines. */
class RangeSetBuilderTest {
    private static List<Range> ranges(RangeSetBuilder b) {
        b.normalize();
        List<Range> out = new ArrayList<>();
        for (int r = 0; r < b.count(); r++) {
            out.add(new Range(b.startHi(r), b.startLo(r), b.endHi(r), b.endLo(r)));
        }
        return out;
    }

    /** The model's members as maximal runs. */
    private static List<Range> runs(boolean[] model, long hi, long base) {
        List<Range> out = new ArrayList<>();
        for (int x = 0; x < model.length; x++) {
            if (model[x] && (x == 0 || !model[x - 1])) {
                int y = x;
                while (y + 1 < model.length && model[y + 1]) {
                    y++;
                }
                out.add(new Range(hi, base + x, hi, base + y));
            }
        }
        return out;
    }

    @Test
    void randomAddsMergeLikeTheModelForBothFamilies() {
        Random random = new Random(14);
        for (int trial = 0; trial < 400; trial++) {
            boolean ipv6 = trial % 2 == 1;
            long hi = ipv6 ? 0xfd00_0000_0000_0000L : 0;
            long base = ipv6 ? 0 : 0xC612_0000L;
            boolean[] model = new boolean[300];
            RangeSetBuilder b = new RangeSetBuilder(ipv6, "targets", 1000);
            int adds = 1 + random.nextInt(trial < 200 ? 20 : 700); // past 256: merges as the array fills
            for (int k = 0; k < adds; k++) {
                int a = random.nextInt(300);
                int e = Math.min(299, a + (random.nextInt(4) == 0 ? random.nextInt(20) : 0));
                b.add(hi, base + a, hi, base + e);
                for (int x = a; x <= e; x++) {
                    model[x] = true;
                }
            }
            assertEquals(runs(model, hi, base), ranges(b), "trial " + trial);
        }
    }

    @Test
    void subtractMatchesTheModel() {
        Random random = new Random(41);
        for (int trial = 0; trial < 300; trial++) {
            boolean ipv6 = trial % 2 == 0;
            long hi = ipv6 ? 7 : 0;
            boolean[] model = new boolean[200];
            RangeSetBuilder include = new RangeSetBuilder(ipv6, "targets");
            RangeSetBuilder exclude = new RangeSetBuilder(ipv6, "exclusions");
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                int a = random.nextInt(200);
                int e = Math.min(199, a + random.nextInt(40));
                include.add(hi, a, hi, e);
                for (int x = a; x <= e; x++) {
                    model[x] = true;
                }
            }
            for (int k = 0; k < random.nextInt(8); k++) {
                int a = random.nextInt(200);
                int e = Math.min(199, a + random.nextInt(30));
                exclude.add(hi, a, hi, e);
                for (int x = a; x <= e; x++) {
                    model[x] = false;
                }
            }
            assertEquals(runs(model, hi, 0), ranges(include.subtract(exclude)), "trial " + trial);
        }
    }

    @Test
    void ipv6RangesTouchingAcrossTheLowHalfMerge() {
        long hi = 0xfd00_0000_0000_0000L;
        RangeSetBuilder b = new RangeSetBuilder(true, "targets");
        b.add(hi + 1, 0, hi + 1, 5);
        b.add(hi, -10L, hi, -1L); // ends at hi:ffff..ffff, the next is hi+1:0
        b.add(0, 0, 0, 0);
        b.add(-1L, -1L, -1L, -1L);
        b.add(-1L, -2L, -1L, -2L);
        assertEquals(List.of(new Range(0, 0, 0, 0), new Range(hi, -10L, hi + 1, 5), new Range(-1L, -2L, -1L, -1L)),
                ranges(b));
        RangeSetBuilder v4 = new RangeSetBuilder(false, "targets");
        v4.add(0, 0xFFFF_FFFFL, 0, 0xFFFF_FFFFL);
        v4.add(0, 0, 0, 0xFFFF_FFFEL);
        assertEquals(List.of(Range.v4(0, 0xFFFF_FFFFL)), ranges(v4));
    }

    /** The memory goal of issue 14: a sorted (or reverse-sorted) list stays one range and never grows the array. */
    @Test
    void aSortedListOfAMillionAddressesIsOneRangeInTheFirstArray() {
        for (boolean ipv6 : new boolean[] {false, true}) {
            RangeSetBuilder up = new RangeSetBuilder(ipv6, "targets");
            RangeSetBuilder down = new RangeSetBuilder(ipv6, "targets");
            int capacity = up.capacity();
            for (long a = 0; a < 1_000_000; a++) {
                up.add(0, 0x0A00_0000L + a, 0, 0x0A00_0000L + a);
                down.add(0, 0x0AFF_FFFFL - a, 0, 0x0AFF_FFFFL - a);
            }
            assertEquals(1, up.count());
            assertEquals(1, down.count());
            assertEquals(capacity, up.capacity(), "the array never grew");
            assertEquals(capacity, down.capacity());
            assertEquals(List.of(new Range(0, 0x0A00_0000L, 0, 0x0A0F_423FL)), ranges(up));
        }
    }

    /**
     * Shuffled, the ranges are fragmented until about half are in (k(1 - k/n) disjoint runs after k
     * of n); the array follows the most runs there were at once, not the number added.
     */
    @Test
    void aShuffledBlockEndsAsOneRangeAndTheArrayFollowsTheFragments() {
        int n = 400_000;
        List<Integer> order = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            order.add(a);
        }
        Collections.shuffle(order, new Random(8));
        RangeSetBuilder b = new RangeSetBuilder(false, "targets");
        boolean[] model = new boolean[n + 2];
        int runs = 0;
        int mostRuns = 0;
        for (int a : order) {
            b.add(0, a, 0, a);
            model[a + 1] = true;
            runs += 1 - (model[a] ? 1 : 0) - (model[a + 2] ? 1 : 0);
            mostRuns = Math.max(mostRuns, runs);
        }
        assertEquals(List.of(Range.v4(0, n - 1)), ranges(b));
        assertTrue(mostRuns > n / 5 && mostRuns < n / 3, "about n/4 runs at most: " + mostRuns);
        // 8 bytes a range in the array: at most 24 bytes for each range there ever was at once
        assertTrue(b.capacity() <= 3 * mostRuns, b.capacity() + " slots for at most " + mostRuns + " ranges");
    }

    @Test
    void moreDisjointRangesThanTheCapAreAUsageError() {
        RangeSetBuilder b = new RangeSetBuilder(false, "targets", 1000);
        for (long a = 0; a < 1000; a++) {
            b.add(0, 2 * a, 0, 2 * a);
        }
        b.normalize(); // exactly the cap: fine
        UsageException e = assertThrows(UsageException.class, () -> {
            for (long a = 1000; a < 2000; a++) {
                b.add(0, 2 * a, 0, 2 * a);
            }
            b.normalize();
        });
        assertEquals("the targets are too fragmented (more than 1000 separate ranges); merge them into ranges or CIDR "
                + "blocks", e.getMessage());
        RangeSetBuilder adjacent = new RangeSetBuilder(false, "targets", 10);
        for (long a = 0; a < 100_000; a += 2) {
            adjacent.add(0, a, 0, a);
            adjacent.add(0, a + 1, 0, a + 1);
        }
        assertEquals(1, adjacent.count(), "adjacent addresses are one range, far under the cap");
    }
}
