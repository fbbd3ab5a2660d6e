package org.synscan.target;

import java.util.ArrayList;
import java.util.List;
import org.synscan.UsageException;
import org.synscan.result.Addresses;

/**
 * An immutable set of target addresses, all IPv4 or all IPv6, kept as sorted disjoint ranges.
 * Addresses are (hi, lo) pairs of unsigned 64-bit halves; IPv4 has hi = 0 and lo = the 32-bit address.
 * Index i in [0, size()) names the i-th address in ascending order; lookups binary-search the
 * cumulative range sizes, so memory grows with the number of ranges, never with the number of addresses.
 */
public final class AddressSet {
    private final boolean ipv6;
    private final long[] startHi;
    private final long[] startLo;
    /** cumulative[r] = addresses before range r; the last entry is the total size. */
    private final long[] cumulative;

    /** The addresses of {@code ranges} (normalized here if they are not yet). */
    AddressSet(boolean ipv6, RangeSetBuilder ranges) {
        if (ranges.isIpv6() != ipv6) {
            throw new IllegalArgumentException("ranges of the other family");
        }
        ranges.normalize();
        int n = ranges.count();
        this.ipv6 = ipv6;
        this.startHi = new long[n];
        this.startLo = new long[n];
        this.cumulative = new long[n + 1];
        long total = 0;
        for (int r = 0; r < n; r++) {
            long size = Range.size(ranges.startHi(r), ranges.startLo(r), ranges.endHi(r), ranges.endLo(r));
            if (size < 0 || size > Range.MAX_SIZE - total) {
                throw new UsageException("the targets cover more than 2^62 addresses; narrow them or --exclude some");
            }
            startHi[r] = ranges.startHi(r);
            startLo[r] = ranges.startLo(r);
            cumulative[r] = total;
            total += size;
        }
        cumulative[n] = total;
    }

    /** The addresses of {@code ranges}, in any order, overlapping or not; for tests. */
    AddressSet(boolean ipv6, List<Range> ranges) {
        this(ipv6, builderOf(ipv6, ranges));
    }

    private static RangeSetBuilder builderOf(boolean ipv6, List<Range> ranges) {
        RangeSetBuilder b = new RangeSetBuilder(ipv6, "targets");
        for (Range r : ranges) {
            b.add(r.startHi(), r.startLo(), r.endHi(), r.endLo());
        }
        return b;
    }

    /** An empty set of the given family. */
    public static AddressSet empty(boolean ipv6) {
        return new AddressSet(ipv6, List.of());
    }

    public boolean isIpv6() {
        return ipv6;
    }

    /** Number of distinct addresses. */
    public long size() {
        return cumulative[cumulative.length - 1];
    }

    /** Number of disjoint ranges the set is stored as. */
    public int rangeCount() {
        return startLo.length;
    }

    /** High 64 bits of the address at {@code index} (always 0 for IPv4). */
    public long highAt(long index) {
        return highIn(rangeOf(index), index);
    }

    /** Low 64 bits of the address at {@code index} (the whole address for IPv4). */
    public long lowAt(long index) {
        return lowIn(rangeOf(index), index);
    }

    /** The range holding address {@code index}. */
    int rangeOf(long index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("address index " + index + " of " + size());
        }
        int lo = 0;
        int hi = startLo.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (cumulative[mid] <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    long highIn(int range, long index) {
        long lo = startLo[range] + (index - cumulative[range]);
        return startHi[range] + (Long.compareUnsigned(lo, startLo[range]) < 0 ? 1 : 0);
    }

    long lowIn(int range, long index) {
        return startLo[range] + (index - cumulative[range]);
    }

    public boolean contains(long hi, long lo) {
        int a = 0;
        int b = startLo.length - 1;
        int found = -1;
        while (a <= b) {
            int mid = (a + b) >>> 1;
            if (Range.compare(startHi[mid], startLo[mid], hi, lo) <= 0) {
                found = mid;
                a = mid + 1;
            } else {
                b = mid - 1;
            }
        }
        if (found < 0) {
            return false;
        }
        long dLo = lo - startLo[found];
        long dHi = hi - startHi[found] - (Long.compareUnsigned(lo, startLo[found]) < 0 ? 1 : 0);
        long size = cumulative[found + 1] - cumulative[found];
        return dHi == 0 && Long.compareUnsigned(dLo, size) < 0;
    }

    /** The ranges as (start, end) pairs; for tests and set algebra. */
    List<Range> ranges() {
        List<Range> out = new ArrayList<>(startLo.length);
        for (int r = 0; r < startLo.length; r++) {
            long last = cumulative[r + 1] - 1;
            out.add(new Range(startHi[r], startLo[r], highIn(r, last), lowIn(r, last)));
        }
        return out;
    }

    /** Dotted quad for IPv4, RFC 5952 text for IPv6. */
    public static String format(boolean ipv6, long hi, long lo) {
        return appendTo(new StringBuilder(ipv6 ? 39 : 15), ipv6, hi, lo).toString();
    }

    /** Like {@link #format} into a caller's builder, so hot loops can reuse one. */
    public static StringBuilder appendTo(StringBuilder sb, boolean ipv6, long hi, long lo) {
        return Addresses.appendTo(sb, ipv6, hi, lo);
    }

    /** The ranges, e.g. "198.18.0.0-198.18.0.255, 198.18.2.1"; long sets are cut short. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        List<Range> ranges = ranges();
        for (int r = 0; r < ranges.size(); r++) {
            if (r == 8) {
                sb.append(", ... (").append(ranges.size() - r).append(" more ranges)");
                break;
            }
            Range range = ranges.get(r);
            if (r > 0) {
                sb.append(", ");
            }
            appendTo(sb, ipv6, range.startHi(), range.startLo());
            if (range.size() != 1) {
                appendTo(sb.append('-'), ipv6, range.endHi(), range.endLo());
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressSet s && s.ipv6 == ipv6 && s.ranges().equals(ranges());
    }

    @Override
    public int hashCode() {
        return ranges().hashCode() * 31 + (ipv6 ? 1 : 0);
    }
}
