package org.synscan.target;

import java.util.Arrays;
import java.util.BitSet;
import org.synscan.result.Protocol;

/**
 * An immutable, duplicate-free list of (protocol, port) pairs: TCP ports ascending, then UDP ascending.
 * Each entry is packed as {@code protocol.ordinal() << 16 | port}, so natural int order is scan order.
 */
public final class PortList {
    private static final Protocol[] PROTOCOLS = Protocol.values();

    private final int[] codes;

    private PortList(int[] sortedUniqueCodes) {
        this.codes = sortedUniqueCodes;
    }

    /**
     * From packed codes in any order, duplicates allowed. Plain loops, no streams: a -p- list has
     * 65,536 entries, built at every start while the JVM is still interpreting (an IntStream's
     * distinct() boxes each one).
     */
    static PortList ofCodes(int[] codes) {
        int[] sorted = codes.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (n == 0 || sorted[i] != sorted[n - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return new PortList(n == sorted.length ? sorted : Arrays.copyOf(sorted, n));
    }

    /** From a set of packed codes: sorted and duplicate-free already. */
    static PortList ofCodes(BitSet codes) {
        int[] out = new int[codes.cardinality()];
        int n = 0;
        for (int c = codes.nextSetBit(0); c >= 0; c = codes.nextSetBit(c + 1)) {
            out[n++] = c;
        }
        return new PortList(out);
    }

    static int code(Protocol p, int port) {
        return p.ordinal() << 16 | port;
    }

    /** The given ports of one protocol. */
    public static PortList of(Protocol protocol, int... ports) {
        int[] codes = new int[ports.length];
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] < 0 || ports[i] > 65535) {
                throw new IllegalArgumentException("port " + ports[i]);
            }
            codes[i] = code(protocol, ports[i]);
        }
        return ofCodes(codes);
    }

    public int size() {
        return codes.length;
    }

    public Protocol protocolAt(int i) {
        return PROTOCOLS[codes[i] >>> 16];
    }

    public int portAt(int i) {
        return codes[i] & 0xFFFF;
    }

    public boolean has(Protocol p) {
        return count(p) > 0;
    }

    /** Number of ports of protocol {@code p}. */
    public int count(Protocol p) {
        int from = Arrays.binarySearch(codes, code(p, 0));
        int to = Arrays.binarySearch(codes, code(p, 0xFFFF));
        from = from >= 0 ? from : -from - 1;
        to = to >= 0 ? to + 1 : -to - 1;
        return to - from;
    }

    public boolean contains(Protocol p, int port) {
        return Arrays.binarySearch(codes, code(p, port)) >= 0;
    }

    /** This list without the entries of {@code other}. */
    public PortList minus(PortList other) {
        int[] kept = new int[codes.length];
        int n = 0;
        for (int c : codes) {
            if (Arrays.binarySearch(other.codes, c) < 0) {
                kept[n++] = c;
            }
        }
        return new PortList(Arrays.copyOf(kept, n));
    }

    /** Both lists' entries. */
    public PortList union(PortList other) {
        int[] all = Arrays.copyOf(codes, codes.length + other.codes.length);
        System.arraycopy(other.codes, 0, all, codes.length, other.codes.length);
        return ofCodes(all);
    }

    int[] codes() {
        return codes.clone();
    }

    /** The ports of {@code p} in nmap's compact form, e.g. "22,80-90" (as in nmap XML scaninfo). */
    public String spec(Protocol p) {
        StringBuilder sb = new StringBuilder();
        int i = Arrays.binarySearch(codes, code(p, 0));
        i = i >= 0 ? i : -i - 1;
        while (i < codes.length && codes[i] >>> 16 == p.ordinal()) {
            int j = i;
            while (j + 1 < codes.length && codes[j + 1] == codes[j] + 1) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(codes[i] & 0xFFFF);
            if (j > i) {
                sb.append('-').append(codes[j] & 0xFFFF);
            }
            i = j + 1;
        }
        return sb.toString();
    }

    /** The whole list as a -p argument, e.g. "T:22,80-90,U:53". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Protocol p : PROTOCOLS) {
            String s = spec(p);
            if (!s.isEmpty()) {
                sb.append(sb.length() > 0 ? "," : "").append(p == Protocol.TCP ? "T:" : "U:").append(s);
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortList l && Arrays.equals(l.codes, codes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codes);
    }
}
