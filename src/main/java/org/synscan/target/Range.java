package org.synscan.target;

/**
 * An inclusive range of addresses as unsigned 128-bit (hi, lo) pairs; IPv4 ranges have hi = 0.
 * Only used while parsing, so an object per range is fine.
 */
record Range(long startHi, long startLo, long endHi, long endLo) {

    /** The largest set synscan accepts: sizes and indexes must stay positive longs with room to spare. */
    static final long MAX_SIZE = 1L << 62;

    Range {
        if (compare(startHi, startLo, endHi, endLo) > 0) {
            throw new IllegalArgumentException("range start after end");
        }
    }

    static Range v4(long start, long end) {
        return new Range(0, start, 0, end);
    }

    static Range single(long hi, long lo) {
        return new Range(hi, lo, hi, lo);
    }

    static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    int compareStart(Range o) {
        return compare(startHi, startLo, o.startHi, o.startLo);
    }

    boolean endsAtMax() {
        return endHi == -1L && endLo == -1L;
    }

    /** Number of addresses, or -1 when that exceeds {@link #MAX_SIZE}. */
    long size() {
        long dLo = endLo - startLo;
        long dHi = endHi - startHi - (Long.compareUnsigned(endLo, startLo) < 0 ? 1 : 0);
        if (dHi != 0 || Long.compareUnsigned(dLo, MAX_SIZE - 1) > 0) {
            return -1;
        }
        return dLo + 1;
    }

    /** True when {@code next} (starting at or after this one) overlaps or touches this range. */
    boolean reaches(Range next) {
        if (endsAtMax() || compare(next.startHi, next.startLo, endHi, endLo) <= 0) {
            return true;
        }
        long lo = endLo + 1;
        long hi = endHi + (lo == 0 ? 1 : 0);
        return next.startHi == hi && next.startLo == lo;
    }

    /** True when this range ends at or after the end of {@code o}. */
    boolean endsAtOrAfter(Range o) {
        return compare(endHi, endLo, o.endHi, o.endLo) >= 0;
    }
}
