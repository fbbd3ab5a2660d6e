package org.synscan.target;

/**
 * An inclusive range of addresses as unsigned 128-bit (hi, lo) pairs; IPv4 ranges have hi = 0.
 * Parsers return these (a token gives one, or a few for an octet pattern); sets of many ranges
 * are kept in primitive arrays ({@link RangeSetBuilder}, {@link AddressSet}), never as these.
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

    /** Number of addresses, or -1 when that exceeds {@link #MAX_SIZE}. */
    long size() {
        return size(startHi, startLo, endHi, endLo);
    }

    /** {@link #size()} of the range [start, end] given as primitives. */
    static long size(long startHi, long startLo, long endHi, long endLo) {
        long dLo = endLo - startLo;
        long dHi = endHi - startHi - (Long.compareUnsigned(endLo, startLo) < 0 ? 1 : 0);
        if (dHi != 0 || Long.compareUnsigned(dLo, MAX_SIZE - 1) > 0) {
            return -1;
        }
        return dLo + 1;
    }
}
