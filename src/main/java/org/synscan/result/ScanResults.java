package org.synscan.result;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every port result of a scan, grouped by host. Written by the receiver (answers) and the sender
 * (no-response verdicts) concurrently. A host's ports are kept packed in a long[] (8 bytes a port),
 * so a full 65535-port scan of a host costs half a megabyte, not millions of objects.
 */
public final class ScanResults {
    private static final Protocol[] PROTOCOLS = Protocol.values();
    private static final PortState[] STATES = PortState.values();
    private static final Reason[] REASONS = Reason.values();

    private final boolean ipv6;
    private final Map<HostKey, Ports> hosts = new HashMap<>();
    private final List<ResultListener> listeners = new CopyOnWriteArrayList<>();
    private long total;
    private long open;

    public ScanResults(boolean ipv6) {
        this.ipv6 = ipv6;
    }

    public boolean ipv6() {
        return ipv6;
    }

    public void addListener(ResultListener listener) {
        listeners.add(listener);
    }

    /**
     * Records a port's final state. The caller guarantees one record per (host, protocol, port):
     * the probe table hands out each probe's verdict once.
     */
    public void record(long hi, long lo, PortResult result, long latencyNanos) {
        synchronized (this) {
            Ports ports = hosts.computeIfAbsent(new HostKey(hi, lo), k -> new Ports());
            ports.add(pack(result));
            if (ports.latencyNanos < 0 && latencyNanos >= 0) {
                ports.latencyNanos = latencyNanos;
            }
            total++;
            if (result.state() == PortState.OPEN) {
                open++;
            }
        }
        for (ResultListener l : listeners) {
            l.onResult(hi, lo, result);
        }
    }

    public synchronized long total() {
        return total;
    }

    public synchronized long openCount() {
        return open;
    }

    public synchronized int hostCount() {
        return hosts.size();
    }

    /** A consistent snapshot: hosts in address order, each host's ports by protocol then number. */
    public List<HostResult> hosts() {
        List<Map.Entry<HostKey, long[]>> copy = new ArrayList<>();
        Map<HostKey, Long> latency = new HashMap<>();
        synchronized (this) {
            for (Map.Entry<HostKey, Ports> e : hosts.entrySet()) {
                copy.add(Map.entry(e.getKey(), Arrays.copyOf(e.getValue().packed, e.getValue().size)));
                latency.put(e.getKey(), e.getValue().latencyNanos);
            }
        }
        copy.sort(Map.Entry.comparingByKey(HostKey.ORDER));
        List<HostResult> out = new ArrayList<>(copy.size());
        for (Map.Entry<HostKey, long[]> e : copy) {
            long[] packed = e.getValue();
            // packing puts protocol above port, so numeric order is (protocol, port) order
            Arrays.sort(packed);
            List<PortResult> ports = new ArrayList<>(packed.length);
            for (long p : packed) {
                ports.add(unpack(p));
            }
            HostKey k = e.getKey();
            out.add(new HostResult(k.hi, k.lo, ipv6, latency.get(k), List.copyOf(ports)));
        }
        return out;
    }

    /** One host's results as {@link #hosts()} would give them, or null when nothing was recorded for it. */
    public HostResult host(long hi, long lo) {
        long[] packed;
        long latency;
        synchronized (this) {
            Ports ports = hosts.get(new HostKey(hi, lo));
            if (ports == null) {
                return null;
            }
            packed = Arrays.copyOf(ports.packed, ports.size);
            latency = ports.latencyNanos;
        }
        Arrays.sort(packed);
        List<PortResult> list = new ArrayList<>(packed.length);
        for (long p : packed) {
            list.add(unpack(p));
        }
        return new HostResult(hi, lo, ipv6, latency, List.copyOf(list));
    }

    // layout, high to low: protocol (2 bits) | port (16) | state (4) | reason (6) | ttl (8)
    static long pack(PortResult r) {
        return ((long) r.protocol().ordinal() << 34) | ((long) r.port() << 18) | ((long) r.state().ordinal() << 14)
                | ((long) r.reason().ordinal() << 8) | (r.ttl() & 0xFF);
    }

    static PortResult unpack(long p) {
        return new PortResult(PROTOCOLS[(int) (p >>> 34) & 3], (int) (p >>> 18) & 0xFFFF,
                STATES[(int) (p >>> 14) & 0xF], REASONS[(int) (p >>> 8) & 0x3F], (int) p & 0xFF);
    }

    private record HostKey(long hi, long lo) {
        static final Comparator<HostKey> ORDER = (a, b) -> {
            int c = Long.compareUnsigned(a.hi, b.hi);
            return c != 0 ? c : Long.compareUnsigned(a.lo, b.lo);
        };
    }

    private static final class Ports {
        long[] packed = new long[4];
        int size;
        long latencyNanos = -1;

        void add(long p) {
            if (size == packed.length) {
                packed = Arrays.copyOf(packed, size * 2);
            }
            packed[size++] = p;
        }
    }
}
