package org.synscan.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.synscan.ScanFailure;

class RoutesTest {
    private static Routes table;

    @BeforeAll
    static void load() {
        // the IPv4 fixture was written as a little-endian kernel prints it
        Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        table = Routes.read(Fixtures.path("route.txt"), Fixtures.path("ipv6_route.txt"));
    }

    @Test
    void parsesIpv4RoutesSkippingRejectAndDownOnes() {
        List<Route> v4 = Routes.parseIpv4(Fixtures.lines("route.txt"));
        assertEquals(6, v4.size());
        assertEquals(new Route(IpAddr.parse("198.18.200.0"), 24, null, "ssnet-va", 0, false), v4.get(2));
        assertEquals(new Route(IpAddr.parse("0.0.0.0"), 0, IpAddr.parse("198.18.0.1"), "eth0", 100, false), v4.get(0));
        assertEquals(32, v4.get(5).prefixLength());
        assertTrue(v4.stream().noneMatch(r -> r.iface().equals("*") || r.iface().equals("ssnet-vx")));
    }

    @Test
    void parsesIpv6RoutesWithLocalFlagAndSkipsReject() {
        List<Route> v6 = Routes.parseIpv6(Fixtures.lines("ipv6_route.txt"));
        assertEquals(8, v6.size());
        Route gw = v6.get(2);
        assertEquals(IpAddr.parse("fd00:5ca0:200:0:1::"), gw.destination());
        assertEquals(80, gw.prefixLength());
        assertEquals(IpAddr.parse("fd00:5ca0:200::2"), gw.gateway());
        assertEquals(0x400, gw.metric());
        assertTrue(v6.get(5).local());
        assertEquals("lo", v6.get(5).iface());
        assertFalse(v6.get(1).local());
        assertTrue(v6.stream().noneMatch(r -> r.prefixLength() == 80 && r.iface().equals("lo")));
    }

    @Test
    void longestPrefixWins() {
        Route r = table.lookup(IpAddr.parse("198.18.200.77"), null).orElseThrow();
        assertEquals("ssnet-va", r.iface());
        assertNull(r.gateway());
        assertEquals("eth0", table.lookup(IpAddr.parse("198.18.7.7"), null).orElseThrow().iface());
        assertEquals(0, table.lookup(IpAddr.parse("203.0.113.9"), null).orElseThrow().prefixLength());
        assertEquals(IpAddr.parse("198.18.200.9"), table.lookup(IpAddr.parse("198.18.204.7"), null).orElseThrow().gateway());
    }

    @Test
    void lowerMetricWinsAmongEqualPrefixes() {
        assertEquals(IpAddr.parse("198.18.200.2"), table.lookup(IpAddr.parse("198.18.201.5"), null).orElseThrow().gateway());
        assertEquals(IpAddr.parse("fd00:5ca0:200::3"),
                table.lookup(IpAddr.parse("fd00:5ca0:200:0:1::5"), null).orElseThrow().gateway());
    }

    @Test
    void ipv6OnLinkAndDefault() {
        Route onLink = table.lookup(IpAddr.parse("fd00:5ca0:200::2"), null).orElseThrow();
        assertEquals(64, onLink.prefixLength());
        assertNull(onLink.gateway());
        assertTrue(table.lookup(IpAddr.parse("fd00:5ca0:200::1"), null).orElseThrow().local());
        assertEquals("eth0", table.lookup(IpAddr.parse("fd00:1::1"), null).orElseThrow().iface());
        // the reject route for fd00:5ca0:200:0:2::/80 was dropped: the /64 answers
        assertEquals(64, table.lookup(IpAddr.parse("fd00:5ca0:200:0:2::1"), null).orElseThrow().prefixLength());
    }

    @Test
    void interfaceRestrictionIgnoresOtherInterfaces() {
        assertTrue(table.lookup(IpAddr.parse("198.18.7.7"), "ssnet-va").isEmpty());
        assertEquals("ssnet-va", table.lookup(IpAddr.parse("198.18.200.7"), "ssnet-va").orElseThrow().iface());
    }

    @Test
    void noRouteIsOneClearLine() {
        Routes noDefault = new Routes(table.all().stream().filter(r -> r.prefixLength() > 0).toList());
        ScanFailure e = assertThrows(ScanFailure.class, () -> noDefault.require(IpAddr.parse("198.18.5.5"), "ssnet-va"));
        assertEquals("no route to 198.18.5.5 via ssnet-va (check `ip route`; use -e to choose an interface)", e.getMessage());
        Routes onlyVa = new Routes(Routes.parseIpv4(Fixtures.lines("route.txt")).subList(2, 5));
        e = assertThrows(ScanFailure.class, () -> onlyVa.require(IpAddr.parse("198.18.5.5"), null));
        assertEquals("no route to 198.18.5.5 (check `ip route`; use -e to choose an interface)", e.getMessage());
    }

    @Test
    void missingFilesGiveAnEmptyTable() {
        assertTrue(Routes.read(Path.of("/nonexistent/route"), Path.of("/nonexistent/ipv6_route")).all().isEmpty());
    }
}
