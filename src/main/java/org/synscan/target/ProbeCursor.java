package org.synscan.target;

import org.synscan.result.Protocol;

/**
 * One probe drawn from a {@link ProbeOrder}; reused for every draw so the send loop allocates nothing.
 */
public final class ProbeCursor {
    long position;
    long hostIndex;
    int portIndex;
    long addrHi;
    long addrLo;
    Protocol protocol;
    int port;

    /** This probe's ordinal within its shard; to resume after it, {@link ProbeOrder#skipTo} position + 1. */
    public long position() {
        return position;
    }

    /** Index of the target address in the {@link AddressSet}. */
    public long hostIndex() {
        return hostIndex;
    }

    /** Index of the (protocol, port) pair in the {@link PortList}. */
    public int portIndex() {
        return portIndex;
    }

    public long addrHi() {
        return addrHi;
    }

    public long addrLo() {
        return addrLo;
    }

    public Protocol protocol() {
        return protocol;
    }

    public int port() {
        return port;
    }
}
