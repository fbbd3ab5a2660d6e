package org.synscan.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synscan.ScanFailure;
import org.synscan.UsageException;

class LinkPlannerTest {
    private static final long VA_MAC = Mac.parse("02:5c:a0:00:00:01");
    private static final long VB_MAC = Mac.parse("2a:4f:01:9c:7e:10");

    private final List<IpAddr> asked = new ArrayList<>();
    private final NetInterface lo = new NetInterface("lo", 1, 0, true, true, true, 65536, 772,
            List.of(new IfAddress(IpAddr.parse("127.0.0.1"), 8), new IfAddress(IpAddr.parse("::1"), 128)));
    private final NetInterface va = new NetInterface("ssnet-va", 5, VA_MAC, true, true, false, 1500, 1,
            List.of(new IfAddress(IpAddr.parse("198.18.200.1"), 24),
                    new IfAddress(IpAddr.parse("fe80::5c:a0ff:fe00:1"), 64),
                    new IfAddress(IpAddr.parse("fd00:5ca0:200::1"), 64)));
    private final NetInterface down = new NetInterface("ssnet-vx", 7, 7, false, false, false, 1500, 1, List.of());
    private final Routes routes = new Routes(List.of(
            new Route(IpAddr.parse("198.18.200.0"), 24, null, "ssnet-va", 0, false),
            new Route(IpAddr.parse("198.18.201.0"), 24, IpAddr.parse("198.18.200.2"), "ssnet-va", 0, false),
            new Route(IpAddr.parse("198.18.203.0"), 24, null, "ssnet-vx", 0, false),
            new Route(IpAddr.parse("fd00:5ca0:200::"), 64, null, "ssnet-va", 256, false),
            new Route(IpAddr.parse("fd00:5ca0:200:0:1::"), 80, IpAddr.parse("fd00:5ca0:200::2"), "ssnet-va", 1024, false),
            new Route(IpAddr.parse("fe80::"), 64, null, "ssnet-va", 256, false),
            new Route(IpAddr.parse("fd00:5ca0:200::1"), 128, null, "ssnet-va", 0, true)));
    private final NeighbourResolver fakeNeighbours = (iface, source, target) -> {
        asked.add(target);
        if (target.equals(IpAddr.parse("198.18.200.2")) || target.equals(IpAddr.parse("fd00:5ca0:200::2"))) {
            return VB_MAC;
        }
        throw new ScanFailure(target + " did not answer");
    };
    private final LinkPlanner planner = new LinkPlanner(new Interfaces(List.of(lo, va, down)), routes, fakeNeighbours);

    @Test
    void onLinkTargetGetsItsOwnMac() {
        NextHop h = planner.plan(IpAddr.parse("198.18.200.2"), LinkOverrides.NONE);
        assertEquals(new NextHop("ssnet-va", 5, 1, 1500, VA_MAC, VB_MAC, IpAddr.parse("198.18.200.1"), null,
                false, false), h);
        assertEquals(List.of(IpAddr.parse("198.18.200.2")), asked);
    }

    @Test
    void offLinkTargetGetsTheGatewaysMac() {
        NextHop h = planner.plan(IpAddr.parse("198.18.201.7"), LinkOverrides.NONE);
        assertEquals(VB_MAC, h.dstMac());
        assertEquals(IpAddr.parse("198.18.200.2"), h.gateway());
        assertEquals(List.of(IpAddr.parse("198.18.200.2")), asked);
        NextHop six = planner.plan(IpAddr.parse("fd00:5ca0:200:0:1::5"), LinkOverrides.NONE);
        assertEquals(IpAddr.parse("fd00:5ca0:200::2"), six.gateway());
        assertEquals(IpAddr.parse("fd00:5ca0:200::1"), six.source());
    }

    @Test
    void ipv6SourcePrefersTheScopeOfTheTarget() {
        assertEquals(IpAddr.parse("fd00:5ca0:200::1"), planner.plan(IpAddr.parse("fd00:5ca0:200::2"), LinkOverrides.NONE).source());
        LinkOverrides router = new LinkOverrides(null, null, Mac.NONE, VB_MAC);
        assertEquals(IpAddr.parse("fe80::5c:a0ff:fe00:1"), planner.plan(IpAddr.parse("fe80::9"), router).source());
    }

    @Test
    void loopbackTargets() {
        NextHop v4 = planner.plan(IpAddr.parse("127.0.0.1"), LinkOverrides.NONE);
        assertEquals(new NextHop("lo", 1, 1, 65536, 0, 0, IpAddr.parse("127.0.0.1"), null, true, true), v4);
        NextHop other = planner.plan(IpAddr.parse("127.0.0.5"), LinkOverrides.NONE);
        assertEquals(IpAddr.parse("127.0.0.1"), other.source());
        NextHop v6 = planner.plan(IpAddr.parse("::1"), LinkOverrides.NONE);
        assertEquals(new NextHop("lo", 1, 1, 65536, 0, 0, IpAddr.parse("::1"), null, true, false), v6);
        assertTrue(asked.isEmpty());
    }

    @Test
    void ownAddressesGoThroughLo() {
        NextHop v4 = planner.plan(IpAddr.parse("198.18.200.1"), LinkOverrides.NONE);
        assertEquals("lo", v4.iface());
        assertEquals(IpAddr.parse("198.18.200.1"), v4.source());
        assertTrue(v4.rawIpv4Loopback());
        NextHop v6 = planner.plan(IpAddr.parse("fd00:5ca0:200::1"), LinkOverrides.NONE);
        assertEquals("lo", v6.iface());
        assertFalse(v6.rawIpv4Loopback());
        assertTrue(v6.loopback());
    }

    @Test
    void routerMacSkipsResolution() {
        long router = Mac.parse("02:00:00:00:00:99");
        NextHop h = planner.plan(IpAddr.parse("198.18.201.7"), new LinkOverrides(null, null, Mac.NONE, router));
        assertEquals(router, h.dstMac());
        assertTrue(asked.isEmpty());
    }

    @Test
    void sourceOverrides() {
        long mac = Mac.parse("02:00:00:00:00:42");
        NextHop h = planner.plan(IpAddr.parse("198.18.200.2"),
                new LinkOverrides("ssnet-va", IpAddr.parse("198.18.200.50"), mac, Mac.NONE));
        assertEquals(IpAddr.parse("198.18.200.50"), h.source());
        assertEquals(mac, h.srcMac());
        assertEquals(VB_MAC, h.dstMac());
        assertThrows(UsageException.class, () -> planner.plan(IpAddr.parse("fd00:5ca0:200::2"),
                new LinkOverrides(null, IpAddr.parse("198.18.200.50"), Mac.NONE, Mac.NONE)));
    }

    @Test
    void errors() {
        assertEquals("no route to 198.18.5.5 (check `ip route`; use -e to choose an interface)",
                assertThrows(ScanFailure.class, () -> planner.plan(IpAddr.parse("198.18.5.5"), LinkOverrides.NONE))
                        .getMessage());
        assertEquals("ssnet-vx is down (bring it up with `ip link set ssnet-vx up`)",
                assertThrows(ScanFailure.class, () -> planner.plan(IpAddr.parse("198.18.203.1"), LinkOverrides.NONE))
                        .getMessage());
        assertEquals("cannot use eth9: no such interface (see --list-interfaces)",
                assertThrows(ScanFailure.class, () -> planner.plan(IpAddr.parse("198.18.5.5"),
                        new LinkOverrides("eth9", null, Mac.NONE, Mac.parse("02:00:00:00:00:01")))).getMessage());
        assertEquals("198.18.200.9 did not answer", assertThrows(ScanFailure.class,
                () -> planner.plan(IpAddr.parse("198.18.200.9"), LinkOverrides.NONE)).getMessage());
        assertThrows(UsageException.class, () -> planner.plan(IpAddr.parse("127.0.0.1"),
                new LinkOverrides("ssnet-va", null, Mac.NONE, Mac.NONE)));
    }

    @Test
    void aChosenInterfaceIsCheckedBeforeTheRoutes() {
        NetInterface bare = new NetInterface("sstrust-n0", 9, 9, true, true, false, 1500, 1, List.of());
        LinkPlanner p = new LinkPlanner(new Interfaces(List.of(lo, va, down, bare)), routes, fakeNeighbours);
        assertEquals("sstrust-n0 has no IPv4 address (use -S to choose a source address, or -e another interface)",
                assertThrows(ScanFailure.class, () -> p.plan(IpAddr.parse("198.18.200.2"),
                        new LinkOverrides("sstrust-n0", null, Mac.NONE, Mac.NONE))).getMessage());
        assertEquals("cannot use nosuch0: no such interface (see --list-interfaces)",
                assertThrows(ScanFailure.class, () -> p.plan(IpAddr.parse("198.18.200.2"),
                        new LinkOverrides("nosuch0", null, Mac.NONE, Mac.NONE))).getMessage());
        assertEquals("ssnet-vx is down (bring it up with `ip link set ssnet-vx up`)",
                assertThrows(ScanFailure.class, () -> p.plan(IpAddr.parse("198.18.200.2"),
                        new LinkOverrides("ssnet-vx", null, Mac.NONE, Mac.NONE))).getMessage());
        assertTrue(asked.isEmpty(), "nothing may be sent for a plan that fails: " + asked);
    }

    @Test
    void forcedInterfaceWithoutRouteNeedsRouterMac() {
        ScanFailure e = assertThrows(ScanFailure.class, () -> planner.plan(IpAddr.parse("198.18.5.5"),
                new LinkOverrides("ssnet-va", null, Mac.NONE, Mac.NONE)));
        assertEquals("no route to 198.18.5.5 via ssnet-va (check `ip route`; use -e to choose an interface)", e.getMessage());
        NextHop h = planner.plan(IpAddr.parse("198.18.5.5"),
                new LinkOverrides("ssnet-va", null, Mac.NONE, Mac.parse("02:00:00:00:00:77")));
        assertNull(h.gateway());
        assertEquals("ssnet-va", h.iface());
    }
}
