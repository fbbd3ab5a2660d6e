package org.synscan.probe;

/**
 * SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012): a 128-bit key
 * ({@code k0} = key bytes 0..7 and {@code k1} = bytes 8..15, little-endian) and a 64-bit output.
 *
 * <p>The {@code long} entry points hash each argument as 8 little-endian message bytes, so
 * {@code hash(k0, k1, a, b)} equals the byte version over the 16 bytes of {@code a} then {@code b};
 * they allocate nothing, for the per-probe cookie.
 */
public final class SipHash {
    private static final long C0 = 0x736f6d6570736575L;
    private static final long C1 = 0x646f72616e646f6dL;
    private static final long C2 = 0x6c7967656e657261L;
    private static final long C3 = 0x7465646279746573L;

    private SipHash() {
    }

    public static long hash(long k0, long k1, long a) {
        return longs(k0, k1, 1, a, 0, 0, 0, 0);
    }

    public static long hash(long k0, long k1, long a, long b) {
        return longs(k0, k1, 2, a, b, 0, 0, 0);
    }

    public static long hash(long k0, long k1, long a, long b, long c) {
        return longs(k0, k1, 3, a, b, c, 0, 0);
    }

    public static long hash(long k0, long k1, long a, long b, long c, long d) {
        return longs(k0, k1, 4, a, b, c, d, 0);
    }

    public static long hash(long k0, long k1, long a, long b, long c, long d, long e) {
        return longs(k0, k1, 5, a, b, c, d, e);
    }

    private static long longs(long k0, long k1, int n, long m0, long m1, long m2, long m3, long m4) {
        long v0 = k0 ^ C0;
        long v1 = k1 ^ C1;
        long v2 = k0 ^ C2;
        long v3 = k1 ^ C3;
        // n full blocks, then the final block that holds only the length (8n bytes, no tail).
        for (int i = 0; i <= n; i++) {
            long m = i == n ? (long) (8 * n) << 56
                    : i == 0 ? m0 : i == 1 ? m1 : i == 2 ? m2 : i == 3 ? m3 : m4;
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        v2 ^= 0xFF;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    /** SipHash-2-4 of {@code m[off, off+len)}. */
    public static long hash(long k0, long k1, byte[] m, int off, int len) {
        long v0 = k0 ^ C0;
        long v1 = k1 ^ C1;
        long v2 = k0 ^ C2;
        long v3 = k1 ^ C3;
        int blocks = len / 8;
        for (int i = 0; i <= blocks; i++) {
            long w;
            if (i < blocks) {
                w = le(m, off + 8 * i, 8);
            } else {
                w = (long) (len & 0xFF) << 56 | le(m, off + 8 * i, len & 7);
            }
            v3 ^= w;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= w;
        }
        v2 ^= 0xFF;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static long le(byte[] m, int off, int n) {
        long w = 0;
        for (int i = n - 1; i >= 0; i--) {
            w = w << 8 | (m[off + i] & 0xFF);
        }
        return w;
    }
}
