package org.synscan.engine;

import org.synscan.result.Protocol;

/** The next probe to send, filled in place by a {@link ProbeSupply}. */
public final class NextProbe {
    public long hi;
    public long lo;
    public Protocol protocol;
    public int port;
}
