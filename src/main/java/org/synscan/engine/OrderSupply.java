package org.synscan.engine;

import org.synscan.net.Mac;
import org.synscan.net.MacTable;
import org.synscan.target.ProbeCursor;
import org.synscan.target.ProbeOrder;

/** The planner's keyed, sharded order as the sender's probe supply. */
public final class OrderSupply implements ProbeSupply {
    private final ProbeOrder order;
    private final MacTable up;
    private final ProbeCursor cursor = new ProbeCursor();

    public OrderSupply(ProbeOrder order) {
        this(order, null);
    }

    /** @param up when not null, only hosts in this table are probed (the others did not answer ARP/ND) */
    public OrderSupply(ProbeOrder order, MacTable up) {
        this.order = order;
        this.up = up;
    }

    @Override
    public boolean next(NextProbe out) {
        do {
            if (!order.next(cursor)) {
                return false;
            }
        } while (up != null && up.get(cursor.addrHi(), cursor.addrLo()) == Mac.NONE);
        out.hi = cursor.addrHi();
        out.lo = cursor.addrLo();
        out.protocol = cursor.protocol();
        out.port = cursor.port();
        return true;
    }

    @Override
    public long total() {
        return order.count();
    }

    @Override
    public long drawn() {
        return order.position();
    }
}
