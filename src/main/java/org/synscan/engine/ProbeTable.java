package org.synscan.engine;

/**
 * The probes in flight, keyed by (target address, protocol+port): what has been sent and not yet
 * answered or given up on. Open addressing with linear probing and backward-shift deletion, so there
 * are no tombstones and nothing is boxed; capacity is fixed at construction (rate × timeout bounds it)
 * and {@link #isFull()} is the sender's back-pressure signal.
 *
 * <p>Each slot's fields lie together in one long array ({@value #STRIDE} longs, 48 bytes): a lookup in
 * a table of a quarter of a million probes is a cache miss per memory line it touches, and with one
 * array per field each lookup touched three lines (key high, key low, port) and an update more. When
 * nothing answers, the expiry of every probe is two lookups and a deletion, most of the sender's time.
 *
 * <p>Shared by the sender (insert, retry, settle) and the receiver (answer), so every method is
 * synchronized: each call is a few tens of nanoseconds, far below the per-packet budget.
 */
final class ProbeTable {
    /** Returned by {@link #answer} and {@link #tryOf} when the probe is not outstanding. */
    static final int ABSENT = -1;
    /** Returned by {@link #answer} when the reply carries no usable round-trip time. */
    static final int NO_SAMPLE = -2;

    private static final int STRIDE = 6;
    private static final int HI = 0;
    private static final int LO = 1;
    /** (proto<<16 | port) + 1 in the high half, so that 0 marks an empty slot; the try in the low half. */
    private static final int KEY_TRY = 2;
    private static final int SENT = 3;
    /** When try 0 went out: groups answers by send time for the congestion control. */
    private static final int FIRST_SENT = 4;
    /** When the try before the outstanding one went out (0 for a first try). */
    private static final int PREVIOUS_SENT = 5;

    private final long[] slots;
    private final int mask;
    private final int limit;
    private int size;

    ProbeTable(int maxOutstanding) {
        if (maxOutstanding < 1) {
            throw new IllegalArgumentException("maxOutstanding must be positive");
        }
        // load factor <= 0.5 keeps linear-probing chains short
        int capacity = Integer.highestOneBit(Math.max(4, maxOutstanding) * 2 - 1) << 1;
        slots = new long[capacity * STRIDE];
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
        int b = ~slot * STRIDE;
        slots[b + HI] = hi;
        slots[b + LO] = lo;
        slots[b + KEY_TRY] = keyTry(packedPort, 0);
        slots[b + SENT] = now;
        slots[b + FIRST_SENT] = now;
        slots[b + PREVIOUS_SENT] = 0;
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
        if (slot < 0) {
            return false;
        }
        int b = slot * STRIDE;
        if (tryAt(b) != expectedTry) {
            return false;
        }
        slots[b + KEY_TRY] = keyTry(packedPort, nextTry);
        slots[b + PREVIOUS_SENT] = slots[b + SENT];
        slots[b + SENT] = now;
        return true;
    }

    /**
     * A valid reply to try {@code replyTry} arrived at {@code now}: removes the probe. Returns
     * {@link #ABSENT} when it was already settled (so duplicated and late replies are harmless),
     * {@link #NO_SAMPLE} when the reply answers an earlier try than the one outstanding (its round-trip
     * time is ambiguous, Karn's rule), else the round-trip time in nanoseconds. When the probe was
     * outstanding, {@code sent[0]} receives the send time of its first try, {@code sent[1]} that of
     * the try before the outstanding one (0 if none) and {@code sent[2]} the outstanding try's number
     * (a reply to try 0 that comes after try 3 went out shows the probe needed four tries' time).
     */
    synchronized long answer(long hi, long lo, int packedPort, int replyTry, long now, long[] sent) {
        int slot = find(hi, lo, packedPort);
        if (slot < 0) {
            return ABSENT;
        }
        int b = slot * STRIDE;
        sent[0] = slots[b + FIRST_SENT];
        sent[1] = slots[b + PREVIOUS_SENT];
        sent[2] = tryAt(b);
        long rtt = tryAt(b) == replyTry ? Math.max(0, now - slots[b + SENT]) : NO_SAMPLE;
        delete(slot);
        return rtt;
    }

    /** The outstanding try number of the probe, or {@link #ABSENT}. */
    synchronized int tryOf(long hi, long lo, int packedPort) {
        int slot = find(hi, lo, packedPort);
        return slot < 0 ? ABSENT : tryAt(slot * STRIDE);
    }

    /** Gives up on a probe (settled without reply); returns false if it was answered meanwhile. */
    synchronized boolean settle(long hi, long lo, int packedPort, int expectedTry) {
        int slot = find(hi, lo, packedPort);
        if (slot < 0 || tryAt(slot * STRIDE) != expectedTry) {
            return false;
        }
        delete(slot);
        return true;
    }

    private static long keyTry(int packedPort, int tryNo) {
        return (long) (packedPort + 1) << 32 | (tryNo & 0xFFFFFFFFL);
    }

    private int tryAt(int base) {
        return (int) slots[base + KEY_TRY];
    }

    /** Slot index when present, else the bitwise complement of the empty slot where it would go. */
    private int find(long hi, long lo, int packedPort) {
        int key = packedPort + 1;
        int i = hash(hi, lo, key) & mask;
        while (true) {
            int b = i * STRIDE;
            int k = (int) (slots[b + KEY_TRY] >>> 32);
            if (k == 0) {
                return ~i;
            }
            if (k == key && slots[b + LO] == lo && slots[b + HI] == hi) {
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
            int b = i * STRIDE;
            int k = (int) (slots[b + KEY_TRY] >>> 32);
            if (k == 0) {
                break;
            }
            int home = hash(slots[b + HI], slots[b + LO], k) & mask;
            // the entry at i may fill the hole unless its home lies cyclically in (hole, i]
            boolean homeBetween = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!homeBetween) {
                System.arraycopy(slots, b, slots, hole * STRIDE, STRIDE);
                hole = i;
            }
        }
        slots[hole * STRIDE + KEY_TRY] = 0;
    }

    private static int hash(long hi, long lo, int port) {
        long h = lo * 0x9E3779B97F4A7C15L ^ hi * 0xC2B2AE3D27D4EB4FL ^ port * 0x165667B19E3779F9L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }
}
