package org.synscan.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.synscan.probe.TestNet.i32;
import static org.synscan.probe.TestNet.i64;
import static org.synscan.probe.TestNet.u16;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;
import org.synscan.result.Protocol;

class ProbeBuildTest {

    /** Random IPv4 or IPv6 target, port and try; every frame must verify independently. */
    @ParameterizedTest
    @CsvSource({"TCP,false,14", "TCP,false,0", "TCP,true,14", "TCP,true,0",
                "UDP,false,14", "UDP,false,0", "UDP,true,14", "UDP,true,0"})
    void thousandsOfPatchedFramesVerify(Protocol protocol, boolean v6, int linkHeader) throws Exception {
        ProbeConfig config = TestNet.config(v6, linkHeader, 4, -1);
        ProbeKind kind = ProbeKind.create(protocol, config);
        Cookie cookie = config.cookie();
        assertEquals(protocol, kind.protocol());
        assertEquals(v6, kind.ipv6());
        byte[] buf = new byte[kind.maxFrameLength()];
        SplittableRandom rnd = new SplittableRandom(protocol.ordinal() * 31 + (v6 ? 7 : 0) + linkHeader);
        int[] payloadPorts = UdpPayloads.builtIn().all().stream().mapToInt(UdpPayload::port).toArray();
        for (int i = 0; i < 5000; i++) {
            long hi = v6 ? rnd.nextLong() : 0;
            long lo = v6 ? rnd.nextLong() : rnd.nextLong(1L << 32);
            int port = i < 4 * payloadPorts.length ? payloadPorts[i % payloadPorts.length] : rnd.nextInt(65536);
            int tryNo = rnd.nextInt(4);
            Arrays.fill(buf, (byte) 0xA5); // stale bytes must not leak into the frame
            int len = kind.build(buf, hi, lo, port, tryNo);
            assertTrue(len <= buf.length);
            byte[] frame = Arrays.copyOf(buf, len);
            verifyIndependently(frame, linkHeader, v6, protocol, config, hi, lo, port);
            int ip = linkHeader;
            int t = ip + (v6 ? 40 : 20);
            int sport = u16(frame, t);
            if (protocol == Protocol.TCP) {
                assertEquals(TestNet.BASE + tryNo, sport);
                long h = cookie.tcpHash(hi, lo, port, sport);
                assertEquals(Cookie.tcpSeq(h), i32(frame, t + 4));
                assertEquals(v6 ? Cookie.tcpFlowLabel(h) : Cookie.tcpIpId(h),
                        v6 ? i32(frame, ip) & 0xFFFFF : u16(frame, ip + 4));
            } else {
                long h = cookie.udpHash(hi, lo, port);
                assertEquals(tryNo, cookie.udpTryNo(h, sport));
                UdpPayload p = UdpPayloads.builtIn().forPort(port);
                int payloadLength = p == null ? 0 : p.length(v6);
                assertEquals(8 + payloadLength, u16(frame, t + 4));
                if (p != null && p.echoesCookie()) {
                    long field = 0;
                    for (int b = 0; b < p.cookieWidth(); b++) {
                        field = field << 8 | (frame[t + 8 + p.cookieOffset() + b] & 0xFF);
                    }
                    assertEquals(p.cookieValue(h), field, "cookie in " + p.name() + " payload");
                }
            }
            if (i < 1500) {
                verifyWithPcap4j(frame, linkHeader, v6, protocol);
            }
        }
    }

    private static void verifyIndependently(byte[] f, int ip, boolean v6, Protocol protocol, ProbeConfig c,
                                            long hi, long lo, int port) {
        if (ip == 14) {
            assertArrayEquals(TestNet.MAC_GW, Arrays.copyOfRange(f, 0, 6));
            assertArrayEquals(TestNet.MAC_US, Arrays.copyOfRange(f, 6, 12));
            assertEquals(v6 ? 0x86DD : 0x0800, u16(f, 12));
        }
        int proto = protocol.ipNumber();
        int t;
        byte[] pseudo;
        if (v6) {
            t = ip + 40;
            assertEquals(6, (f[ip] & 0xF0) >>> 4);
            assertEquals(f.length - t, u16(f, ip + 4), "payload length");
            assertEquals(proto, f[ip + 6], "next header");
            assertEquals(64, f[ip + 7] & 0xFF, "hop limit");
            assertEquals(c.srcHi(), i64(f, ip + 8));
            assertEquals(c.srcLo(), i64(f, ip + 16));
            assertEquals(hi, i64(f, ip + 24));
            assertEquals(lo, i64(f, ip + 32));
            pseudo = TestNet.pseudo(true, c.srcHi(), c.srcLo(), hi, lo, proto, f.length - t);
        } else {
            t = ip + 20;
            assertEquals(0x45, f[ip]);
            assertEquals(f.length - ip, u16(f, ip + 2), "total length");
            assertEquals(0, u16(f, ip + 6), "DF clear, no fragment");
            assertEquals(64, f[ip + 8] & 0xFF);
            assertEquals(proto, f[ip + 9]);
            assertEquals(c.srcLo(), i32(f, ip + 12) & 0xFFFF_FFFFL);
            assertEquals(lo, i32(f, ip + 16) & 0xFFFF_FFFFL);
            assertEquals(0, TestNet.checksum(Arrays.copyOfRange(f, ip, ip + 20)), "IPv4 header checksum");
            pseudo = TestNet.pseudo(false, 0, c.srcLo(), 0, lo, proto, f.length - t);
        }
        assertEquals(port, u16(f, t + 2));
        byte[] transport = Arrays.copyOfRange(f, t, f.length);
        assertEquals(0, TestNet.checksum(pseudo, transport), "transport checksum");
        if (protocol == Protocol.TCP) {
            assertEquals(0, i32(f, t + 8), "ack");
            assertEquals(0x60, f[t + 12] & 0xFF, "data offset 6 words");
            assertEquals(Reply.SYN, f[t + 13], "flags");
            assertEquals(1024, u16(f, t + 14), "window");
            assertEquals(0x020405b4, i32(f, t + 20), "MSS 1460");
        } else {
            assertTrue(u16(f, t + 6) != 0, "UDP checksum is never sent as 0");
        }
    }

    private static void verifyWithPcap4j(byte[] f, int linkHeader, boolean v6, Protocol protocol) throws Exception {
        Packet packet = linkHeader == 14 ? EthernetPacket.newPacket(f, 0, f.length)
                : v6 ? IpV6Packet.newPacket(f, 0, f.length) : IpV4Packet.newPacket(f, 0, f.length);
        InetAddress src;
        InetAddress dst;
        if (v6) {
            IpV6Packet ip = packet.get(IpV6Packet.class);
            assertNotNull(ip);
            src = ip.getHeader().getSrcAddr();
            dst = ip.getHeader().getDstAddr();
        } else {
            IpV4Packet ip = packet.get(IpV4Packet.class);
            assertNotNull(ip);
            assertTrue(ip.getHeader().hasValidChecksum(false), "pcap4j: IPv4 checksum");
            assertFalse(ip.getHeader().getDontFragmentFlag());
            src = ip.getHeader().getSrcAddr();
            dst = ip.getHeader().getDstAddr();
        }
        if (protocol == Protocol.TCP) {
            TcpPacket tcp = packet.get(TcpPacket.class);
            assertNotNull(tcp);
            assertTrue(tcp.hasValidChecksum(src, dst, false), "pcap4j: TCP checksum");
            assertTrue(tcp.getHeader().getSyn());
            assertEquals(1024, tcp.getHeader().getWindowAsInt());
        } else {
            UdpPacket udp = packet.get(UdpPacket.class);
            assertNotNull(udp);
            assertTrue(udp.hasValidChecksum(src, dst, false), "pcap4j: UDP checksum");
        }
    }

    @Test
    void fixedSourcePortIsUsedForEveryTry() {
        ProbeConfig config = TestNet.config(false, 14, 3, 53);
        byte[] buf = new byte[2048];
        for (Protocol p : Protocol.values()) {
            ProbeKind kind = ProbeKind.create(p, config);
            for (int t = 0; t < 3; t++) {
                kind.build(buf, 0, TestNet.TARGET4, 443, t);
                assertEquals(53, u16(buf, 14 + 20));
            }
        }
    }

    @Test
    void badArgumentsAreRefused() {
        ProbeKind v4 = ProbeKind.create(Protocol.TCP, TestNet.config(false, 14, 2, -1));
        byte[] buf = new byte[v4.maxFrameLength()];
        assertThrows(IllegalArgumentException.class, () -> v4.build(buf, 1, 2, 80, 0));
        assertThrows(IllegalArgumentException.class, () -> v4.build(buf, 0, 1L << 32, 80, 0));
        assertThrows(IllegalArgumentException.class, () -> v4.build(buf, 0, 2, 65536, 0));
        assertThrows(IllegalArgumentException.class, () -> v4.build(buf, 0, 2, 80, 2));
        assertThrows(IllegalArgumentException.class, () -> new ProbeConfig(13, TestNet.MAC_US, TestNet.MAC_GW, false,
                0, 1, 64, -1, 40000, 2, TestNet.KEY, UdpPayloads.none()));
        assertThrows(IllegalArgumentException.class, () -> new ProbeConfig(14, new byte[5], TestNet.MAC_GW, false,
                0, 1, 64, -1, 40000, 2, TestNet.KEY, UdpPayloads.none()));
        assertThrows(IllegalArgumentException.class, () -> new ProbeConfig(14, TestNet.MAC_US, TestNet.MAC_GW, false,
                0, 1, 0, -1, 40000, 2, TestNet.KEY, UdpPayloads.none()));
    }

    @Test
    void emptyPayloadTableSendsEmptyDatagrams() {
        ProbeConfig config = TestNet.config(true, 14, 2, -1, TestNet.KEY, UdpPayloads.none());
        ProbeKind kind = ProbeKind.create(Protocol.UDP, config);
        byte[] buf = new byte[kind.maxFrameLength()];
        assertEquals(14 + 40 + 8, kind.build(buf, TestNet.V6_HI, TestNet.TARGET6, 53, 0));
    }

    @Test
    void buildingAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (Protocol p : Protocol.values()) {
            for (boolean v6 : new boolean[] {false, true}) {
                ProbeKind kind = ProbeKind.create(p, TestNet.config(v6, 14, 3, -1));
                byte[] buf = new byte[kind.maxFrameLength()];
                long sink = 0;
                for (int i = 0; i < 20_000; i++) {
                    sink += kind.build(buf, v6 ? TestNet.V6_HI : 0, i, i & 0xFFFF, i % 3);
                }
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 100_000; i++) {
                    sink += kind.build(buf, v6 ? TestNet.V6_HI : 0, i, i & 0xFFFF, i % 3);
                }
                long allocated = mx.getCurrentThreadAllocatedBytes() - before;
                assertTrue(allocated < 4096, p + (v6 ? " v6" : " v4") + " allocated " + allocated + " bytes (sink " + sink + ")");
            }
        }
    }
}
