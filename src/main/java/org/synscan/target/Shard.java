package org.synscan.target;

import org.synscan.UsageException;
import org.synscan.text.Ascii;

/**
 * Shard {@code index} of {@code total} (1-based, like masscan's --shard): it takes the permuted positions
 * p with p ≡ index-1 (mod total), so N machines running shards 1/N..N/N with one seed cover the
 * space exactly once.
 */
public record Shard(long index, long total) {
    /** The whole space. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (total < 1 || total > Range.MAX_SIZE || index < 1 || index > total) {
            throw new IllegalArgumentException("shard " + index + "/" + total);
        }
    }

    /** Parses "I/N". */
    public static Shard parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw bad(text, "expected I/N, e.g. 2/3");
        }
        long i = number(text, text.substring(0, slash));
        long n = number(text, text.substring(slash + 1));
        if (n < 1 || n > Range.MAX_SIZE) {
            throw bad(text, "N must be between 1 and 2^62");
        }
        if (i < 1 || i > n) {
            throw bad(text, "I must be between 1 and N");
        }
        return new Shard(i, n);
    }

    private static long number(String text, String part) {
        if (!Ascii.isDigits(part)) {
            throw bad(text, "expected I/N with whole numbers, e.g. 2/3");
        }
        return Ascii.decimal(part); // saturates: too large is "out of range" below
    }

    private static UsageException bad(String text, String why) {
        return new UsageException("--shard " + text + ": " + why);
    }

    /** How many of {@code size} positions fall in this shard. */
    public long countOf(long size) {
        long first = index - 1;
        return first >= size ? 0 : (size - first - 1) / total + 1;
    }

    @Override
    public String toString() {
        return index + "/" + total;
    }
}
