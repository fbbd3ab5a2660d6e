package org.synscan.result;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every port result of a scan, grouped by host. Written by the receiver (answers) and the sender
 * (no-response verdicts) concurrently, on their hot paths: a result is one packed long (see
 * {@link #pack}), hosts are found through an open-addressing index on primitive arrays, and nothing
 * is allocated per result. A host's ports are kept in a long[] (8 bytes a port), so a full
 * 65535-port scan of a host costs half a megabyte, not millions of objects.
 */
public final class ScanResults {
    private static final Protocol[] PROTOCOLS = Protocol.values();
    private static final PortState[] STATES = PortState.values();
    private static final Reason[] REASONS = Reason.values();
    private static final int OPEN = PortState.OPEN.ordinal();

    private final boolean ipv6;
    /** Copied on add (rare); read on every result without an iterator (no garbage on the engine's threads). */
    private volatile ResultListener[] listeners = new ResultListener[0];
    // host index: slot -> host number + 1 (0 = empty); hosts by number in the arrays below
    private int[] slots = new int[64];
    private long[] hostHi = new long[32];
    private long[] hostLo = new long[32];
    private long[][] ports = new long[32][];
    private int[] portCount = new int[32];
    private long[] latency = new long[32];
    private int hostCount;
    private long total;
    private long open;

    public ScanResults(boolean ipv6) {
        this.ipv6 = ipv6;
    }

    public boolean ipv6() {
        return ipv6;
    }

    public void addListener(ResultListener listener) {
        synchronized (this) {
            ResultListener[] grown = Arrays.copyOf(listeners, listeners.length + 1);
            grown[listeners.length] = listener;
            listeners = grown;
        }
    }

    /** Records a port's final state; see {@link #record(long, long, long, long)}. */
    public void record(long hi, long lo, PortResult result, long latencyNanos) {
        record(hi, lo, pack(result), latencyNanos);
    }

    /**
     * Records a port's final state, {@link #pack packed}. The caller guarantees one record per
     * (host, protocol, port): the probe table hands out each probe's verdict once.
     */
    public void record(long hi, long lo, long packed, long latencyNanos) {
        synchronized (this) {
            int h = hostNumber(hi, lo);
            long[] p = ports[h];
            int n = portCount[h];
            if (n == p.length) {
                p = Arrays.copyOf(p, n * 2);
                ports[h] = p;
            }
            p[n] = packed;
            portCount[h] = n + 1;
            if (latency[h] < 0 && latencyNanos >= 0) {
                latency[h] = latencyNanos;
            }
            total++;
            if (stateOrdinal(packed) == OPEN) {
                open++;
            }
        }
        ResultListener[] ls = listeners;
        for (int i = 0; i < ls.length; i++) {
            ls[i].onResult(hi, lo, packed);
        }
    }

    public synchronized long total() {
        return total;
    }

    public synchronized long openCount() {
        return open;
    }

    public synchronized int hostCount() {
        return hostCount;
    }

    /** A consistent snapshot: hosts in address order, each host's ports by protocol then number. */
    public List<HostResult> hosts() {
        Integer[] order;
        long[][] copies;
        long[] lat;
        long[] his;
        long[] los;
        synchronized (this) {
            order = new Integer[hostCount];
            copies = new long[hostCount][];
            lat = Arrays.copyOf(latency, hostCount);
            his = Arrays.copyOf(hostHi, hostCount);
            los = Arrays.copyOf(hostLo, hostCount);
            for (int h = 0; h < hostCount; h++) {
                order[h] = h;
                copies[h] = Arrays.copyOf(ports[h], portCount[h]);
            }
        }
        sortByAddress(order, his, los);
        List<HostResult> out = new ArrayList<>(order.length);
        for (int h : order) {
            out.add(result(his[h], los[h], lat[h], copies[h]));
        }
        return out;
    }

    /**
     * The hosts' addresses in address order, as pairs (hi, lo) in one array: lets a caller pick the
     * hosts it needs without {@link #hosts()} building every host's port list (65,535 results for a
     * -p- host).
     */
    public long[] hostAddresses() {
        long[] his;
        long[] los;
        synchronized (this) {
            his = Arrays.copyOf(hostHi, hostCount);
            los = Arrays.copyOf(hostLo, hostCount);
        }
        Integer[] order = new Integer[his.length];
        for (int h = 0; h < order.length; h++) {
            order[h] = h;
        }
        sortByAddress(order, his, los);
        long[] out = new long[order.length * 2];
        for (int i = 0; i < order.length; i++) {
            out[2 * i] = his[order[i]];
            out[2 * i + 1] = los[order[i]];
        }
        return out;
    }

    /** Sorts host numbers by their addresses (unsigned, high half first). */
    private static void sortByAddress(Integer[] order, long[] his, long[] los) {
        Arrays.sort(order, (a, b) -> {
            int c = Long.compareUnsigned(his[a], his[b]);
            return c != 0 ? c : Long.compareUnsigned(los[a], los[b]);
        });
    }

    /** One host's results as {@link #hosts()} would give them, or null when nothing was recorded for it. */
    public HostResult host(long hi, long lo) {
        long[] packed;
        long lat;
        synchronized (this) {
            int h = find(hi, lo);
            if (h < 0) {
                return null;
            }
            packed = Arrays.copyOf(ports[h], portCount[h]);
            lat = latency[h];
        }
        return result(hi, lo, lat, packed);
    }

    private HostResult result(long hi, long lo, long latencyNanos, long[] packed) {
        // packing puts protocol above port, so numeric order is (protocol, port) order
        Arrays.sort(packed);
        List<PortResult> list = new ArrayList<>(packed.length);
        for (long p : packed) {
            list.add(unpack(p));
        }
        return new HostResult(hi, lo, ipv6, latencyNanos, List.copyOf(list));
    }

    /** The host's number, added if new; under the lock. */
    private int hostNumber(long hi, long lo) {
        int h = find(hi, lo);
        if (h >= 0) {
            return h;
        }
        if (hostCount == hostHi.length) {
            int n = hostCount * 2;
            hostHi = Arrays.copyOf(hostHi, n);
            hostLo = Arrays.copyOf(hostLo, n);
            ports = Arrays.copyOf(ports, n);
            portCount = Arrays.copyOf(portCount, n);
            latency = Arrays.copyOf(latency, n);
        }
        h = hostCount++;
        hostHi[h] = hi;
        hostLo[h] = lo;
        ports[h] = new long[4];
        latency[h] = -1;
        if (hostCount * 2 > slots.length) {
            rehash();
        } else {
            slots[slotFor(hi, lo)] = h + 1;
        }
        return h;
    }

    /**
     * The host's number: 0, 1, 2... in the order hosts got their first result, fixed for the scan
     * (what a writer indexes per-host counts by); -1 when nothing was recorded for it.
     */
    public synchronized int hostNumberOf(long hi, long lo) {
        return find(hi, lo);
    }

    /** The host's number, or -1. */
    private int find(long hi, long lo) {
        int s = slotFor(hi, lo);
        return slots[s] - 1;
    }

    /** The slot holding the host, or the empty slot where it would go. */
    private int slotFor(long hi, long lo) {
        int mask = slots.length - 1;
        long x = lo * 0x9E3779B97F4A7C15L ^ hi * 0xC2B2AE3D27D4EB4FL;
        int i = (int) (x ^ (x >>> 29)) & mask;
        while (slots[i] != 0) {
            int h = slots[i] - 1;
            if (hostLo[h] == lo && hostHi[h] == hi) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return i;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        for (int h = 0; h < hostCount; h++) {
            slots[slotFor(hostHi[h], hostLo[h])] = h + 1;
        }
    }

    /** One result in a long; layout, high to low: protocol (2 bits) | port (16) | state (4) | reason (6) | ttl (8). */
    public static long pack(Protocol protocol, int port, PortState state, Reason reason, int ttl) {
        return ((long) protocol.ordinal() << 34) | ((long) port << 18) | ((long) state.ordinal() << 14)
                | ((long) reason.ordinal() << 8) | (ttl & 0xFF);
    }

    public static long pack(PortResult r) {
        return pack(r.protocol(), r.port(), r.state(), r.reason(), r.ttl());
    }

    public static PortResult unpack(long p) {
        return new PortResult(PROTOCOLS[(int) (p >>> 34) & 3], (int) (p >>> 18) & 0xFFFF,
                STATES[stateOrdinal(p)], REASONS[(int) (p >>> 8) & 0x3F], (int) p & 0xFF);
    }

    private static int stateOrdinal(long packed) {
        return (int) (packed >>> 14) & 0xF;
    }
}
