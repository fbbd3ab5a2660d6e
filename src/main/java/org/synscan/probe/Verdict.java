package org.synscan.probe;

import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;

/** What a valid reply says about one probed port; one mutable instance reused by a receiver thread. */
public final class Verdict {
    boolean ipv6;
    long targetHi;
    long targetLo;
    Protocol protocol;
    int port;
    int tryNo;
    PortState state;
    Reason reason;
    int replyTtl;
    long fromHi;
    long fromLo;

    public boolean ipv6() { return ipv6; }
    /** The probed address (for ICMP errors, the destination of the quoted probe). */
    public long targetHi() { return targetHi; }
    public long targetLo() { return targetLo; }
    public Protocol protocol() { return protocol; }
    /** The probed port. */
    public int port() { return port; }
    /** Which try (0-based) the reply answers; 0 with a fixed source port. */
    public int tryNo() { return tryNo; }
    public PortState state() { return state; }
    public Reason reason() { return reason; }
    /** TTL / hop limit of the reply as received (nmap's reason_ttl). */
    public int replyTtl() { return replyTtl; }
    /** Who sent the reply: the target, or a router for some ICMP errors (nmap's "from" in reasons). */
    public long fromHi() { return fromHi; }
    public long fromLo() { return fromLo; }
    /** True if the reply came from the target itself. */
    public boolean fromTarget() { return fromHi == targetHi && fromLo == targetLo; }

    @Override
    public String toString() {
        return protocol + " port " + port + " try " + tryNo + ": " + state + "/" + reason + " ttl " + replyTtl;
    }
}
