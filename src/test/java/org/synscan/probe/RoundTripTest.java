package org.synscan.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.synscan.result.PortState.CLOSED;
import static org.synscan.result.PortState.FILTERED;
import static org.synscan.result.PortState.OPEN;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;

/** A probe, the reply a real stack sends to it, parsed and classified: nmap's verdict. */
class RoundTripTest {
    private static final Map<Integer, Reason> ICMP4_UNREACH = Map.of(0, Reason.NET_UNREACH, 1, Reason.HOST_UNREACH,
            2, Reason.PROTO_UNREACH, 3, Reason.PORT_UNREACH, 9, Reason.NET_PROHIBITED, 10, Reason.HOST_PROHIBITED,
            13, Reason.ADMIN_PROHIBITED);
    private static final Map<Integer, Reason> ICMP6_UNREACH = Map.of(0, Reason.NO_ROUTE, 1, Reason.ADMIN_PROHIBITED,
            2, Reason.BEYOND_SCOPE, 3, Reason.HOST_UNREACH, 4, Reason.PORT_UNREACH, 5, Reason.ADMIN_PROHIBITED,
            6, Reason.REJECT_ROUTE);

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void synScanReplies(boolean v6) {
        Scenario s = new Scenario(Protocol.TCP, v6, 3, -1);
        for (int tryNo = 0; tryNo < 3; tryNo++) {
            for (int port : new int[] {1, 22, 80, 443, 8080, 65535}) {
                Responder r = s.probe(port, tryNo);
                s.assertVerdict(r.synAck(), Protocol.TCP, port, tryNo, OPEN, Reason.SYN_ACK);
                assertTrue(s.verdict.fromTarget());
                s.assertVerdict(r.rst(), Protocol.TCP, port, tryNo, CLOSED, Reason.RESET);
                s.assertVerdict(r.tcpReply(0, r.seq + 1, Reply.RST), Protocol.TCP, port, tryNo, CLOSED, Reason.RESET);
                // nmap ignores a bare ACK or FIN; so do we
                assertFalse(s.accepts(r.tcpReply(0, r.seq + 1, Reply.ACK)));
                assertFalse(s.accepts(r.tcpReply(0, r.seq + 1, Reply.FIN | Reply.ACK)));
            }
        }
    }

    @Test
    void synScanIcmpv4Errors() {
        Scenario s = new Scenario(Protocol.TCP, false, 2, -1);
        Responder r = s.probe(443, 1);
        for (int code = 0; code < 16; code++) {
            Reason reason = ICMP4_UNREACH.get(code);
            for (byte[] f : new byte[][] {r.icmpError(3, code), r.icmpErrorMinimalQuote(3, code),
                                          r.icmpError(3, code, 0, s.routerLo(), 28)}) {
                if (reason == null) {
                    assertFalse(s.accepts(f), "3/" + code + " is ignored, as nmap does");
                } else {
                    s.assertVerdict(f, Protocol.TCP, 443, 1, FILTERED, reason);
                }
            }
        }
        byte[] fromRouter = r.icmpError(3, 13, 0, s.routerLo(), 28);
        s.assertVerdict(fromRouter, Protocol.TCP, 443, 1, FILTERED, Reason.ADMIN_PROHIBITED);
        assertEquals(s.routerLo(), s.verdict.fromLo());
        assertFalse(s.verdict.fromTarget());
        s.assertVerdict(r.icmpError(11, 0, 0, s.routerLo(), 28), Protocol.TCP, 443, 1, FILTERED, Reason.TIME_EXCEEDED);
        for (int type : new int[] {4, 5, 12}) {
            assertFalse(s.accepts(r.icmpError(type, 0)), "type " + type);
        }
    }

    @Test
    void synScanIcmpv6Errors() {
        Scenario s = new Scenario(Protocol.TCP, true, 2, -1);
        Responder r = s.probe(22, 0);
        for (int code = 0; code < 9; code++) {
            Reason reason = ICMP6_UNREACH.get(code);
            if (reason == null) {
                assertFalse(s.accepts(r.icmpError(1, code)), "1/" + code);
            } else {
                s.assertVerdict(r.icmpError(1, code), Protocol.TCP, 22, 0, FILTERED, reason);
                s.assertVerdict(r.icmpErrorMinimalQuote(1, code), Protocol.TCP, 22, 0, FILTERED, reason);
            }
        }
        // nmap: parameter problem "erroneous header field" reads as open, "unrecognized next header" as filtered
        s.assertVerdict(r.icmpError(4, 0), Protocol.TCP, 22, 0, OPEN, Reason.PARAM_PROBLEM);
        s.assertVerdict(r.icmpError(4, 1), Protocol.TCP, 22, 0, FILTERED, Reason.PARAM_PROBLEM);
        assertFalse(s.accepts(r.icmpError(4, 2)));
        assertFalse(s.accepts(r.icmpError(3, 0, TestNet.V6_HI, s.routerLo(), 1000)), "time exceeded: nmap ignores it");
        assertFalse(s.accepts(r.icmpError(2, 0)), "packet too big");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void udpScanReplies(boolean v6) {
        Scenario s = new Scenario(Protocol.UDP, v6, 4, -1);
        int[] ports = {53, 111, 123, 137, 161, 1900, 2049, 5353, 5683, 11211, 7, 500, 4500, 65535};
        for (int port : ports) {
            for (int tryNo = 0; tryNo < 4; tryNo++) {
                Responder r = s.probe(port, tryNo);
                s.assertVerdict(r.udpAnswer(), Protocol.UDP, port, tryNo, OPEN, Reason.UDP_RESPONSE);
                s.assertVerdict(r.icmpError(v6 ? 1 : 3, v6 ? 4 : 3), Protocol.UDP, port, tryNo, CLOSED, Reason.PORT_UNREACH);
                s.assertVerdict(r.icmpErrorMinimalQuote(v6 ? 1 : 3, v6 ? 4 : 3), Protocol.UDP, port, tryNo, CLOSED,
                        Reason.PORT_UNREACH);
                // port unreachable sent by someone else than the target: filtered (nmap)
                s.assertVerdict(r.icmpError(v6 ? 1 : 3, v6 ? 4 : 3, s.targetHi(), s.routerLo(), 48), Protocol.UDP, port,
                        tryNo, FILTERED, Reason.PORT_UNREACH);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void udpScanOtherUnreachablesAreFiltered(boolean v6) {
        Scenario s = new Scenario(Protocol.UDP, v6, 2, -1);
        Responder r = s.probe(161, 1);
        Map<Integer, Reason> codes = v6 ? ICMP6_UNREACH : ICMP4_UNREACH;
        for (Map.Entry<Integer, Reason> e : codes.entrySet()) {
            if (e.getValue() != Reason.PORT_UNREACH) {
                s.assertVerdict(r.icmpError(v6 ? 1 : 3, e.getKey()), Protocol.UDP, 161, 1, FILTERED, e.getValue());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fixedSourcePortRepliesAreTryZero(boolean v6) {
        Scenario tcp = new Scenario(Protocol.TCP, v6, 3, 53);
        Responder r = tcp.probe(80, 2);
        tcp.assertVerdict(r.synAck(), Protocol.TCP, 80, 0, OPEN, Reason.SYN_ACK);
        tcp.assertVerdict(r.icmpError(v6 ? 1 : 3, v6 ? 1 : 13), Protocol.TCP, 80, 0, FILTERED, Reason.ADMIN_PROHIBITED);
        Scenario udp = new Scenario(Protocol.UDP, v6, 3, 53);
        Responder u = udp.probe(123, 1);
        udp.assertVerdict(u.udpAnswer(), Protocol.UDP, 123, 0, OPEN, Reason.UDP_RESPONSE);
        udp.assertVerdict(u.icmpError(v6 ? 1 : 3, v6 ? 4 : 3), Protocol.UDP, 123, 0, CLOSED, Reason.PORT_UNREACH);
    }

    @Test
    void rawIpProbesForLoopbackAreAnsweredToo() {
        // 127.0.0.0/8 probes go out through a raw socket (no link header); replies are captured on lo.
        ProbeConfig c = new ProbeConfig(0, null, null, false, 0, TestNet.ip4(127, 0, 0, 1), 64, -1, 50000, 2,
                TestNet.KEY, UdpPayloads.builtIn());
        Scenario s = new Scenario(c, Protocol.TCP);
        int len = s.kind.build(s.buf, 0, TestNet.ip4(127, 0, 0, 1), 631, 1);
        assertEquals(44, len);
        Responder r = new Responder(s.buf, len, 0);
        assertTrue(s.accepts(r.synAck()));
        assertEquals(OPEN, s.verdict.state());
        assertEquals(631, s.verdict.port());
        assertEquals(1, s.verdict.tryNo());
    }
}
