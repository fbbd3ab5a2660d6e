package org.synscan.result;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScanResultsTest {
    @Test
    void packingRoundTripsEveryField() {
        for (Protocol p : Protocol.values()) {
            for (PortState s : PortState.values()) {
                for (Reason r : Reason.values()) {
                    for (int port : new int[] {0, 1, 443, 65535}) {
                        PortResult in = new PortResult(p, port, s, r, port % 256);
                        assertEquals(in, ScanResults.unpack(ScanResults.pack(in)));
                    }
                }
            }
        }
    }

    @Test
    void hostsComeOutSortedWithSortedPortsAndListenersSeeEachResult() {
        ScanResults results = new ScanResults(false);
        List<String> seen = new ArrayList<>();
        results.addListener((hi, lo, packed) -> seen.add(lo + ":" + ScanResults.unpack(packed).port()));
        results.record(0, 0xC6120003L, new PortResult(Protocol.UDP, 53, PortState.OPEN, Reason.UDP_RESPONSE, 64), 500);
        results.record(0, 0xC6120003L, new PortResult(Protocol.TCP, 80, PortState.CLOSED, Reason.RESET, 64), 900);
        results.record(0, 0xC6120002L, new PortResult(Protocol.TCP, 22, PortState.OPEN, Reason.SYN_ACK, 64), -1);
        results.record(0, 0xFFFFFFFFL, new PortResult(Protocol.TCP, 1, PortState.FILTERED, Reason.NO_RESPONSE, 0), -1);
        List<HostResult> hosts = results.hosts();
        assertEquals(List.of(0xC6120002L, 0xC6120003L, 0xFFFFFFFFL), hosts.stream().map(HostResult::lo).toList());
        assertArrayEquals(new long[] {0, 0xC6120002L, 0, 0xC6120003L, 0, 0xFFFFFFFFL}, results.hostAddresses(),
                "the same order, without building the hosts");
        HostResult h = hosts.get(1);
        assertEquals(List.of(80, 53), h.ports().stream().map(PortResult::port).toList(), "tcp before udp");
        assertEquals(500, h.latencyNanos());
        assertEquals(-1, hosts.get(0).latencyNanos());
        assertTrue(h.responded());
        assertEquals(false, hosts.get(2).responded());
        assertEquals(4, results.total());
        assertEquals(2, results.openCount());
        assertEquals(4, seen.size());
    }

    @Test
    void manyHostsStayApartThroughTheIndexGrowing() {
        ScanResults results = new ScanResults(true);
        java.util.Random rnd = new java.util.Random(3);
        java.util.Map<String, Integer> model = new java.util.HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long hi = rnd.nextInt(4);
            long lo = rnd.nextInt(50_000);
            results.record(hi, lo, ScanResults.pack(Protocol.TCP, i & 0xFFFF, PortState.CLOSED, Reason.RESET, 1), -1);
            model.merge(hi + "/" + lo, 1, Integer::sum);
        }
        assertEquals(model.size(), results.hostCount());
        List<HostResult> hosts = results.hosts();
        assertEquals(model.size(), hosts.size());
        for (int i = 1; i < hosts.size(); i++) {
            HostResult a = hosts.get(i - 1);
            HostResult b = hosts.get(i);
            assertTrue(Long.compareUnsigned(a.hi(), b.hi()) < 0 || a.hi() == b.hi() && a.lo() < b.lo(), "sorted");
        }
        for (HostResult h : hosts) {
            assertEquals(model.get(h.hi() + "/" + h.lo()), h.ports().size());
            assertEquals(h.ports().size(), results.host(h.hi(), h.lo()).ports().size());
        }
        assertEquals(null, results.host(9, 9));
    }
}
