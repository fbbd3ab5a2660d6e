package org.synscan.output;

import java.util.Arrays;
import org.synscan.result.PortResult;

import org.synscan.result.ScanResults;
import org.synscan.result.ResultListener;

/**
 * Hands results from the engine's threads to the output writer. The engine calls
 * {@link #onResult} on its receiver and sender threads, the hot path, so it only appends a few
 * primitives to a growable buffer under a lock held for nanoseconds; the writer swaps the buffer out
 * with {@link #drain} and does the formatting and the I/O on its own thread.
 */
public final class ResultFeed implements ResultListener {
    /** What {@link #drain} hands to the writer, one result at a time. */
    @FunctionalInterface
    public interface Sink {
        void result(long hi, long lo, PortResult result, long epochMillis);
    }

    private Batch filling = new Batch(1024);
    private Batch spare = new Batch(1024);

    @Override
    public void onResult(long hi, long lo, long packed) {
        long now = System.currentTimeMillis();
        synchronized (this) {
            filling.add(hi, lo, packed, now);
        }
    }

    /** Hands every result received so far to {@code sink}, in arrival order; call from one thread. */
    public void drain(Sink sink) {
        Batch batch;
        synchronized (this) {
            batch = filling;
            filling = spare;
        }
        for (int i = 0; i < batch.size; i++) {
            sink.result(batch.hi[i], batch.lo[i], ScanResults.unpack(batch.packed[i]), batch.millis[i]);
        }
        batch.size = 0;
        synchronized (this) {
            spare = batch;
        }
    }

    private static final class Batch {
        long[] hi;
        long[] lo;
        long[] packed;
        long[] millis;
        int size;

        Batch(int capacity) {
            hi = new long[capacity];
            lo = new long[capacity];
            packed = new long[capacity];
            millis = new long[capacity];
        }

        void add(long h, long l, long p, long m) {
            if (size == hi.length) {
                int n = size * 2;
                hi = Arrays.copyOf(hi, n);
                lo = Arrays.copyOf(lo, n);
                packed = Arrays.copyOf(packed, n);
                millis = Arrays.copyOf(millis, n);
            }
            hi[size] = h;
            lo[size] = l;
            packed[size] = p;
            millis[size] = m;
            size++;
        }
    }
}
