package org.synscan.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.synscan.UsageException;
import org.synscan.result.Protocol;

class ProbeOrderTest {

    private static AddressSet addresses(String... targets) {
        boolean v6 = targets[0].contains(":");
        return new TargetParser(v6, Fixtures.resolver(), Fixtures.stdin("")).parse(List.of(targets), null, null, null);
    }

    private static String key(ProbeCursor c, boolean v6) {
        return AddressSet.format(v6, c.addrHi(), c.addrLo()) + " " + c.protocol().label() + " " + c.port();
    }

    private static List<String> draw(ProbeOrder order, boolean v6) {
        List<String> out = new ArrayList<>();
        ProbeCursor c = new ProbeCursor();
        while (order.next(c)) {
            out.add(key(c, v6));
        }
        return out;
    }

    @Test
    void wholeSpaceIsCoveredExactlyOnce() {
        ScanSpace space = new ScanSpace(addresses("198.18.0.0/29", "198.18.1.7"), PortList.of(Protocol.TCP, 22, 80)
                .union(PortList.of(Protocol.UDP, 53)));
        List<String> probes = draw(new ProbeOrder(space, 7, Shard.ALL), false);
        assertEquals(27, probes.size());
        Set<String> expected = new HashSet<>();
        for (String a : new String[] {"198.18.0.0", "198.18.0.1", "198.18.0.2", "198.18.0.3", "198.18.0.4",
                "198.18.0.5", "198.18.0.6", "198.18.0.7", "198.18.1.7"}) {
            expected.add(a + " tcp 22");
            expected.add(a + " tcp 80");
            expected.add(a + " udp 53");
        }
        assertEquals(expected, new HashSet<>(probes));
    }

    @Test
    void shardsPartitionTheSpaceForEveryShardCount() {
        List<ScanSpace> spaces = List.of(
                new ScanSpace(addresses("198.18.0.1"), PortList.of(Protocol.TCP, 1)),
                new ScanSpace(addresses("198.18.0.0/30"), PortList.of(Protocol.TCP, 1, 2, 3)),
                new ScanSpace(addresses("198.18.0.1-5", "198.18.2.9"), PortList.of(Protocol.UDP, 53, 161)),
                new ScanSpace(addresses("fd00::1-fd00::7"), PortList.of(Protocol.TCP, 22, 80, 443)
                        .union(PortList.of(Protocol.UDP, 53, 123))),
                new ScanSpace(addresses("198.18.0.0/27"), PortList.of(Protocol.TCP, 80, 443)));
        for (ScanSpace space : spaces) {
            boolean v6 = space.addresses().isIpv6();
            List<String> whole = draw(new ProbeOrder(space, 11, Shard.ALL), v6);
            assertEquals(space.size(), whole.size());
            assertEquals(whole.size(), new HashSet<>(whole).size());
            for (long n = 1; n <= space.size() + 2; n++) {
                Set<String> union = new HashSet<>();
                long total = 0;
                for (long i = 1; i <= n; i++) {
                    ProbeOrder order = new ProbeOrder(space, 11, new Shard(i, n));
                    List<String> part = draw(order, v6);
                    assertEquals(order.count(), part.size());
                    for (String probe : part) {
                        assertTrue(union.add(probe), "shard " + i + "/" + n + " repeats " + probe);
                    }
                    total += part.size();
                }
                assertEquals(space.size(), total, "N=" + n);
                assertEquals(new HashSet<>(whole), union, "N=" + n);
            }
        }
    }

    @Test
    void shardTakesEveryNthPositionOfTheSameOrder() {
        ScanSpace space = new ScanSpace(addresses("198.18.0.0/28"), PortList.of(Protocol.TCP, 1, 2, 3));
        List<String> whole = draw(new ProbeOrder(space, 5, Shard.ALL), false);
        List<String> second = draw(new ProbeOrder(space, 5, Shard.parse("2/3")), false);
        for (int k = 0; k < second.size(); k++) {
            assertEquals(whole.get(1 + 3 * k), second.get(k));
        }
        assertEquals(16, second.size());
    }

    @Test
    void sameSeedSameOrder() {
        ScanSpace space = new ScanSpace(addresses("198.18.0.0/24"), PortList.of(Protocol.TCP, 22, 80));
        assertEquals(draw(new ProbeOrder(space, 42, Shard.ALL), false), draw(new ProbeOrder(space, 42, Shard.ALL), false));
        assertFalse(draw(new ProbeOrder(space, 42, Shard.ALL), false)
                .equals(draw(new ProbeOrder(space, 43, Shard.ALL), false)));
    }

    @Test
    void consecutiveProbesGoToDifferentHosts() {
        ScanSpace space = new ScanSpace(addresses("198.18.0.0/24"), PortList.of(Protocol.TCP, 1, 2, 3, 4, 5, 6, 7, 8));
        ProbeOrder order = new ProbeOrder(space, 1, Shard.ALL);
        ProbeCursor c = new ProbeCursor();
        long previous = -1;
        int sameHost = 0;
        while (order.next(c)) {
            sameHost += c.hostIndex() == previous ? 1 : 0;
            previous = c.hostIndex();
            assertEquals(c.addrLo() & 0xFF, c.hostIndex());
            assertEquals(c.port(), c.portIndex() + 1);
        }
        // a random order repeats a host about once per 256 steps: ~8 times in 2048
        assertTrue(sameHost < 30, "same host twice in a row " + sameHost + " times");
    }

    @Test
    void resumeContinuesWhereItStopped() {
        ScanSpace space = new ScanSpace(addresses("198.18.0.0/26"), PortList.of(Protocol.TCP, 22, 80, 443));
        List<String> whole = draw(new ProbeOrder(space, 9, Shard.parse("1/2")), false);
        ProbeOrder order = new ProbeOrder(space, 9, Shard.parse("1/2"));
        ProbeCursor c = new ProbeCursor();
        for (int k = 0; k < 30; k++) {
            assertTrue(order.next(c));
            assertEquals(k, c.position());
        }
        assertEquals(30, order.position());
        ProbeOrder resumed = new ProbeOrder(space, 9, Shard.parse("1/2"));
        resumed.skipTo(order.position());
        assertEquals(whole.subList(30, whole.size()), draw(resumed, false));
        resumed.skipTo(resumed.count());
        assertFalse(resumed.next(c));
        assertThrows(IllegalArgumentException.class, () -> resumed.skipTo(resumed.count() + 1));
        assertThrows(IllegalArgumentException.class, () -> resumed.skipTo(-1));
    }

    @Test
    void fullIpv4TimesAllPortsIsFastAndAllocatesNothingPerProbe() {
        AddressSet everything = addresses("0.0.0.0/0");
        PortList allPorts = new PortParser(Fixtures.services()).select(new PortRequest("-", 0, false, null, false, false));
        ScanSpace space = new ScanSpace(everything, allPorts);
        assertEquals((1L << 32) * 65535, space.size());
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long start = System.nanoTime();
        long before = mx.getThreadAllocatedBytes(tid);
        ProbeOrder order = new ProbeOrder(space, 2024, Shard.ALL);
        ProbeCursor c = new ProbeCursor();
        long checksum = 0;
        for (int i = 0; i < 3_000_000; i++) {
            assertTrue(order.next(c));
            checksum += c.addrLo() ^ c.port();
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(checksum != 0);
        assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes for 3M probes");
        assertTrue(millis < 5_000, "3M probes took " + millis + " ms");
        assertEquals(3_000_000, order.position());
    }

    @Test
    void shardParsing() {
        assertEquals(new Shard(2, 3), Shard.parse("2/3"));
        assertEquals(new Shard(1L << 62, 1L << 62), Shard.parse((1L << 62) + "/" + (1L << 62)));
        String[][] bad = {
            {"0/3", "--shard 0/3: I must be between 1 and N"},
            {"4/3", "--shard 4/3: I must be between 1 and N"},
            {"1/0", "--shard 1/0: N must be between 1 and 2^62"},
            {"1/4611686018427387905", "--shard 1/4611686018427387905: N must be between 1 and 2^62"},
            {"2", "--shard 2: expected I/N, e.g. 2/3"},
            {"a/3", "--shard a/3: expected I/N with whole numbers, e.g. 2/3"},
            {"-1/3", "--shard -1/3: expected I/N with whole numbers, e.g. 2/3"},
            {"1/99999999999999999999", "--shard 1/99999999999999999999: N must be between 1 and 2^62"},
            {"1/３", "--shard 1/３: expected I/N with whole numbers, e.g. 2/3"},
            {"+1/3", "--shard +1/3: expected I/N with whole numbers, e.g. 2/3"},
        };
        for (String[] b : bad) {
            assertEquals(b[1], assertThrows(UsageException.class, () -> Shard.parse(b[0])).getMessage());
        }
        assertEquals(5, new Shard(2, 3).countOf(16));
        assertEquals(0, new Shard(5, 7).countOf(4));
        assertEquals(1, new Shard(4, 7).countOf(4));
    }

    @Test
    void spaceSizeIsCapped() {
        AddressSet big = addresses("fd00::/66");
        UsageException e = assertThrows(UsageException.class, () -> new ScanSpace(big, PortList.of(Protocol.TCP, 1, 2)));
        assertEquals("the scan is too large: 4611686018427387904 addresses x 2 ports is more than 2^62 probes",
                e.getMessage());
        assertEquals(1L << 62, new ScanSpace(big, PortList.of(Protocol.TCP, 1)).size());
    }

    @Test
    void emptySpaceHasNoProbes() {
        ScanSpace empty = new ScanSpace(AddressSet.empty(false), PortList.of(Protocol.TCP, 1));
        ProbeOrder order = new ProbeOrder(empty, 1, Shard.ALL);
        assertEquals(0, order.count());
        assertFalse(order.next(new ProbeCursor()));
    }
}
