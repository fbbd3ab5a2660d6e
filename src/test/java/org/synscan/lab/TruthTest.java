package org.synscan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;

class TruthTest {
    private static final Truth SMALL = Truth.parse(List.of(
            "# comment line",
            "both tcp 22 open syn-ack listen   # trailing comment",
            "ipv4\ttcp\t113\tfiltered\tport-unreach\treject:icmp-port-unreachable",
            "ipv6 tcp 113 filtered port-unreach reject:icmp6-port-unreachable",
            "ipv4 tcp 8000 open syn-ack listen",
            "",
            "both udp 53 open udp-response dns",
            "both udp 9 open|filtered no-response drop",
            "ipv6 udp 2001 filtered no-route reject:icmp6-no-route"), "small");

    @Test
    void listedPortsHaveTheirRowVerdictPerFamily() {
        assertEquals(Verdict.of("open", "syn-ack"), SMALL.expected(Family.IPV4, Protocol.TCP, 22));
        assertEquals(Verdict.of("open", "syn-ack"), SMALL.expected(Family.IPV6, Protocol.TCP, 22));
        assertEquals(new Verdict(PortState.OPEN, Reason.SYN_ACK), SMALL.expected(Family.IPV4, Protocol.TCP, 8000));
        assertEquals(Truth.TCP_DEFAULT, SMALL.expected(Family.IPV6, Protocol.TCP, 8000));
        assertEquals(new Verdict(PortState.OPEN_FILTERED, Reason.NO_RESPONSE),
                SMALL.expected(Family.IPV6, Protocol.UDP, 9));
        assertEquals(new Verdict(PortState.FILTERED, Reason.NO_ROUTE), SMALL.expected(Family.IPV6, Protocol.UDP, 2001));
        assertEquals(Truth.UDP_DEFAULT, SMALL.expected(Family.IPV4, Protocol.UDP, 2001));
    }

    @Test
    void unlistedPortsGetNmapDefaults() {
        assertEquals(new Verdict(PortState.CLOSED, Reason.RESET), SMALL.expected(Family.IPV4, Protocol.TCP, 23));
        assertEquals(new Verdict(PortState.CLOSED, Reason.PORT_UNREACH), SMALL.expected(Family.IPV6, Protocol.UDP, 69));
        // a TCP row says nothing about the same UDP port
        assertEquals(Truth.UDP_DEFAULT, SMALL.expected(Family.IPV4, Protocol.UDP, 22));
    }

    @Test
    void listedPortsAndPortList() {
        assertEquals(List.of(9, 53), List.copyOf(SMALL.listedPorts(Family.IPV4, Protocol.UDP)));
        assertEquals("9,53,2001", SMALL.portList(Family.IPV6, Protocol.UDP));
        assertEquals("22,113,8000", SMALL.portList(Family.IPV4, Protocol.TCP));
        assertEquals("reject:icmp6-port-unreachable", SMALL.rows(Family.IPV6, Protocol.TCP).get(1).how());
    }

    @Test
    void ipv6AnyIpRangeTurnsClosedUdpIntoFiltered() throws Exception {
        InetAddress wide = InetAddress.getByName("fd00:5ca0:1::beef");
        assertEquals(new Verdict(PortState.FILTERED, Reason.PORT_UNREACH), SMALL.expectedAt(wide, Protocol.UDP, 69));
        assertEquals(Truth.TCP_DEFAULT, SMALL.expectedAt(wide, Protocol.TCP, 69));
        assertEquals(Verdict.of("open", "udp-response"), SMALL.expectedAt(wide, Protocol.UDP, 53));
        assertEquals(Truth.UDP_DEFAULT, SMALL.expectedAt(Lab.TARGET_V6, Protocol.UDP, 69));
        assertEquals(Truth.UDP_DEFAULT, SMALL.expectedAt(InetAddress.getByName("198.18.200.1"), Protocol.UDP, 69));
        assertFalse(Lab.inWideV6(InetAddress.getByName("fd00:5ca0:1::1:0")), "outside the /112");
    }

    @Test
    void badRowsNameTheirLine() {
        assertMessage("t:2: expected 6 columns", List.of("both tcp 22 open syn-ack listen", "both tcp 23 closed reset"));
        assertMessage("t:1: family must be", List.of("ip4 tcp 22 open syn-ack listen"));
        assertMessage("t:1: protocol must be", List.of("both sctp 22 open syn-ack listen"));
        assertMessage("t:1: port out of range: 65536", List.of("both tcp 65536 open syn-ack listen"));
        assertMessage("t:1: unknown port state: opened", List.of("both tcp 22 opened syn-ack listen"));
        assertMessage("t:1: unknown reason: synack", List.of("both tcp 22 open synack listen"));
        assertMessage("t:1: unknown how for udp: listen", List.of("both udp 22 open udp-response listen"));
        assertMessage("t:1: unknown how for tcp: lisen", List.of("both tcp 22 open syn-ack lisen"));
        assertMessage("t:2: ipv6 tcp 22 listed twice",
                List.of("both tcp 22 open syn-ack listen", "ipv6 tcp 22 closed reset closed"));
    }

    private static void assertMessage(String expected, List<String> lines) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Truth.parse(lines, "t"));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void compareAgreesOnlyWithTheWholeTruth() {
        SortedSet<Integer> scanned = Truth.allPorts();
        Map<Integer, Verdict> actual = new HashMap<>();
        for (int port : scanned) {
            actual.put(port, SMALL.expected(Family.IPV4, Protocol.TCP, port));
        }
        Truth.Diff same = SMALL.compare(Lab.TARGET_V4, Protocol.TCP, scanned, actual);
        assertTrue(same.agrees(), same.report());
        assertEquals("198.18.0.2 tcp: 65535 ports agree with the truth", same.report());

        actual.put(22, Truth.TCP_DEFAULT);
        actual.remove(443);
        Truth.Diff diff = SMALL.compare(Lab.TARGET_V4, Protocol.TCP, scanned, actual);
        assertFalse(diff.agrees());
        assertEquals(List.of("port 22/tcp: expected open/syn-ack, got closed/reset",
                "port 443/tcp: expected closed/reset, got no result"), diff.differences());
        assertTrue(diff.report().startsWith("198.18.0.2 tcp: 2 differences from the truth over 65535 ports\n  port 22"),
                diff.report());
    }

    @Test
    void compareFlagsResultsForPortsNotScanned() {
        Map<Integer, Verdict> actual = Map.of(53, Verdict.of("open", "udp-response"), 54, Truth.UDP_DEFAULT);
        Truth.Diff diff = SMALL.compare(Lab.TARGET_V4, Protocol.UDP, Set.of(53), actual);
        assertEquals(List.of("port 54/udp: not scanned, yet reported closed/port-unreach"), diff.differences());
    }

    @Test
    void longDiffReportsAreCut() {
        Map<Integer, Verdict> none = Map.of();
        Truth.Diff diff = SMALL.compare(Lab.TARGET_V4, Protocol.TCP, Truth.allPorts(), none);
        assertEquals(65535, diff.differences().size());
        assertTrue(diff.report().endsWith("... and 65495 more"), diff.report());
    }

    /** The repository's truth file parses and describes the lab the brief asks for. */
    @Test
    void repositoryTruthFile() {
        Truth truth = Truth.load();
        for (Family f : Family.values()) {
            long open = truth.rows(f, Protocol.TCP).stream()
                    .filter(r -> r.verdict().state() == PortState.OPEN).count();
            assertTrue(open >= 12, f + ": about a dozen open TCP ports, found " + open);
            assertTrue(truth.rows(f, Protocol.TCP).stream().anyMatch(r -> r.port() >= 60000 && r.how().equals("listen")));
            assertEquals(Verdict.of("open|filtered", "no-response"), truth.expected(f, Protocol.UDP, 7777));
            assertEquals(Verdict.of("filtered", "admin-prohibited"), truth.expected(f, Protocol.UDP, 1434));
            assertEquals(Verdict.of("open", "udp-response"), truth.expected(f, Protocol.UDP, 53));
        }
        // each distinct nmap reason the firewall can produce appears
        Set<Reason> v4 = Set.of(Reason.NET_UNREACH, Reason.HOST_UNREACH, Reason.PORT_UNREACH, Reason.PROTO_UNREACH,
                Reason.NET_PROHIBITED, Reason.HOST_PROHIBITED, Reason.ADMIN_PROHIBITED, Reason.NO_RESPONSE);
        Set<Reason> v6 = Set.of(Reason.NO_ROUTE, Reason.HOST_UNREACH, Reason.PORT_UNREACH, Reason.REJECT_ROUTE,
                Reason.ADMIN_PROHIBITED, Reason.NO_RESPONSE);
        for (Protocol p : Protocol.values()) {
            assertTrue(reasons(truth, Family.IPV4, p).containsAll(p == Protocol.TCP ? v4 : without(v4, Reason.PORT_UNREACH)),
                    "ipv4 " + p);
            assertTrue(reasons(truth, Family.IPV6, p).containsAll(p == Protocol.TCP ? v6 : without(v6, Reason.PORT_UNREACH)),
                    "ipv6 " + p);
        }
    }

    private static Set<Reason> reasons(Truth truth, Family f, Protocol p) {
        return truth.rows(f, p).stream().map(r -> r.verdict().reason()).collect(java.util.stream.Collectors.toSet());
    }

    private static Set<Reason> without(Set<Reason> set, Reason r) {
        return set.stream().filter(x -> x != r).collect(java.util.stream.Collectors.toSet());
    }
}
