package org.synscan.target;

import java.util.Arrays;
import org.synscan.UsageException;

/**
 * A set of address ranges being built from ranges added in any order, held in one primitive array:
 * when the array fills it is sorted and merged in place, and it grows only when merging frees less
 * than a quarter of it, so memory follows the number of disjoint ranges, never the number added. A range that
 * touches the last one added extends it, so a sorted list of addresses stays one range whatever
 * its length. An IPv4 range takes one long (start and end packed), an IPv6 range four.
 * <p>
 * The number of disjoint ranges is capped (more would not fit the scanner's heap next to the
 * {@link AddressSet} made from them): past the cap, a one-line usage error.
 */
final class RangeSetBuilder {
    /** 4,194,304 disjoint IPv4 ranges: 32 MB here, 96 MB in the AddressSet. */
    static final int MAX_V4_RANGES = 1 << 22;
    /** 1,048,576 disjoint IPv6 ranges: 32 MB here, 24 MB in the AddressSet. */
    static final int MAX_V6_RANGES = 1 << 20;
    private static final int INITIAL_CAPACITY = 256;
    /** IPv4 entries are (start << 32 | end) ^ SIGN, so that signed order is unsigned (start, end) order. */
    private static final long SIGN = Long.MIN_VALUE;

    private final boolean ipv6;
    private final String what;
    private final int limit;
    private final int maxCapacity;
    private long[] a;
    private int n;
    /** The n ranges are sorted, disjoint and not touching. */
    private boolean normalized = true;

    /** @param what "targets" or "exclusions", for the error past the cap */
    RangeSetBuilder(boolean ipv6, String what) {
        this(ipv6, what, ipv6 ? MAX_V6_RANGES : MAX_V4_RANGES);
    }

    RangeSetBuilder(boolean ipv6, String what, int limit) {
        this.ipv6 = ipv6;
        this.what = what;
        this.limit = limit;
        // room for a quarter of the cap above it, so that near the cap a merge still frees room
        this.maxCapacity = (int) Math.min(Integer.MAX_VALUE / 4 - 1, limit + (long) limit / 4 + 1);
        this.a = new long[stride() * Math.min(INITIAL_CAPACITY, maxCapacity)];
    }

    boolean isIpv6() {
        return ipv6;
    }

    /** Adds the inclusive range [start, end]; start must not be after end. */
    void add(long startHi, long startLo, long endHi, long endLo) {
        if (n > 0 && joinLast(startHi, startLo, endHi, endLo)) {
            return;
        }
        if (n == capacity()) {
            makeRoom();
        }
        if (normalized && n > 0 && !follows(n - 1, startHi, startLo)) {
            normalized = false;
        }
        set(n++, startHi, startLo, endHi, endLo);
    }

    /** Sorts and merges in place; afterwards {@link #count()} ranges are disjoint, sorted and not touching. */
    void normalize() {
        if (!normalized) {
            sort();
            int w = 0;
            for (int r = 1; r < n; r++) {
                if (!follows(w, startHi(r), startLo(r))) {
                    if (Range.compare(endHi(r), endLo(r), endHi(w), endLo(w)) > 0) {
                        set(w, startHi(w), startLo(w), endHi(r), endLo(r));
                    }
                } else if (++w != r) {
                    System.arraycopy(a, r * stride(), a, w * stride(), stride());
                }
            }
            n = n == 0 ? 0 : w + 1;
            normalized = true;
        }
        if (n > limit) {
            throw new UsageException("the " + what + " are too fragmented (more than " + limit
                    + " separate ranges); merge them into ranges or CIDR blocks");
        }
    }

    /** These ranges minus {@code exclude}'s, as a new normalized builder; normalizes both first. */
    RangeSetBuilder subtract(RangeSetBuilder exclude) {
        normalize();
        exclude.normalize();
        RangeSetBuilder out = new RangeSetBuilder(ipv6, what, limit);
        int j = 0;
        for (int r = 0; r < n; r++) {
            while (j < exclude.n && Range.compare(exclude.endHi(j), exclude.endLo(j), startHi(r), startLo(r)) < 0) {
                j++;
            }
            long curHi = startHi(r);
            long curLo = startLo(r);
            boolean open = true;
            for (int k = j; k < exclude.n
                    && Range.compare(exclude.startHi(k), exclude.startLo(k), endHi(r), endLo(r)) <= 0; k++) {
                if (Range.compare(exclude.startHi(k), exclude.startLo(k), curHi, curLo) > 0) {
                    long lo = exclude.startLo(k) - 1;
                    out.add(curHi, curLo, exclude.startHi(k) - (exclude.startLo(k) == 0 ? 1 : 0), lo);
                }
                if (Range.compare(exclude.endHi(k), exclude.endLo(k), endHi(r), endLo(r)) >= 0) {
                    open = false;
                    break;
                }
                curLo = exclude.endLo(k) + 1;
                curHi = exclude.endHi(k) + (curLo == 0 ? 1 : 0);
            }
            if (open) {
                out.add(curHi, curLo, endHi(r), endLo(r));
            }
        }
        out.normalize();
        return out;
    }

    int count() {
        return n;
    }

    /** Ranges the array has room for before it is merged or grown. */
    int capacity() {
        return a.length / stride();
    }

    long startHi(int r) {
        return ipv6 ? a[4 * r] : 0;
    }

    long startLo(int r) {
        return ipv6 ? a[4 * r + 1] : (a[r] ^ SIGN) >>> 32;
    }

    long endHi(int r) {
        return ipv6 ? a[4 * r + 2] : 0;
    }

    long endLo(int r) {
        return ipv6 ? a[4 * r + 3] : (a[r] ^ SIGN) & 0xFFFF_FFFFL;
    }

    /** Merges the new range into the last one when they overlap or touch. */
    private boolean joinLast(long startHi, long startLo, long endHi, long endLo) {
        int last = n - 1;
        if (follows(last, startHi, startLo) || endsWellBefore(endHi, endLo, startHi(last), startLo(last))) {
            return false;
        }
        boolean earlierStart = Range.compare(startHi, startLo, startHi(last), startLo(last)) < 0;
        boolean laterEnd = Range.compare(endHi, endLo, endHi(last), endLo(last)) > 0;
        set(last, earlierStart ? startHi : startHi(last), earlierStart ? startLo : startLo(last),
                laterEnd ? endHi : endHi(last), laterEnd ? endLo : endLo(last));
        if (earlierStart && last > 0 && !follows(last - 1, startHi(last), startLo(last))) {
            normalized = false;
        }
        return true;
    }

    /** True when (hi, lo) lies beyond the end of range r plus one: neither overlapping nor touching it. */
    private boolean follows(int r, long hi, long lo) {
        long eHi = endHi(r);
        long eLo = endLo(r);
        if (Range.compare(hi, lo, eHi, eLo) <= 0 || (ipv6 ? eHi == -1L && eLo == -1L : eLo == 0xFFFF_FFFFL)) {
            return false;
        }
        long nextLo = eLo + 1;
        return !(lo == nextLo && hi == eHi + (nextLo == 0 ? 1 : 0));
    }

    /** True when a range ending at (endHi, endLo) ends more than one address before (hi, lo). */
    private static boolean endsWellBefore(long endHi, long endLo, long hi, long lo) {
        if (Range.compare(endHi, endLo, hi, lo) >= 0) {
            return false;
        }
        long nextLo = endLo + 1;
        return !(lo == nextLo && hi == endHi + (nextLo == 0 ? 1 : 0));
    }

    private void makeRoom() {
        normalize();
        if (n >= capacity() / 4 * 3 && capacity() < maxCapacity) {
            int grown = (int) Math.min(maxCapacity, 2L * capacity());
            a = Arrays.copyOf(a, grown * stride());
        }
    }

    private int stride() {
        return ipv6 ? 4 : 1;
    }

    private void set(int r, long startHi, long startLo, long endHi, long endLo) {
        if (ipv6) {
            a[4 * r] = startHi;
            a[4 * r + 1] = startLo;
            a[4 * r + 2] = endHi;
            a[4 * r + 3] = endLo;
        } else {
            a[r] = (startLo << 32 | endLo) ^ SIGN;
        }
    }

    private void sort() {
        if (!ipv6) {
            Arrays.sort(a, 0, n);
            return;
        }
        // heapsort on 4-long records: in place, no boxing, no index array
        for (int root = n / 2 - 1; root >= 0; root--) {
            siftDown(root, n);
        }
        for (int end = n - 1; end > 0; end--) {
            swap(0, end);
            siftDown(0, end);
        }
    }

    private void siftDown(int root, int size) {
        while (true) {
            int child = 2 * root + 1;
            if (child >= size) {
                return;
            }
            if (child + 1 < size && less(child, child + 1)) {
                child++;
            }
            if (!less(root, child)) {
                return;
            }
            swap(root, child);
            root = child;
        }
    }

    private boolean less(int x, int y) {
        int c = Range.compare(a[4 * x], a[4 * x + 1], a[4 * y], a[4 * y + 1]);
        return c != 0 ? c < 0 : Range.compare(a[4 * x + 2], a[4 * x + 3], a[4 * y + 2], a[4 * y + 3]) < 0;
    }

    private void swap(int x, int y) {
        for (int k = 0; k < 4; k++) {
            long t = a[4 * x + k];
            a[4 * x + k] = a[4 * y + k];
            a[4 * y + k] = t;
        }
    }
}
