package org.synscan.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.synscan.result.Protocol;

/** Replies that look right but answer no probe of ours must never validate. */
class ForgeryTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void forgedTcpReplies(boolean v6) {
        Scenario s = new Scenario(Protocol.TCP, v6, 3, -1);
        Responder r = s.probe(80, 1);
        assertTrue(s.accepts(r.synAck()), "control: the genuine reply validates");
        int flags = Reply.SYN | Reply.ACK;
        assertFalse(s.accepts(r.tcpReply(1, r.seq, flags)), "ack = seq (off by one)");
        assertFalse(s.accepts(r.tcpReply(1, r.seq + 2, flags)), "ack = seq + 2");
        assertFalse(s.accepts(r.tcpReply(1, 0, Reply.RST)), "RST without our ack");
        assertFalse(s.accepts(r.tcpReply(1, r.seq + 1, Reply.SYN)), "bare SYN: no proof");
        // same ack but another port, another of our source ports, another host
        assertFalse(s.accepts(r.frameFrom(r.targetHi, r.targetLo, 6,
                TestNet.tcp(v6, r.targetHi, r.targetLo, r.usHi, r.usLo, 81, r.ourPort, 1, r.seq + 1, flags))));
        assertFalse(s.accepts(r.frameFrom(r.targetHi, r.targetLo, 6,
                TestNet.tcp(v6, r.targetHi, r.targetLo, r.usHi, r.usLo, 80, r.ourPort + 1, 1, r.seq + 1, flags))));
        assertFalse(s.accepts(r.frameFrom(r.targetHi, r.targetLo, 6,
                TestNet.tcp(v6, r.targetHi, r.targetLo, r.usHi, r.usLo, 80, TestNet.BASE + 3, 1, r.seq + 1, flags))),
                "a try we never make");
        assertFalse(s.accepts(r.frameFrom(r.targetHi, r.targetLo + 1, 6,
                TestNet.tcp(v6, r.targetHi, r.targetLo + 1, r.usHi, r.usLo, 80, r.ourPort, 1, r.seq + 1, flags))),
                "another host");
        // addressed to someone else
        byte[] toOther = v6 ? TestNet.eth(0x86DD, TestNet.ipv6(r.targetHi, r.targetLo, r.usHi, r.usLo + 7, 6, 57,
                TestNet.tcp(true, r.targetHi, r.targetLo, r.usHi, r.usLo + 7, 80, r.ourPort, 1, r.seq + 1, flags)))
                : TestNet.eth(0x0800, TestNet.ipv4(r.targetLo, r.usLo + 7, 6, 57,
                TestNet.tcp(false, 0, r.targetLo, 0, r.usLo + 7, 80, r.ourPort, 1, r.seq + 1, flags)));
        assertFalse(s.accepts(toOther), "not addressed to us");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void forgedIcmpErrors(boolean v6) {
        Scenario s = new Scenario(Protocol.TCP, v6, 2, -1);
        Responder r = s.probe(443, 0);
        int type = v6 ? 1 : 3;
        assertTrue(s.accepts(r.icmpError(type, 1)), "control");
        int t = v6 ? 40 : 20;
        assertFalse(s.accepts(quoteEdited(r, type, t + 4, 1)), "quoted seq off by one");
        assertFalse(s.accepts(quoteEdited(r, type, t + 2, 1)), "quoted destination port changed");
        assertFalse(s.accepts(quoteEdited(r, type, t, 1)), "quoted source port changed");
        assertFalse(s.accepts(quoteEdited(r, type, v6 ? 23 : 15, 1)), "quoted source is not us");
        assertFalse(s.accepts(quoteEdited(r, type, v6 ? 39 : 19, 1)), "quoted destination changed (seq binds it)");
        assertFalse(s.accepts(quoteEdited(r, type, v6 ? 6 : 9, 17 - 6)), "quoted protocol changed to UDP");
    }

    /** An ICMP error from the target quoting the probe with {@code packet[at] += delta}. */
    private static byte[] quoteEdited(Responder r, int type, int at, int delta) {
        byte[] saved = r.packet.clone();
        r.packet[at] += delta;
        byte[] f = r.icmpError(type, 1);
        System.arraycopy(saved, 0, r.packet, 0, saved.length);
        return f;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void forgedUdpReplies(boolean v6) {
        Scenario s = new Scenario(Protocol.UDP, v6, 4, -1);
        for (int port : new int[] {53, 123, 161, 137, 111, 5353, 5683, 11211}) {
            Responder r = s.probe(port, 2);
            byte[] answer = r.answerPayload();
            assertTrue(s.accepts(r.udpReply(answer)), "control " + port);
            for (int i = 0; i < answer.length; i++) {
                byte[] wrong = answer.clone();
                wrong[i] ^= 0x01;
                // flipping a bit of the echoed ID must break it; other bytes are the server's business
                boolean echoedByte = r.payload.length > i && port != 123 && port != 161 && port != 5683
                        && i < (port == 111 || port == 2049 ? 4 : 2)
                        || port == 123 && i >= 24 && i < 32 || port == 5683 && (i == 2 || i == 3)
                        || port == 161 && i >= 17 && i < 21;
                if (echoedByte) {
                    assertFalse(s.accepts(r.udpReply(wrong)), port + ": echoed byte " + i + " altered");
                }
            }
            assertFalse(s.accepts(r.udpReply(Arrays.copyOf(answer, 1))), port + ": too short to echo");
        }
        Responder plain = s.probe(7777, 0);
        assertTrue(s.accepts(plain.udpReply(new byte[0])), "control: empty reply from a port without payload");
        assertFalse(s.accepts(plain.frameFrom(plain.targetHi, plain.targetLo, 17, TestNet.udp(v6, plain.targetHi,
                plain.targetLo, plain.usHi, plain.usLo, 7778, plain.ourPort, new byte[0]))), "from another port");
        assertFalse(s.accepts(plain.frameFrom(plain.targetHi, plain.targetLo, 17, TestNet.udp(v6, plain.targetHi,
                plain.targetLo, plain.usHi, plain.usLo, 7777, plain.ourPort + 4, new byte[0]))), "to a try we never make");
        // the quoted UDP length must be the one we sent to that port
        int t = v6 ? 40 : 20;
        byte[] saved = plain.packet.clone();
        plain.packet[t + 5] += 1;
        assertFalse(s.accepts(plain.icmpError(v6 ? 1 : 3, v6 ? 4 : 3)), "quoted UDP length altered");
        System.arraycopy(saved, 0, plain.packet, 0, saved.length);
        assertTrue(s.accepts(plain.icmpError(v6 ? 1 : 3, v6 ? 4 : 3)));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anotherScansTcpRepliesDoNotValidate(boolean v6) {
        ProbeConfig other = TestNet.config(v6, 14, 3, -1, new CookieKey(99, 100), UdpPayloads.builtIn());
        Scenario theirs = new Scenario(other, Protocol.TCP);
        Scenario ours = new Scenario(Protocol.TCP, v6, 3, -1);
        for (int port = 1; port <= 10_000; port++) {
            Responder r = theirs.probe(port, port % 3);
            for (byte[] f : new byte[][] {r.synAck(), r.rst(), r.icmpError(v6 ? 1 : 3, 1)}) {
                assertTrue(theirs.accepts(f), "control: valid for the other scan");
                assertFalse(ours.accepts(f), "port " + port);
            }
        }
    }

    /**
     * UDP has only the 16-bit port cookie unless the payload carries an echoed ID: replies to a scan
     * with another key pass at the designed rate maxTries / 64512 without one, and never with one.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anotherScansUdpRepliesPassOnlyAtTheDesignedRate(boolean v6) {
        ProbeConfig other = TestNet.config(v6, 14, 3, -1, new CookieKey(99, 100), UdpPayloads.builtIn());
        Scenario theirs = new Scenario(other, Protocol.UDP);
        Scenario ours = new Scenario(Protocol.UDP, v6, 3, -1);
        int[] echoPorts = {53, 111, 123, 137, 161, 2049, 5353, 5683, 11211};
        for (int i = 0; i < 20_000; i++) {
            Responder r = theirs.probe(v6 ? TestNet.V6_HI : 0, (v6 ? TestNet.TARGET6 : TestNet.TARGET4) + i,
                    echoPorts[i % echoPorts.length], i % 3);
            assertTrue(theirs.accepts(r.udpAnswer()), "control");
            assertFalse(ours.accepts(r.udpAnswer()), "echoed ID must not match: " + i);
        }
        int passed = 0;
        int n = 40_000;
        for (int port = 20_000; port < 20_000 + n; port++) {
            Responder r = theirs.probe(port, port % 3);
            boolean answer = ours.accepts(r.udpAnswer());
            boolean icmp = ours.accepts(r.icmpError(v6 ? 1 : 3, v6 ? 4 : 3));
            assertEquals(answer, icmp, "both ride on the same port pair");
            passed += answer ? 1 : 0;
        }
        double expected = n * 3.0 / 64512;
        assertTrue(passed <= expected + 5 * Math.sqrt(expected) + 1, passed + " passed, expected about " + expected);
    }

    /** Scanning our own address: a capture without direction sees our probes, addressed to us. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void ourOwnProbesNeverValidate(boolean v6) {
        for (Protocol p : Protocol.values()) {
            Scenario s = new Scenario(p, v6, 10, -1);
            Cookie cookie = s.config.cookie();
            int decodable = 0;
            for (int port = 0; port < 65536; port++) {
                int len = s.kind.build(s.buf, s.config.srcHi(), s.config.srcLo(), port, port % 10);
                assertFalse(s.accepts(s.buf, len, ReplyParser.DLT_EN10MB), p + " own probe to port " + port);
                if (p == Protocol.UDP) {
                    // would the port pair alone have passed, read as a reply? (shows the check is needed)
                    int t = 14 + (v6 ? 40 : 20);
                    int sport = TestNet.u16(s.buf, t);
                    decodable += cookie.udpTryNo(cookie.udpHash(s.config.srcHi(), s.config.srcLo(), sport), port) >= 0 ? 1 : 0;
                }
            }
            if (p == Protocol.UDP) {
                assertTrue(decodable > 0, "expected some own probes whose ports alone decode; got " + decodable);
            }
        }
    }

    @Test
    void outgoingFramesInACookedCaptureNeverValidate() {
        Scenario s = new Scenario(Protocol.TCP, false, 2, -1);
        Responder r = s.probe(80, 0);
        byte[] eth = r.synAck();
        byte[] ip = Arrays.copyOfRange(eth, 14, eth.length);
        byte[] incoming = TestNet.cat(TestNet.be(0, 2), TestNet.be(1, 2), TestNet.be(6, 2), new byte[8], TestNet.be(0x0800, 2), ip);
        assertTrue(s.accepts(incoming, incoming.length, ReplyParser.DLT_LINUX_SLL));
        byte[] outgoing = incoming.clone();
        outgoing[1] = 4;
        assertFalse(s.accepts(outgoing, outgoing.length, ReplyParser.DLT_LINUX_SLL));
        assertTrue(s.reply.outgoing());
    }

    @Test
    void probesToOthersSeenOnTheWireDoNotValidate() {
        for (Protocol p : Protocol.values()) {
            for (boolean v6 : new boolean[] {false, true}) {
                Scenario s = new Scenario(p, v6, 3, -1);
                for (int port = 0; port < 5000; port++) {
                    int len = s.kind.build(s.buf, s.targetHi(), s.targetLo(), port, port % 3);
                    assertFalse(s.accepts(s.buf, len, ReplyParser.DLT_EN10MB));
                    assertEquals(len, s.buf.length >= len ? len : -1);
                }
            }
        }
    }
}
