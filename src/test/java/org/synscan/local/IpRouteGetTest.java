package org.synscan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.synscan.lab.Lab;
import org.synscan.net.IpAddr;

class IpRouteGetTest {
    @Test
    void localRoutesAreRecognisedWhateverFollows() {
        RouteCheck.Answer v4 = IpRouteGet.parse("local 127.0.0.1 dev lo table local src 127.0.0.1 uid 0 \\    cache"
                + " <local> \n");
        assertTrue(v4.local());
        assertTrue(v4.known());
        assertEquals("local 127.0.0.1 dev lo table local src 127.0.0.1 uid 0", v4.detail());
        assertTrue(IpRouteGet.parse("local ::1 dev lo table local proto kernel src ::1 metric 0 pref medium").local());
        assertTrue(IpRouteGet.parse("local 198.18.90.1 dev lo table local src 198.18.90.1 uid 0 \\    cache <local>")
                .local());
    }

    @Test
    void everyOtherRouteTypeIsNotLocal() {
        for (String out : new String[] {
            "198.18.90.77 dev sslocal-e0 src 198.18.90.1 uid 0 \\    cache ",
            "multicast 224.0.0.251 dev eth0 table local src 10.0.0.5 uid 0 \\    cache <mc>",
            "broadcast 198.18.90.255 dev sslocal-e0 table local src 198.18.90.1 uid 0 \\    cache <local,brd>",
            "8.8.8.8 via 10.0.0.1 dev eth0 src 10.0.0.5 uid 0",
            "unreachable 198.51.100.1 uid 0",
            "localhost is not a route type",
            ""}) {
            assertFalse(IpRouteGet.parse(out).local(), out);
        }
    }

    /** The real kernel: loopback is local; asking never sends anything. */
    @Test
    void theKernelSaysLoopbackIsLocal() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Lab.onPath("ip"), "ip (iproute2) is not installed");
        RouteCheck.Answer a = new IpRouteGet().route(IpAddr.parse("127.0.0.1"));
        assertTrue(a.local(), a.detail());
        assertTrue(a.detail().contains(" dev "), a.detail());
        RouteCheck.Answer wild = new IpRouteGet().route(IpAddr.parse("0.0.0.0"));
        assertTrue(wild.known());
        RouteCheck.Answer doc = new IpRouteGet().route(IpAddr.parse("192.0.2.1"));
        assertFalse(doc.local(), doc.detail());
    }
}
