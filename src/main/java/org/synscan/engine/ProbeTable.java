package org.synscan.engine;

/**
 * The probes in flight, keyed by (target address, protocol+port): what has been sent and not yet
 * answered or given up on. Open addressing with linear probing and backward-shift deletion, so there
 * are no tombstones and nothing is boxed; capacity is fixed at construction (rate × timeout bounds it)
 * and {@link #isFull()} is the sender's back-pressure signal.
 *
 * <p>Shared by the sender (insert, retry, settle) and the receiver (answer), so every method is
 * synchronized: each call is a few tens of nanoseconds, far below the per-packet budget.
 */
final class ProbeTable {
    /** Returned by {@link #answer} and {@link #tryOf} when the probe is not outstanding. */
    static final int ABSENT = -1;
    /** Returned by {@link #answer} when the reply carries no usable round-trip time. */
    static final int NO_SAMPLE = -2;

    private final long[] keyHi;
    private final long[] keyLo;
    /** proto<<16 | port, plus one so that 0 marks an empty slot. */
    private final int[] keyPort;
    private final int[] tries;
    private final long[] sentNanos;
    /** When try 0 went out: groups answers by send time for the congestion control. */
    private final long[] firstSentNanos;
    /** When the try before the outstanding one went out (0 for a first try). */
    private final long[] previousSentNanos;
    private final int mask;
    private final int limit;
    private int size;

    ProbeTable(int maxOutstanding) {
        if (maxOutstanding < 1) {
            throw new IllegalArgumentException("maxOutstanding must be positive");
        }
        // load factor <= 0.5 keeps linear-probing chains short
        int capacity = Integer.highestOneBit(Math.max(4, maxOutstanding) * 2 - 1) << 1;
        keyHi = new long[capacity];
        keyLo = new long[capacity];
        keyPort = new int[capacity];
        tries = new int[capacity];
        sentNanos = new long[capacity];
        firstSentNanos = new long[capacity];
        previousSentNanos = new long[capacity];
        mask = capacity - 1;
        limit = maxOutstanding;
    }

    static int packPort(int protoOrdinal, int port) {
        return (protoOrdinal << 16) | port;
    }

    synchronized int size() {
        return size;
    }

    synchronized boolean isFull() {
        return size >= limit;
    }

    int limit() {
        return limit;
    }

    /**
     * Records the first try of a probe, sent at {@code now}. Returns false when the table is full, or
     * when the probe is already outstanding (then nothing changes).
     */
    synchronized boolean sent(long hi, long lo, int packedPort, long now) {
        int slot = find(hi, lo, packedPort);
        if (slot >= 0 || size >= limit) {
            return false;
        }
        slot = ~slot;
        keyHi[slot] = hi;
        keyLo[slot] = lo;
        keyPort[slot] = packedPort + 1;
        tries[slot] = 0;
        sentNanos[slot] = now;
        firstSentNanos[slot] = now;
        previousSentNanos[slot] = 0;
        size++;
        return true;
    }

    /**
     * Records a retry, atomically with the check that the probe is still outstanding at try
     * {@code expectedTry}: a reply that lands between the sender's look and the retry must win, or the
     * retry would bring a settled probe back to life (and its answer would be recorded twice).
     * {@code nextTry} is normally expectedTry + 1; UDP verification tries are numbered after the
     * normal ones (see UdpPacing).
     */
    synchronized boolean retried(long hi, long lo, int packedPort, int expectedTry, int nextTry, long now) {
        int slot = find(hi, lo, packedPort);
        if (slot < 0 || tries[slot] != expectedTry) {
            return false;
        }
        tries[slot] = nextTry;
        previousSentNanos[slot] = sentNanos[slot];
        sentNanos[slot] = now;
        return true;
    }

    /**
     * A valid reply to try {@code replyTry} arrived at {@code now}: removes the probe. Returns
     * {@link #ABSENT} when it was already settled (so duplicated and late replies are harmless),
     * {@link #NO_SAMPLE} when the reply answers an earlier try than the one outstanding (its round-trip
     * time is ambiguous, Karn's rule), else the round-trip time in nanoseconds. When the probe was
     * outstanding, {@code sent[0]} receives the send time of its first try and {@code sent[1]} that of
     * the try before the outstanding one (0 if none).
     */
    synchronized long answer(long hi, long lo, int packedPort, int replyTry, long now, long[] sent) {
        int slot = find(hi, lo, packedPort);
        if (slot < 0) {
            return ABSENT;
        }
        sent[0] = firstSentNanos[slot];
        sent[1] = previousSentNanos[slot];
        long rtt = tries[slot] == replyTry ? Math.max(0, now - sentNanos[slot]) : NO_SAMPLE;
        delete(slot);
        return rtt;
    }

    /** The outstanding try number of the probe, or {@link #ABSENT}. */
    synchronized int tryOf(long hi, long lo, int packedPort) {
        int slot = find(hi, lo, packedPort);
        return slot < 0 ? ABSENT : tries[slot];
    }

    /** Gives up on a probe (settled without reply); returns false if it was answered meanwhile. */
    synchronized boolean settle(long hi, long lo, int packedPort, int expectedTry) {
        int slot = find(hi, lo, packedPort);
        if (slot < 0 || tries[slot] != expectedTry) {
            return false;
        }
        delete(slot);
        return true;
    }

    /** Slot index when present, else the bitwise complement of the empty slot where it would go. */
    private int find(long hi, long lo, int packedPort) {
        int key = packedPort + 1;
        int i = hash(hi, lo, key) & mask;
        while (true) {
            int k = keyPort[i];
            if (k == 0) {
                return ~i;
            }
            if (k == key && keyLo[i] == lo && keyHi[i] == hi) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /** Backward-shift deletion: moves later members of the probe chain up so lookups never need tombstones. */
    private void delete(int slot) {
        size--;
        int hole = slot;
        int i = slot;
        while (true) {
            i = (i + 1) & mask;
            int k = keyPort[i];
            if (k == 0) {
                break;
            }
            int home = hash(keyHi[i], keyLo[i], k) & mask;
            // the entry at i may fill the hole unless its home lies cyclically in (hole, i]
            boolean homeBetween = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!homeBetween) {
                keyHi[hole] = keyHi[i];
                keyLo[hole] = keyLo[i];
                keyPort[hole] = k;
                tries[hole] = tries[i];
                sentNanos[hole] = sentNanos[i];
                firstSentNanos[hole] = firstSentNanos[i];
                previousSentNanos[hole] = previousSentNanos[i];
                hole = i;
            }
        }
        keyPort[hole] = 0;
    }

    private static int hash(long hi, long lo, int port) {
        long h = lo * 0x9E3779B97F4A7C15L ^ hi * 0xC2B2AE3D27D4EB4FL ^ port * 0x165667B19E3779F9L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }
}
