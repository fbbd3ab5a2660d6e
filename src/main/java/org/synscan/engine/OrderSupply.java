package org.synscan.engine;

import org.synscan.target.ProbeCursor;
import org.synscan.target.ProbeOrder;

/** The planner's keyed, sharded order as the sender's probe supply. */
public final class OrderSupply implements ProbeSupply {
    private final ProbeOrder order;
    private final ProbeCursor cursor = new ProbeCursor();

    public OrderSupply(ProbeOrder order) {
        this.order = order;
    }

    @Override
    public boolean next(NextProbe out) {
        if (!order.next(cursor)) {
            return false;
        }
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
