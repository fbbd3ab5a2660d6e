package org.synscan.target;

/**
 * A keyed bijection on [0, n) for any 1 ≤ n ≤ 2^62: a balanced Feistel network over the smallest
 * even power of two ≥ n, with cycle-walking to stay inside [0, n). Because that domain is < 4n,
 * a walk takes fewer than 4 steps on average. Round keys come from the seed through SplitMix64,
 * and the round function is the SplitMix64 finaliser, a strong 64-bit mixer.
 * Same (n, seed) → same order, on every machine. Not for secrecy: the order only has to look random.
 */
public final class Permutation {
    private static final int ROUNDS = 6;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long n;
    private final int halfBits;
    private final long halfMask;
    private final long[] roundKeys = new long[ROUNDS];

    public Permutation(long n, long seed) {
        if (n < 1 || n > Range.MAX_SIZE) {
            throw new IllegalArgumentException("permutation size " + n + " outside [1, 2^62]");
        }
        this.n = n;
        int bits = 64 - Long.numberOfLeadingZeros(n - 1); // smallest b with 2^b >= n
        bits = Math.max(2, bits + (bits & 1));
        this.halfBits = bits / 2;
        this.halfMask = (1L << halfBits) - 1;
        long state = seed;
        for (int r = 0; r < ROUNDS; r++) {
            state += GOLDEN;
            roundKeys[r] = mix(state);
        }
    }

    public long size() {
        return n;
    }

    /** The image of {@code i} (0 ≤ i < n). */
    public long apply(long i) {
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("index " + i + " outside [0, " + n + ")");
        }
        long x = i;
        do {
            x = encrypt(x);
        } while (x >= n);
        return x;
    }

    private long encrypt(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (int r = 0; r < ROUNDS; r++) {
            long next = left ^ (mix(right * GOLDEN + roundKeys[r]) & halfMask);
            left = right;
            right = next;
        }
        return left << halfBits | right;
    }

    /** SplitMix64's finaliser (Steele, Lea, Flood 2014). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
