package org.synscan.engine;

/**
 * Probes in the order they were sent, so the sender finds expired ones by looking at the head only.
 * Each send of a probe (first try or retry) appends one entry; an entry whose probe was answered, or
 * retried since, is stale and is recognised by comparing its try number with the probe table's.
 * A plain ring of parallel primitive arrays, used by the sender thread alone.
 */
final class TimeoutQueue {
    /**
     * Entries allocated at first. The bound a scan is given covers a second of sending at its rate
     * ceiling, but once round trips are measured a queue holds one timeout's sends (5,000 at 100 kpps
     * and T3's 50 ms floor): growing on demand spares a clean scan megabytes it would zero and touch.
     */
    static final int INITIAL_CAPACITY = 4096;

    private long[] hi;
    private long[] lo;
    private int[] port;
    private int[] tries;
    private long[] sent;
    private int mask;
    private final int maxCapacity;
    private long head;
    private long tail;

    TimeoutQueue(int minCapacity) {
        maxCapacity = Integer.highestOneBit(Math.max(2, minCapacity) * 2 - 1);
        allocate(Math.min(maxCapacity, INITIAL_CAPACITY));
    }

    private void allocate(int capacity) {
        hi = new long[capacity];
        lo = new long[capacity];
        port = new int[capacity];
        tries = new int[capacity];
        sent = new long[capacity];
        mask = capacity - 1;
    }

    /** Doubles the arrays, keeping each entry at its counter's index under the new mask. */
    private void grow() {
        long[] oldHi = hi;
        long[] oldLo = lo;
        int[] oldPort = port;
        int[] oldTries = tries;
        long[] oldSent = sent;
        int oldMask = mask;
        allocate(oldHi.length * 2);
        for (long c = head; c < tail; c++) {
            int from = (int) (c & oldMask);
            int to = (int) (c & mask);
            hi[to] = oldHi[from];
            lo[to] = oldLo[from];
            port[to] = oldPort[from];
            tries[to] = oldTries[from];
            sent[to] = oldSent[from];
        }
    }

    boolean isEmpty() {
        return head == tail;
    }

    boolean isFull() {
        return tail - head == maxCapacity;
    }

    int size() {
        return (int) (tail - head);
    }

    void push(long h, long l, int packedPort, int tryNo, long sentNanos) {
        if (isFull()) {
            throw new IllegalStateException("timeout queue full");
        }
        if (tail - head == hi.length) {
            grow();
        }
        int i = (int) (tail++ & mask);
        hi[i] = h;
        lo[i] = l;
        port[i] = packedPort;
        tries[i] = tryNo;
        sent[i] = sentNanos;
    }

    long headSentNanos() {
        return sent[(int) (head & mask)];
    }

    long headHi() {
        return hi[(int) (head & mask)];
    }

    long headLo() {
        return lo[(int) (head & mask)];
    }

    int headPort() {
        return port[(int) (head & mask)];
    }

    int headTry() {
        return tries[(int) (head & mask)];
    }

    void pop() {
        if (isEmpty()) {
            throw new IllegalStateException("timeout queue empty");
        }
        head++;
    }
}
