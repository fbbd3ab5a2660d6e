package org.synscan.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV6CommonPacket;
import org.pcap4j.packet.IcmpV6NeighborSolicitationPacket;
import org.pcap4j.packet.IcmpV6NeighborSolicitationPacket.IcmpV6NeighborSolicitationHeader;
import org.pcap4j.packet.IpV6NeighborDiscoverySourceLinkLayerAddressOption;
import org.pcap4j.packet.IpV6Packet;

class NeighbourFramesTest {
    private static final long OUR_MAC = Mac.parse("02:5c:a0:00:00:01");
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void arpRequestBytes() {
        byte[] f = NeighbourFrames.arpRequest(OUR_MAC, IpAddr.parse("198.18.200.1"), IpAddr.parse("198.18.200.2"));
        String expected = "ffffffffffff" + "025ca0000001" + "0806"
                + "0001" + "0800" + "06" + "04" + "0001"
                + "025ca0000001" + "c612c801"
                + "000000000000" + "c612c802"
                + "00".repeat(18);
        assertEquals(expected, HEX.formatHex(f));
    }

    @Test
    void arpReplyFromTargetOnly() {
        long theirs = Mac.parse("2a:4f:01:9c:7e:10");
        byte[] reply = HEX.parseHex("025ca00000012a4f019c7e100806" + "0001080006040002"
                + "2a4f019c7e10c612c802" + "025ca0000001c612c801" + "00".repeat(18));
        assertEquals(theirs, NeighbourFrames.arpReplyFrom(reply, reply.length, IpAddr.parse("198.18.200.2")));
        assertEquals(Mac.NONE, NeighbourFrames.arpReplyFrom(reply, reply.length, IpAddr.parse("198.18.200.3")));
        assertEquals(Mac.NONE, NeighbourFrames.arpReplyFrom(reply, 41, IpAddr.parse("198.18.200.2")));
        reply[21] = 1;   // a request, not a reply
        assertEquals(Mac.NONE, NeighbourFrames.arpReplyFrom(reply, reply.length, IpAddr.parse("198.18.200.2")));
    }

    @Test
    void solicitedNodeAddress() {
        assertEquals(IpAddr.parse("ff02::1:ff00:2"), NeighbourFrames.solicitedNode(IpAddr.parse("fd00:5ca0:200::2")));
        assertEquals(IpAddr.parse("ff02::1:ff9c:7e10"),
                NeighbourFrames.solicitedNode(IpAddr.parse("fe80::284f:1ff:fe9c:7e10")));
    }

    @Test
    void neighborSolicitationAsPcap4jReadsIt() throws Exception {
        IpAddr src = IpAddr.parse("fe80::5c:a0ff:fe00:1");
        IpAddr target = IpAddr.parse("fd00:5ca0:200::2");
        byte[] f = NeighbourFrames.neighborSolicitation(OUR_MAC, src, target);
        assertEquals(86, f.length);
        EthernetPacket eth = EthernetPacket.newPacket(f, 0, f.length);
        assertEquals("33:33:ff:00:00:02", eth.getHeader().getDstAddr().toString());
        assertEquals("02:5c:a0:00:00:01", eth.getHeader().getSrcAddr().toString());
        IpV6Packet ip = eth.get(IpV6Packet.class);
        assertEquals(255, ip.getHeader().getHopLimitAsInt());
        assertEquals(src.toInetAddress(), ip.getHeader().getSrcAddr());
        assertEquals(IpAddr.parse("ff02::1:ff00:2").toInetAddress(), ip.getHeader().getDstAddr());
        IcmpV6CommonPacket icmp = eth.get(IcmpV6CommonPacket.class);
        assertTrue(icmp.hasValidChecksum((Inet6Address) src.toInetAddress(),
                ip.getHeader().getDstAddr(), false));
        IcmpV6NeighborSolicitationHeader ns = eth.get(IcmpV6NeighborSolicitationPacket.class).getHeader();
        assertEquals(target.toInetAddress(), ns.getTargetAddress());
        IpV6NeighborDiscoverySourceLinkLayerAddressOption sll =
                (IpV6NeighborDiscoverySourceLinkLayerAddressOption) ns.getOptions().get(0);
        assertArrayEquals(Mac.toBytes(OUR_MAC), sll.getLinkLayerAddress());
    }

    @Test
    void neighborSolicitationChecksumVerifiesByHand() {
        byte[] f = NeighbourFrames.neighborSolicitation(OUR_MAC, IpAddr.parse("fd00:5ca0:200::1"),
                IpAddr.parse("fd00:5ca0:200::2"));
        // RFC 1071 check: the one's-complement sum of pseudo-header and message, checksum included, is 0xffff
        long sum = 0;
        for (int i = 22; i < 54; i += 2) {
            sum += ((f[i] & 0xff) << 8) | (f[i + 1] & 0xff);     // source and destination addresses
        }
        sum += 32 + 58;                                          // upper-layer length, next header
        for (int i = 54; i < 86; i += 2) {
            sum += ((f[i] & 0xff) << 8) | (f[i + 1] & 0xff);
        }
        while (sum > 0xffff) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        assertEquals(0xffff, sum);
        assertTrue(f[56] != 0 || f[57] != 0);
    }

    @Test
    void neighborAdvertisementWithAndWithoutOption() {
        IpAddr target = IpAddr.parse("fd00:5ca0:200::2");
        String eth = "025ca00000012a4f019c7e1086dd";
        String ip = "6000000000203aff" + "fd005ca0020000000000000000000002" + "fe80000000000000005ca0fffe000001";
        String na = "8800abcd60000000" + "fd005ca0020000000000000000000002" + "0201" + "0a0b0c0d0e0f";
        byte[] f = HEX.parseHex(eth + ip + na);
        assertEquals(Mac.parse("0a:0b:0c:0d:0e:0f"), NeighbourFrames.neighborAdvertFor(f, f.length, target));
        assertEquals(Mac.NONE, NeighbourFrames.neighborAdvertFor(f, f.length, IpAddr.parse("fd00:5ca0:200::3")));
        String ipNoOpt = "6000000000183aff" + ip.substring(16);
        byte[] g = HEX.parseHex(eth + ipNoOpt + na.substring(0, na.length() - 16));
        assertEquals(Mac.parse("2a:4f:01:9c:7e:10"), NeighbourFrames.neighborAdvertFor(g, g.length, target));
        byte[] ns = NeighbourFrames.neighborSolicitation(OUR_MAC, IpAddr.parse("fd00:5ca0:200::1"), target);
        assertEquals(Mac.NONE, NeighbourFrames.neighborAdvertFor(ns, ns.length, target));
        assertNotNull(HEX.formatHex(g));
    }
}
