package org.synscan.probe;

import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;

/**
 * Decides whether a parsed {@link Reply} answers one of our probes and what it says, with nmap's
 * semantics (scan_engine_raw.cc {@code get_pcap_result}, portreasons.cc {@code icmp_to_reason}):
 *
 * <ul>
 * <li>TCP: SYN-ACK: open/syn-ack; RST (with or without ACK): closed/reset. Valid only if the ack is
 *     our sequence cookie + 1 and the destination port decodes to a try. A bare SYN (nmap's
 *     "split handshake" open/syn) carries no proof and is rejected.</li>
 * <li>UDP: any datagram from the probed port to a source port that decodes: open/udp-response; if
 *     the port's payload carries an echoed ID, the reply must echo it.</li>
 * <li>ICMPv4 3/{0,1,2,9,10,13}: filtered with net-unreach, host-unreach, proto-unreach,
 *     net-prohibited, host-prohibited, admin-prohibited; 3/3: port-unreach, closed for UDP when sent
 *     by the target itself, else filtered; 11/*: filtered/time-exceeded. Other 3/x: ignored, as nmap.</li>
 * <li>ICMPv6 1/{0..6}: filtered with no-route, admin-prohibited, beyond-scope, host-unreach,
 *     port-unreach (closed for UDP from the target), admin-prohibited (5, failed policy),
 *     reject-route; 4/0 open/param-problem and 4/1 filtered/param-problem (nmap reads both so);
 *     other ICMPv6 errors (time exceeded, too big): ignored, as nmap.</li>
 * </ul>
 * ICMP errors are matched through the quoted probe: sent from our address, our port encoding, and
 * for TCP our sequence cookie, for UDP our datagram length. Every reply must be addressed to our
 * source address, and our own probes seen by the capture never validate. One instance per receiver
 * thread; it counts nothing.
 */
public final class ReplyClassifier {
    private final boolean ipv6;
    private final long srcHi;
    private final long srcLo;
    private final Cookie cookie;
    private final UdpPayloads payloads;

    public ReplyClassifier(ProbeConfig config) {
        ipv6 = config.ipv6();
        srcHi = config.srcHi();
        srcLo = config.srcLo();
        cookie = config.cookie();
        payloads = config.udpPayloads();
    }

    /**
     * Fills {@code v} and returns true if {@code r} validly answers one of our probes. Call it only
     * after {@link ReplyParser#parse} returned true for {@code r}.
     */
    public boolean classify(Reply r, Verdict v) {
        if (r.kind == null || r.outgoing || r.ipVersion != (ipv6 ? 6 : 4) || r.dstHi != srcHi || r.dstLo != srcLo) {
            return false;
        }
        switch (r.kind) {
            case TCP:
                return tcp(r, v);
            case UDP:
                return udp(r, v);
            default:
                return icmp(r, v);
        }
    }

    private boolean tcp(Reply r, Verdict v) {
        int tryNo = cookie.tcpTryNo(r.dport);
        if (tryNo < 0 || r.ack != Cookie.tcpSeq(cookie.tcpHash(r.srcHi, r.srcLo, r.sport, r.dport)) + 1) {
            return false;
        }
        if ((r.flags & (Reply.SYN | Reply.ACK)) == (Reply.SYN | Reply.ACK)) {
            v.state = PortState.OPEN;
            v.reason = Reason.SYN_ACK;
        } else if ((r.flags & Reply.RST) != 0) {
            v.state = PortState.CLOSED;
            v.reason = Reason.RESET;
        } else {
            return false;
        }
        fill(v, r, r.srcHi, r.srcLo, Protocol.TCP, r.sport, tryNo);
        return true;
    }

    private boolean udp(Reply r, Verdict v) {
        long h = cookie.udpHash(r.srcHi, r.srcLo, r.sport);
        int tryNo = cookie.udpTryNo(h, r.dport);
        if (tryNo < 0 || r.srcHi == srcHi && r.srcLo == srcLo && isOwnUdpProbe(r)) {
            return false;
        }
        UdpPayload p = payloads.forPort(r.sport);
        if (p != null && !p.echoed(r.frame, r.payloadOffset, r.payloadLength, h)) {
            return false;
        }
        v.state = PortState.OPEN;
        v.reason = Reason.UDP_RESPONSE;
        fill(v, r, r.srcHi, r.srcLo, Protocol.UDP, r.sport, tryNo);
        return true;
    }

    /**
     * When we scan our own address, a capture without direction also sees our probes, addressed to
     * us. One is recognised by reading it as a probe: its source port decodes for its destination,
     * and its IP ID / flow label and length are the ones we give that probe.
     */
    private boolean isOwnUdpProbe(Reply r) {
        long h = cookie.udpHash(r.dstHi, r.dstLo, r.dport);
        if (cookie.udpTryNo(h, r.sport) < 0) {
            return false;
        }
        int tag = ipv6 ? Cookie.udpFlowLabel(h) : Cookie.udpIpId(h);
        return r.ipId == tag && r.udpLength == payloads.datagramLength(r.dport, ipv6);
    }

    private boolean icmp(Reply r, Verdict v) {
        if (!r.hasInner || r.innerVersion != r.ipVersion || r.innerSrcHi != srcHi || r.innerSrcLo != srcLo) {
            return false;
        }
        long targetHi = r.innerDstHi;
        long targetLo = r.innerDstLo;
        int port = r.innerDport;
        int tryNo;
        boolean udp;
        if (r.innerProtocol == 6) {
            tryNo = cookie.tcpTryNo(r.innerSport);
            if (tryNo < 0 || r.innerSeq != Cookie.tcpSeq(cookie.tcpHash(targetHi, targetLo, port, r.innerSport))) {
                return false;
            }
            udp = false;
        } else if (r.innerProtocol == 17) {
            tryNo = cookie.udpTryNo(cookie.udpHash(targetHi, targetLo, port), r.innerSport);
            if (tryNo < 0 || r.innerUdpLength != payloads.datagramLength(port, ipv6)) {
                return false;
            }
            udp = true;
        } else {
            return false;
        }
        boolean fromTarget = r.srcHi == targetHi && r.srcLo == targetLo;
        boolean known = r.kind == Reply.Kind.ICMP4 ? icmp4State(r.icmpType, r.icmpCode, udp && fromTarget, v)
                : icmp6State(r.icmpType, r.icmpCode, udp && fromTarget, v);
        if (!known) {
            return false;
        }
        fill(v, r, targetHi, targetLo, udp ? Protocol.UDP : Protocol.TCP, port, tryNo);
        return true;
    }

    private static boolean icmp4State(int type, int code, boolean udpFromTarget, Verdict v) {
        if (type == 11) {
            return set(v, PortState.FILTERED, Reason.TIME_EXCEEDED);
        }
        if (type != 3) {
            return false;
        }
        switch (code) {
            case 0: return set(v, PortState.FILTERED, Reason.NET_UNREACH);
            case 1: return set(v, PortState.FILTERED, Reason.HOST_UNREACH);
            case 2: return set(v, PortState.FILTERED, Reason.PROTO_UNREACH);
            case 3: return set(v, udpFromTarget ? PortState.CLOSED : PortState.FILTERED, Reason.PORT_UNREACH);
            case 9: return set(v, PortState.FILTERED, Reason.NET_PROHIBITED);
            case 10: return set(v, PortState.FILTERED, Reason.HOST_PROHIBITED);
            case 13: return set(v, PortState.FILTERED, Reason.ADMIN_PROHIBITED);
            default: return false;
        }
    }

    private static boolean icmp6State(int type, int code, boolean udpFromTarget, Verdict v) {
        if (type == 4) {
            switch (code) {
                case 0: return set(v, PortState.OPEN, Reason.PARAM_PROBLEM);
                case 1: return set(v, PortState.FILTERED, Reason.PARAM_PROBLEM);
                default: return false;
            }
        }
        if (type != 1) {
            return false;
        }
        switch (code) {
            case 0: return set(v, PortState.FILTERED, Reason.NO_ROUTE);
            case 1: return set(v, PortState.FILTERED, Reason.ADMIN_PROHIBITED);
            case 2: return set(v, PortState.FILTERED, Reason.BEYOND_SCOPE);
            case 3: return set(v, PortState.FILTERED, Reason.HOST_UNREACH);
            case 4: return set(v, udpFromTarget ? PortState.CLOSED : PortState.FILTERED, Reason.PORT_UNREACH);
            case 5: return set(v, PortState.FILTERED, Reason.ADMIN_PROHIBITED);
            case 6: return set(v, PortState.FILTERED, Reason.REJECT_ROUTE);
            default: return false;
        }
    }

    private static boolean set(Verdict v, PortState state, Reason reason) {
        v.state = state;
        v.reason = reason;
        return true;
    }

    private void fill(Verdict v, Reply r, long targetHi, long targetLo, Protocol protocol, int port, int tryNo) {
        v.ipv6 = ipv6;
        v.targetHi = targetHi;
        v.targetLo = targetLo;
        v.protocol = protocol;
        v.port = port;
        v.tryNo = tryNo;
        v.replyTtl = r.ttl;
        v.fromHi = r.srcHi;
        v.fromLo = r.srcLo;
    }
}
