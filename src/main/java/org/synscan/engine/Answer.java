package org.synscan.engine;

import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;

/** A validated reply as the engine sees it; one mutable instance reused by the receiver thread. */
public final class Answer {
    public long hi;
    public long lo;
    public Protocol protocol;
    public int port;
    /** Which try of the probe this answers (recovered from the reply), 0 when unknown. */
    public int tryNo;
    public PortState state;
    public Reason reason;
    public int ttl;
    /** When the reply reached this machine, on the {@link System#nanoTime()} clock (for round-trip times). */
    public long receivedNanos;
}
