package org.synscan.net;

/**
 * Address (hi, lo) to MAC, for scans of several on-link hosts: each probe's Ethernet destination is
 * its target's own MAC. Open addressing on primitive arrays: the sender looks a host up for every
 * probe, so nothing may be boxed. Filled before the scan, read-only during it.
 */
public final class MacTable {
    private final long[] hi;
    private final long[] lo;
    private final long[] mac;
    private final boolean[] used;
    private final int mask;
    private int size;

    public MacTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        hi = new long[capacity];
        lo = new long[capacity];
        mac = new long[capacity];
        used = new boolean[capacity];
        mask = capacity - 1;
    }

    public int size() {
        return size;
    }

    public void put(long h, long l, long m) {
        int i = slot(h, l);
        if (!used[i]) {
            if (size + 1 > (mask + 1) / 2) {
                throw new IllegalStateException("MAC table full");
            }
            used[i] = true;
            hi[i] = h;
            lo[i] = l;
            size++;
        }
        mac[i] = m;
    }

    /** The MAC of the host, or {@link Mac#NONE}. */
    public long get(long h, long l) {
        int i = slot(h, l);
        return used[i] ? mac[i] : Mac.NONE;
    }

    private int slot(long h, long l) {
        long x = l * 0x9E3779B97F4A7C15L ^ h * 0xC2B2AE3D27D4EB4FL;
        int i = (int) (x ^ (x >>> 31)) & mask;
        while (used[i] && (hi[i] != h || lo[i] != l)) {
            i = (i + 1) & mask;
        }
        return i;
    }
}
