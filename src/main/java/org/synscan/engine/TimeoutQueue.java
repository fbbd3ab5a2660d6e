package org.synscan.engine;

/**
 * Probes in the order they were sent, so the sender finds expired ones by looking at the head only.
 * Each send of a probe (first try or retry) appends one entry; an entry whose probe was answered, or
 * retried since, is stale and is recognised by comparing its try number with the probe table's.
 * A plain ring of parallel primitive arrays, used by the sender thread alone.
 */
final class TimeoutQueue {
    private final long[] hi;
    private final long[] lo;
    private final int[] port;
    private final int[] tries;
    private final long[] sent;
    private final int mask;
    private long head;
    private long tail;

    TimeoutQueue(int minCapacity) {
        int capacity = Integer.highestOneBit(Math.max(2, minCapacity) * 2 - 1);
        hi = new long[capacity];
        lo = new long[capacity];
        port = new int[capacity];
        tries = new int[capacity];
        sent = new long[capacity];
        mask = capacity - 1;
    }

    boolean isEmpty() {
        return head == tail;
    }

    boolean isFull() {
        return tail - head == hi.length;
    }

    int size() {
        return (int) (tail - head);
    }

    void push(long h, long l, int packedPort, int tryNo, long sentNanos) {
        if (isFull()) {
            throw new IllegalStateException("timeout queue full");
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
