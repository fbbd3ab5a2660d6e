package org.synscan.probe;

/**
 * The Internet checksum (RFC 1071) and its incremental update (RFC 1624).
 *
 * <p>Sums are kept unfolded in a {@code long} (one's-complement addition is associative, so folding
 * once at the end is enough). Templates are checksummed once with their per-probe fields zeroed; a
 * probe then only adds the words it writes, which is RFC 1624's {@code HC' = ~(~HC + ~m + m')} with
 * {@code m = 0} ({@code ~0} is one's-complement zero and drops out): see {@link #patch}.
 */
public final class Checksum {
    private Checksum() {
    }

    /** Adds the big-endian 16-bit words of {@code b[off, off+len)} to {@code acc}; an odd tail byte is padded with zero. */
    public static long sum(long acc, byte[] b, int off, int len) {
        int end = off + (len & ~1);
        for (int i = off; i < end; i += 2) {
            acc += (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
        }
        if ((len & 1) != 0) {
            acc += (b[off + len - 1] & 0xFF) << 8;
        }
        return acc;
    }

    /**
     * Sum contribution of bytes that start at an odd or even position of the checksummed data:
     * a byte at an even position is a word's high byte, at an odd position its low byte.
     */
    public static long sumAt(byte[] b, int off, int len, boolean oddStart) {
        long acc = 0;
        int shift = oddStart ? 0 : 8;
        for (int i = 0; i < len; i++) {
            acc += (b[off + i] & 0xFF) << shift;
            shift ^= 8;
        }
        return acc;
    }

    /** The four 16-bit words of {@code v}, summed. */
    public static long words(long v) {
        return (v & 0xFFFF) + (v >>> 16 & 0xFFFF) + (v >>> 32 & 0xFFFF) + (v >>> 48);
    }

    /** The two 16-bit words of {@code v}, summed. */
    public static long words(int v) {
        return (v & 0xFFFF) + (v >>> 16);
    }

    /** Folds carries back in until 16 bits remain. */
    public static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The checksum field value for a sum: its folded one's complement. */
    public static int finish(long sum) {
        return ~fold(sum) & 0xFFFF;
    }

    /** Checksum of {@code b[off, off+len)}. */
    public static int of(byte[] b, int off, int len) {
        return finish(sum(0, b, off, len));
    }

    /** Pseudo-header sum for TCP/UDP over IPv4 (RFC 793/768); addresses in the low 32 bits. */
    public static long pseudoV4(long src, long dst, int protocol, int length) {
        return words((int) src) + words((int) dst) + protocol + length;
    }

    /** Pseudo-header sum for upper layers over IPv6 (RFC 8200 section 8.1). */
    public static long pseudoV6(long srcHi, long srcLo, long dstHi, long dstLo, int nextHeader, int length) {
        return words(srcHi) + words(srcLo) + words(dstHi) + words(dstLo) + words(length) + nextHeader;
    }

    /** RFC 1624 eqn. 3 for one 16-bit word changing from {@code oldWord} to {@code newWord}. */
    public static int update16(int checksum, int oldWord, int newWord) {
        return finish((~checksum & 0xFFFF) + (~oldWord & 0xFFFF) + (newWord & 0xFFFF));
    }

    /** RFC 1624 eqn. 3 for an aligned 32-bit field. */
    public static int update32(int checksum, int oldValue, int newValue) {
        return finish((~checksum & 0xFFFF) + words(~oldValue) + words(newValue));
    }

    /** RFC 1624 eqn. 3 for an aligned 64-bit field (half of an IPv6 address). */
    public static int update64(int checksum, long oldValue, long newValue) {
        return finish((~checksum & 0xFFFF) + words(~oldValue) + words(newValue));
    }

    /** Checksum after adding words whose fields held zero when {@code checksum} was computed. */
    public static int patch(int checksum, long addedSum) {
        return finish((~checksum & 0xFFFF) + addedSum);
    }
}
