package org.synscan.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.synscan.probe.TestNet.be;
import static org.synscan.probe.TestNet.cat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;

class ReplyParserTest {
    private final Scenario tcp4 = new Scenario(Protocol.TCP, false, 2, -1);
    private final Scenario tcp6 = new Scenario(Protocol.TCP, true, 2, -1);
    private final Scenario udp4 = new Scenario(Protocol.UDP, false, 2, -1);
    private final Scenario udp6 = new Scenario(Protocol.UDP, true, 2, -1);

    @Test
    void parsesTheFieldsOfASynAck() {
        Responder r = tcp4.probe(80, 1);
        byte[] f = r.synAck();
        Reply reply = new Reply();
        assertTrue(ReplyParser.parse(f, f.length, ReplyParser.DLT_EN10MB, reply));
        assertEquals(4, reply.ipVersion());
        assertEquals(Reply.Kind.TCP, reply.kind());
        assertEquals(TestNet.TARGET4, reply.srcLo());
        assertEquals(TestNet.US4, reply.dstLo());
        assertEquals(80, reply.sport());
        assertEquals(TestNet.BASE + 1, reply.dport());
        assertEquals(0x5eed1234, reply.seq());
        assertEquals(r.seq + 1, reply.ack());
        assertEquals(Reply.SYN | Reply.ACK, reply.flags());
        assertEquals(57, reply.ttl());
        assertEquals(0x4242, reply.ipId());
        assertFalse(reply.outgoing());
    }

    @Test
    void parsesAQuotedProbe() {
        Responder r = udp6.probe(53, 0);
        byte[] f = r.icmpError(1, 4);
        Reply reply = new Reply();
        assertTrue(ReplyParser.parse(f, f.length, ReplyParser.DLT_EN10MB, reply));
        assertEquals(Reply.Kind.ICMP6, reply.kind());
        assertEquals(1, reply.icmpType());
        assertEquals(4, reply.icmpCode());
        assertTrue(reply.hasInner());
        assertEquals(6, reply.innerVersion());
        assertEquals(17, reply.innerProtocol());
        assertEquals(TestNet.US6, reply.innerSrcLo());
        assertEquals(TestNet.TARGET6, reply.innerDstLo());
        assertEquals(r.ourPort, reply.innerSport());
        assertEquals(53, reply.innerDport());
        assertEquals(8 + 17, reply.innerUdpLength());
    }

    @Test
    void everyLinkTypeCarriesTheSameReply() {
        for (Scenario s : new Scenario[] {tcp4, tcp6}) {
            byte[] eth = s.probe(22, 0).synAck();
            byte[] ip = Arrays.copyOfRange(eth, 14, eth.length);
            int type = s.v6 ? 0x86DD : 0x0800;
            assertTrue(s.accepts(ip, ip.length, ReplyParser.DLT_RAW));
            assertTrue(s.accepts(ip, ip.length, ReplyParser.LINKTYPE_RAW));
            assertTrue(s.accepts(ip, ip.length, s.v6 ? ReplyParser.DLT_IPV6 : ReplyParser.DLT_IPV4));
            assertFalse(s.accepts(ip, ip.length, s.v6 ? ReplyParser.DLT_IPV4 : ReplyParser.DLT_IPV6));
            byte[] sll = cat(be(0, 2), be(1, 2), be(6, 2), new byte[8], be(type, 2), ip);
            assertTrue(s.accepts(sll, sll.length, ReplyParser.DLT_LINUX_SLL));
            byte[] sll2 = cat(be(type, 2), be(0, 2), be(2, 4), be(1, 2), be(0, 1), be(6, 1), new byte[8], ip);
            assertTrue(s.accepts(sll2, sll2.length, ReplyParser.DLT_LINUX_SLL2));
            byte[] vlan = cat(Arrays.copyOf(eth, 12), be(0x8100, 2), be(42, 2), be(type, 2), ip);
            assertTrue(s.accepts(vlan, vlan.length, ReplyParser.DLT_EN10MB));
            byte[] qinq = cat(Arrays.copyOf(eth, 12), be(0x88A8, 2), be(7, 2), be(0x8100, 2), be(42, 2), be(type, 2), ip);
            assertTrue(s.accepts(qinq, qinq.length, ReplyParser.DLT_EN10MB));
            byte[] threeTags = cat(Arrays.copyOf(eth, 12), be(0x8100, 2), be(1, 2), be(0x8100, 2), be(2, 2),
                    be(0x8100, 2), be(3, 2), be(type, 2), ip);
            assertFalse(s.accepts(threeTags, threeTags.length, ReplyParser.DLT_EN10MB));
            assertFalse(s.accepts(eth, eth.length, 9999), "unsupported link type");
            byte[] padded = Arrays.copyOf(eth, Math.max(60, eth.length + 6));
            assertTrue(s.accepts(padded, padded.length, ReplyParser.DLT_EN10MB), "Ethernet padding is ignored");
        }
        assertTrue(ReplyParser.supports(ReplyParser.DLT_LINUX_SLL2));
        assertFalse(ReplyParser.supports(0));
    }

    @Test
    void ipv4OptionsAreSkipped() {
        Responder r = tcp4.probe(443, 1);
        for (int words = 1; words <= 10; words++) {
            byte[] options = new byte[4 * words];
            Arrays.fill(options, (byte) 1); // NOP
            byte[] f = TestNet.eth(0x0800, TestNet.ipv4(r.targetLo, r.usLo, 6, 57, options,
                    r.tcp(7, r.seq + 1, Reply.SYN | Reply.ACK)));
            tcp4.assertVerdict(f, Protocol.TCP, 443, 1, PortState.OPEN, Reason.SYN_ACK);
            // options in the quoted header too (the ICMP quote then still holds 8 transport bytes)
            byte[] quoted = TestNet.ipv4(r.usLo, r.targetLo, 6, 64, options, Arrays.copyOfRange(r.packet, 20, 28));
            System.arraycopy(r.packet, 4, quoted, 4, 2);
            byte[] icmp = r.frameFrom(0, r.targetLo, 1, TestNet.icmp4(3, 13, quoted));
            tcp4.assertVerdict(icmp, Protocol.TCP, 443, 1, PortState.FILTERED, Reason.ADMIN_PROHIBITED);
        }
    }

    @Test
    void ipv6ExtensionHeaderChainsAreWalked() {
        Responder r = tcp6.probe(22, 1);
        byte[] tcp = r.tcp(7, r.seq + 1, Reply.SYN | Reply.ACK);
        // hop-by-hop, destination options, routing, atomic fragment (offset 0, no more), then TCP
        byte[] chain = cat(TestNet.extension(60, 1), TestNet.extension(43, 2), TestNet.extension(44, 1),
                TestNet.fragmentHeader(6, 0, false), tcp);
        byte[] f = TestNet.eth(0x86DD, TestNet.ipv6(r.targetHi, r.targetLo, r.usHi, r.usLo, 0, 57, chain));
        tcp6.assertVerdict(f, Protocol.TCP, 22, 1, PortState.OPEN, Reason.SYN_ACK);

        // the same chain inside the packet an ICMPv6 error quotes
        byte[] probe = r.packet;
        byte[] quoted = cat(Arrays.copyOf(probe, 40), TestNet.extension(60, 1), TestNet.extension(6, 3),
                Arrays.copyOfRange(probe, 40, probe.length));
        quoted[6] = 0;
        byte[] icmp = r.frameFrom(r.targetHi, r.targetLo, 58,
                TestNet.icmp6(r.targetHi, r.targetLo, r.usHi, r.usLo, 1, 1, quoted));
        tcp6.assertVerdict(icmp, Protocol.TCP, 22, 1, PortState.FILTERED, Reason.ADMIN_PROHIBITED);

        // an ICMPv6 error whose outer packet has a destination options header
        byte[] msg = TestNet.icmp6(r.targetHi, r.targetLo, r.usHi, r.usLo, 1, 4, probe);
        byte[] outer = TestNet.eth(0x86DD, TestNet.ipv6(r.targetHi, r.targetLo, r.usHi, r.usLo, 60, 57,
                cat(TestNet.extension(58, 1), msg)));
        tcp6.assertVerdict(outer, Protocol.TCP, 22, 1, PortState.FILTERED, Reason.PORT_UNREACH);
    }

    @Test
    void overlongExtensionChainsAreRejected() {
        Responder r = tcp6.probe(22, 0);
        byte[] payload = r.tcp(7, r.seq + 1, Reply.SYN | Reply.ACK);
        for (int n = 0; n < 8; n++) {
            payload = cat(TestNet.extension(n == 0 ? 6 : 60, 1), payload);
        }
        byte[] eight = TestNet.eth(0x86DD, TestNet.ipv6(r.targetHi, r.targetLo, r.usHi, r.usLo, 60, 57, payload));
        assertTrue(tcp6.accepts(eight), "eight extension headers are walked");
        byte[] nine = TestNet.eth(0x86DD, TestNet.ipv6(r.targetHi, r.targetLo, r.usHi, r.usLo, 60, 57,
                cat(TestNet.extension(60, 1), payload)));
        assertFalse(tcp6.accepts(nine), "nine are too many");
    }

    @Test
    void onlyFirstFragmentsAreReplies() {
        Responder r = udp4.probe(161, 0);
        byte[] answer = r.answerPayload();
        byte[] udp = TestNet.udp(false, 0, r.targetLo, 0, r.usLo, 161, r.ourPort, answer);
        // first fragment: MF set, offset 0, the datagram continues (UDP length beyond this packet)
        byte[] first = TestNet.ipv4(r.targetLo, r.usLo, 17, 57, Arrays.copyOf(udp, 8 + 24));
        first[6] = 0x20;
        first[7] = 0;
        fixIpv4Checksum(first);
        udp4.assertVerdict(TestNet.eth(0x0800, first), Protocol.UDP, 161, 0, PortState.OPEN, Reason.UDP_RESPONSE);
        byte[] later = first.clone();
        later[7] = 4; // offset 32 bytes
        fixIpv4Checksum(later);
        assertFalse(udp4.accepts(TestNet.eth(0x0800, later)));
        // a whole datagram must have matching lengths
        byte[] shortened = TestNet.ipv4(r.targetLo, r.usLo, 17, 57, Arrays.copyOf(udp, 8 + 24));
        assertFalse(udp4.accepts(TestNet.eth(0x0800, shortened)));

        Responder r6 = tcp6.probe(80, 0);
        byte[] tcp = r6.tcp(1, r6.seq + 1, Reply.RST | Reply.ACK);
        byte[] nonFirst = TestNet.eth(0x86DD, TestNet.ipv6(r6.targetHi, r6.targetLo, r6.usHi, r6.usLo, 44, 57,
                cat(TestNet.fragmentHeader(6, 3, false), tcp)));
        assertFalse(tcp6.accepts(nonFirst));
        byte[] firstOfMany = TestNet.eth(0x86DD, TestNet.ipv6(r6.targetHi, r6.targetLo, r6.usHi, r6.usLo, 44, 57,
                cat(TestNet.fragmentHeader(6, 0, true), tcp)));
        assertTrue(tcp6.accepts(firstOfMany));
    }

    @Test
    void truncatedFramesAreRejectedAtEveryLength() {
        for (Scenario s : new Scenario[] {tcp4, tcp6, udp4, udp6}) {
            Responder r = s.probe(53, 1);
            byte[][] frames = s.kind.protocol() == Protocol.TCP
                    ? new byte[][] {r.synAck(), r.rst(), r.icmpError(s.v6 ? 1 : 3, 1), r.icmpErrorMinimalQuote(s.v6 ? 1 : 3, 1)}
                    : new byte[][] {r.udpAnswer(), r.icmpError(s.v6 ? 1 : 3, s.v6 ? 4 : 3)};
            Reply reply = new Reply();
            for (byte[] f : frames) {
                assertTrue(s.accepts(f));
                for (int len = 0; len < f.length; len++) {
                    assertFalse(ReplyParser.parse(f, len, ReplyParser.DLT_EN10MB, reply), "parsed at length " + len);
                }
            }
        }
    }

    @Test
    void informationalIcmpAndOtherProtocolsAreNotReplies() {
        Responder r = tcp4.probe(80, 0);
        byte[] echoReply = r.frameFrom(0, r.targetLo, 1, TestNet.icmp4(0, 0, new byte[16]));
        Reply reply = new Reply();
        assertTrue(ReplyParser.parse(echoReply, echoReply.length, ReplyParser.DLT_EN10MB, reply));
        assertFalse(reply.hasInner());
        assertFalse(tcp4.accepts(echoReply));
        byte[] gre = r.frameFrom(0, r.targetLo, 47, new byte[24]);
        assertFalse(ReplyParser.parse(gre, gre.length, ReplyParser.DLT_EN10MB, reply));
        byte[] icmp6InV4 = r.frameFrom(0, r.targetLo, 58, new byte[24]);
        assertFalse(ReplyParser.parse(icmp6InV4, icmp6InV4.length, ReplyParser.DLT_EN10MB, reply));
        assertFalse(ReplyParser.parse(null, 0, ReplyParser.DLT_EN10MB, reply));
        assertFalse(ReplyParser.parse(echoReply, echoReply.length + 1, ReplyParser.DLT_EN10MB, reply));
        assertFalse(ReplyParser.parse(echoReply, -1, ReplyParser.DLT_EN10MB, reply));
    }

    @Test
    void parsingAndClassifyingAllocateNothing() {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        byte[][] frames = {tcp4.probe(80, 0).synAck(), tcp6.probe(80, 1).icmpError(1, 1), udp4.probe(161, 0).udpAnswer(),
            udp6.probe(53, 1).icmpError(1, 4), udp4.probe(9, 0).icmpError(3, 3)};
        Scenario[] by = {tcp4, tcp6, udp4, udp6, udp4};
        long ok = 0;
        for (int round = 0; round < 2; round++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                int k = i % frames.length;
                ok += by[k].accepts(frames[k], frames[k].length, ReplyParser.DLT_EN10MB) ? 1 : 0;
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                assertTrue(allocated < 4096, "allocated " + allocated + " bytes");
            }
        }
        assertEquals(200_000, ok);
    }

    private static void fixIpv4Checksum(byte[] ip) {
        ip[10] = 0;
        ip[11] = 0;
        int ck = TestNet.checksum(Arrays.copyOf(ip, 20));
        ip[10] = (byte) (ck >>> 8);
        ip[11] = (byte) ck;
    }
}
