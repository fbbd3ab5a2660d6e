package org.synscan.target;

/**
 * The order a scan (or one shard of it) sends its probes in. Position p of the whole space maps
 * through a keyed {@link Permutation} to index idx, then to host idx % hosts and port idx / hosts, so
 * consecutive probes go to different hosts. Shard I/N draws positions I-1, I-1+N, I-1+2N, …
 * State is three longs; nothing depends on the space's size. Not thread-safe: one sender draws.
 */
public final class ProbeOrder {
    private final ScanSpace space;
    private final AddressSet addresses;
    private final PortList ports;
    private final Shard shard;
    private final long hosts;
    private final long count;
    private final Permutation permutation;
    private long next;

    public ProbeOrder(ScanSpace space, long seed, Shard shard) {
        this.space = space;
        this.addresses = space.addresses();
        this.ports = space.ports();
        this.shard = shard;
        this.hosts = addresses.size();
        long size = space.size();
        this.count = shard.countOf(size);
        this.permutation = size == 0 ? null : new Permutation(size, seed);
    }

    public ScanSpace space() {
        return space;
    }

    public Shard shard() {
        return shard;
    }

    /** Number of probes in this shard. */
    public long count() {
        return count;
    }

    /** Ordinal of the next probe {@link #next} returns; equals the number drawn so far. */
    public long position() {
        return next;
    }

    /** Continues from ordinal {@code position} (0 ≤ position ≤ count), e.g. when resuming. */
    public void skipTo(long position) {
        if (position < 0 || position > count) {
            throw new IllegalArgumentException("position " + position + " outside [0, " + count + "]");
        }
        next = position;
    }

    /** Fills {@code c} with the next probe; false when the shard is exhausted. */
    public boolean next(ProbeCursor c) {
        if (next >= count) {
            return false;
        }
        long p = (shard.index() - 1) + next * shard.total();
        long idx = permutation.apply(p);
        long host = idx % hosts;
        int portIndex = (int) (idx / hosts);
        int range = addresses.rangeOf(host);
        c.position = next;
        c.hostIndex = host;
        c.portIndex = portIndex;
        c.addrHi = addresses.highIn(range, host);
        c.addrLo = addresses.lowIn(range, host);
        c.protocol = ports.protocolAt(portIndex);
        c.port = ports.portAt(portIndex);
        next++;
        return true;
    }
}
