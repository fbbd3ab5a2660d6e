package org.synscan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.synscan.net.IpAddr;
import org.synscan.result.Protocol;

class ProcNetTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /** "netid endpoint uid inode" of each socket, in table order. */
    private static List<String> describe(List<ListeningSocket> sockets) {
        return sockets.stream().map(s -> s.netid() + " " + s.stateLabel() + " " + s.endpoint() + " uid=" + s.uid()
                + " inode=" + s.inode()).toList();
    }

    @Test
    void tcpKeepsListenersOnlyAndSkipsBrokenLines() {
        List<ListeningSocket> tcp = ProcNet.parse(LocalFixtures.lines("tcp"), Protocol.TCP, false, LE);
        // established (01), time-wait (06), close (07), close-wait (08), a bad port, a short line and a
        // nine-digit address are all left out
        assertEquals(List.of(
                "tcp LISTEN 0.0.0.0:22 uid=0 inode=20001",
                "tcp LISTEN 127.0.0.1:631 uid=0 inode=20002",
                "tcp LISTEN 127.0.0.53:53 uid=101 inode=20003",
                "tcp LISTEN 198.18.0.2:443 uid=33 inode=20004",
                "tcp LISTEN 0.0.0.0:8082 uid=1000 inode=20008",
                "tcp LISTEN 198.18.0.2:65535 uid=0 inode=20011"), describe(tcp));
    }

    @Test
    void tcp6DecodesWildcardLoopbackMappedUlaAndLinkLocal() {
        List<ListeningSocket> tcp6 = ProcNet.parse(LocalFixtures.lines("tcp6"), Protocol.TCP, true, LE);
        assertEquals(List.of(
                "tcp6 LISTEN [::]:22 uid=0 inode=20101",
                "tcp6 LISTEN [::1]:631 uid=0 inode=20102",
                "tcp6 LISTEN [::ffff:127.0.0.1]:8000 uid=1000 inode=20103",
                "tcp6 LISTEN [::ffff:0.0.0.0]:8001 uid=1000 inode=20104",
                "tcp6 LISTEN [fd00:5ca0::2]:443 uid=33 inode=20105",
                "tcp6 LISTEN [fe80::1]:546 uid=0 inode=20106"), describe(tcp6));
        assertTrue(tcp6.get(0).wildcard());
        assertFalse(tcp6.get(0).v4Mapped());
        assertTrue(tcp6.get(2).v4Mapped());
        assertEquals(IpAddr.v6(0, 0xffff_7f00_0001L), tcp6.get(2).address());
        assertFalse(tcp6.get(4).v4Mapped());
        assertEquals(IpAddr.parse("fd00:5ca0::2"), tcp6.get(4).address());
    }

    @Test
    void udpKeepsUnconnectedSocketsIncludingWildcardAndMulticast() {
        List<ListeningSocket> udp = ProcNet.parse(LocalFixtures.lines("udp"), Protocol.UDP, false, LE);
        assertEquals(List.of(
                "udp UNCONN 0.0.0.0:68 uid=0 inode=20201",
                "udp UNCONN 127.0.0.53:53 uid=101 inode=20202",
                "udp UNCONN 224.0.0.251:5353 uid=105 inode=20204",
                "udp UNCONN 0.0.0.0:5353 uid=105 inode=20205"), describe(udp));
        List<ListeningSocket> udp6 = ProcNet.parse(LocalFixtures.lines("udp6"), Protocol.UDP, true, LE);
        assertEquals(List.of(
                "udp6 UNCONN [::]:5353 uid=105 inode=20301",
                "udp6 UNCONN [::1]:514 uid=0 inode=20302",
                "udp6 UNCONN [::ffff:127.0.0.1]:137 uid=0 inode=20303"), describe(udp6));
    }

    @Test
    void aTcpStateIsNotAUdpState() {
        // 0A is LISTEN for TCP but means nothing for UDP; 07 is a bound UDP socket but a closed TCP one
        String line = "   0: 0100007F:0016 00000000:0000 %s 00000000:00000000 00:00000000 00000000     0        0 5 1";
        assertNull(ProcNet.parseLine(String.format(line, "0A"), Protocol.UDP, false, LE));
        assertNull(ProcNet.parseLine(String.format(line, "07"), Protocol.TCP, false, LE));
        assertEquals(22, ProcNet.parseLine(String.format(line, "07"), Protocol.UDP, false, LE).port());
    }

    @Test
    void bigEndianMachinesPrintAddressesInNetworkOrder() {
        String line = "   0: 7F000035:0035 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 9 1";
        assertEquals("127.0.0.53:53", ProcNet.parseLine(line, Protocol.TCP, false, ByteOrder.BIG_ENDIAN).endpoint());
        assertEquals("53.0.0.127:53", ProcNet.parseLine(line, Protocol.TCP, false, LE).endpoint());
        String v6 = "   0: FD005CA0000000000000000000000002:01BB 00000000000000000000000000000000:0000 0A"
                + " 00000000:00000000 00:00000000 00000000     0        0 9 1";
        assertEquals("[fd00:5ca0::2]:443", ProcNet.parseLine(v6, Protocol.TCP, true, ByteOrder.BIG_ENDIAN).endpoint());
    }

    @Test
    void readsAllFourTablesAndToleratesAMissingOne() {
        List<ListeningSocket> all = ProcNet.read(LocalFixtures.netDir(), LE);
        assertEquals(6 + 6 + 4 + 3, all.size());
        List<ListeningSocket> v4Only = ProcNet.read(Path.of("/nonexistent-synscan-dir"), LE);
        assertTrue(v4Only.isEmpty());
    }

    /** A busy table: thousands of sockets of every state, addresses and ports drawn at random. */
    @Test
    void manySocketsAreAllFound() {
        Random random = new Random(42);
        List<String> lines = new ArrayList<>();
        lines.add("  sl  local_address                         remote_address                        st tx_queue"
                + " rx_queue tr tm->when retrnsmt   uid  timeout inode");
        List<String> expected = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            long hi = random.nextLong();
            long lo = random.nextLong();
            int port = random.nextInt(65536);
            int state = 1 + random.nextInt(11);
            StringBuilder hex = new StringBuilder();
            for (long word : new long[] {hi >>> 32, hi & 0xffff_ffffL, lo >>> 32, lo & 0xffff_ffffL}) {
                hex.append(String.format("%08X", Integer.reverseBytes((int) word)));
            }
            lines.add(String.format("%6d: %s:%04X 00000000000000000000000000000000:0000 %02X 00000000:00000000"
                    + " 00:00000000 00000000  %4d        0 %d 1 0000000000000000 100 0 0 10 0",
                    n, hex, port, state, n % 3000, 100_000 + n));
            if (state == 0x0A) {
                expected.add(IpAddr.v6(hi, lo) + " " + port + " " + (n % 3000) + " " + (100_000 + n));
            }
        }
        List<ListeningSocket> parsed = ProcNet.parse(lines, Protocol.TCP, true, LE);
        assertTrue(expected.size() > 1000, "the sample should hold many listeners");
        assertEquals(expected, parsed.stream().map(s -> s.address() + " " + s.port() + " " + s.uid() + " "
                + s.inode()).toList());
    }

    /** The real tables of this machine hold the sockets this test opens, with their true addresses. */
    @Test
    void theRunningKernelsTablesShowOurOwnSockets() throws Exception {
        try (ServerSocketChannel tcp = ServerSocketChannel.open(StandardProtocolFamily.INET);
                DatagramChannel udp = DatagramChannel.open(StandardProtocolFamily.INET)) {
            tcp.bind(new InetSocketAddress("127.0.0.1", 0));
            udp.bind(new InetSocketAddress("127.0.0.1", 0));
            int tcpPort = ((InetSocketAddress) tcp.getLocalAddress()).getPort();
            int udpPort = ((InetSocketAddress) udp.getLocalAddress()).getPort();
            List<String> all = describe(ProcNet.read(Path.of("/proc/net"), ByteOrder.nativeOrder()));
            assertTrue(all.stream().anyMatch(s -> s.startsWith("tcp LISTEN 127.0.0.1:" + tcpPort + " ")), all::toString);
            assertTrue(all.stream().anyMatch(s -> s.startsWith("udp UNCONN 127.0.0.1:" + udpPort + " ")), all::toString);
        }
    }
}
