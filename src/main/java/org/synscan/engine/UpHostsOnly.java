package org.synscan.engine;

import org.synscan.net.Mac;
import org.synscan.net.MacTable;

/**
 * Probes only hosts that answered the neighbour sweep: on a LAN, a host that does not answer ARP or
 * ND cannot answer a probe either, so its probes are skipped (counted) rather than sent and waited for.
 */
public final class UpHostsOnly implements ProbeSupply {
    private final ProbeSupply inner;
    private final MacTable up;
    private long skipped;

    public UpHostsOnly(ProbeSupply inner, MacTable up) {
        this.inner = inner;
        this.up = up;
    }

    @Override
    public boolean next(NextProbe out) {
        while (inner.next(out)) {
            if (up.get(out.hi, out.lo) != Mac.NONE) {
                return true;
            }
            skipped++;
        }
        return false;
    }

    @Override
    public long total() {
        return inner.total();
    }

    @Override
    public long drawn() {
        return inner.drawn();
    }

    /** Probes of down hosts that were not sent. */
    public long skipped() {
        return skipped;
    }
}
