package org.synscan.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OS-facing code against real interfaces, in two namespaces of our own (see NetLab). The
 * code under test runs in child JVMs inside the namespaces. Every packet stays inside them or
 * on their own lo; no namespace has a default route (checked before each test).
 */
class NetLabIT {
    private static long macA;
    private static long macB;

    @BeforeAll
    static void lab() throws Exception {
        try {
            if (!Privileges.current().has(Privileges.CAP_NET_ADMIN)) {
                throw new IllegalStateException("not root: cannot create network namespaces");
            }
            NetLab.up();
            macA = NetLab.mac(NetLab.A, NetLab.VA);
            macB = NetLab.mac(NetLab.B, NetLab.VB);
        } catch (Exception e) {
            NetLab.down();
            if (System.getenv("CI") != null) {
                fail("cannot build the ssnet- namespaces under CI: " + e.getMessage());
            }
            Assumptions.abort("namespaces unavailable: " + e.getMessage());
        }
    }

    @AfterAll
    static void teardown() throws Exception {
        NetLab.down();
    }

    @BeforeEach
    void safe() throws Exception {
        NetLab.assertNoDefaultRoute();
    }

    private static Map<String, String> runIn(String ns, String... args) throws Exception {
        try (ChildJvm child = ChildJvm.start(ns, args)) {
            return child.finish(20_000);
        }
    }

    @Test
    void frameInjectedInACapturedInB() throws Exception {
        byte[] marker = new byte[46];
        ThreadLocalRandom.current().nextBytes(marker);
        byte[] frame = TestPackets.ethernet(macB, macA, 0x88b5, marker);
        String hex = HexFormat.of().formatHex(frame);
        try (ChildJvm capture = ChildJvm.start(NetLab.B, "capture", NetLab.VB, "ether proto 0x88b5", "8000")) {
            capture.await("ready=", 10_000);
            Map<String, String> sent = runIn(NetLab.A, "inject", NetLab.VA, hex);
            assertEquals("1", sent.get("sent"), sent.get("output"));
            assertEquals(hex, capture.await("frame=", 10_000));
            capture.finish(5_000);
        }
    }

    @Test
    void arpResolvesWithAnEmptyKernelCache() throws Exception {
        NetLab.sh("ip", "-n", NetLab.A, "neigh", "flush", "all");
        assertFalse(NetLab.sh("ip", "-n", NetLab.A, "neigh", "show", "198.18.200.2").contains("lladdr"));
        Map<String, String> r = runIn(NetLab.A, "solicit", NetLab.VA, "198.18.200.2");
        assertEquals("none", r.get("cache"), r.get("output"));
        assertEquals(Mac.format(macB), r.get("mac"), r.get("output"));
    }

    @Test
    void kernelCacheIsReadAfterThePeerWasReached() throws Exception {
        // a datagram to the discard port makes the kernel resolve the peer itself
        for (String peer : new String[] {"198.18.200.2", "fd00:5ca0:200::2"}) {
            NetLab.sh("ip", "netns", "exec", NetLab.A, "bash", "-c", "echo x > /dev/udp/" + peer + "/9");
            for (int i = 0; i < 40 && !NetLab.sh("ip", "-n", NetLab.A, "neigh", "show", peer).contains("lladdr"); i++) {
                Thread.sleep(50);
            }
        }
        assertEquals(Mac.format(macB), runIn(NetLab.A, "solicit", NetLab.VA, "198.18.200.2").get("cache"));
        assertEquals(Mac.format(macB), runIn(NetLab.A, "solicit", NetLab.VA, "fd00:5ca0:200::2").get("cache"));
    }

    @Test
    void ndpResolvesWithAnEmptyKernelCache() throws Exception {
        NetLab.sh("ip", "-n", NetLab.A, "-6", "neigh", "flush", "all");
        Map<String, String> r = runIn(NetLab.A, "solicit", NetLab.VA, "fd00:5ca0:200::2");
        assertEquals("none", r.get("cache"), r.get("output"));
        assertEquals(Mac.format(macB), r.get("mac"), r.get("output"));
    }

    @Test
    void silentNeighbourIsOneClearLine() throws Exception {
        Map<String, String> r = runIn(NetLab.A, "solicit", NetLab.VA, "198.18.200.9");
        assertEquals("1", r.get("exit"));
        assertEquals("198.18.200.9 did not answer ARP on ssnet-va (is it up?)", r.get("error"));
    }

    @Test
    void nextHopOnLinkAndViaGateway() throws Exception {
        NetLab.sh("ip", "-n", NetLab.A, "neigh", "flush", "all");
        for (String target : new String[] {"198.18.200.2", "198.18.201.7", "fd00:5ca0:200::2", "fd00:5ca0:200:0:1::7"}) {
            Map<String, String> r = runIn(NetLab.A, "plan", target);
            String out = r.get("output");
            assertEquals("0", r.get("exit"), out);
            assertEquals(NetLab.VA, r.get("iface"), out);
            assertEquals("1", r.get("dlt"), out);
            assertEquals(Mac.format(macA), r.get("srcMac"), out);
            assertEquals(Mac.format(macB), r.get("dstMac"), out);
            assertEquals(target.contains(":") ? "fd00:5ca0:200::1" : "198.18.200.1", r.get("source"), out);
            boolean viaGateway = target.contains("201") || target.contains(":1::");
            assertEquals(viaGateway ? (target.contains(":") ? "fd00:5ca0:200::2" : "198.18.200.2") : "null",
                    r.get("gateway"), out);
            assertEquals("false", r.get("loopback"), out);
        }
    }

    @Test
    void noRouteIsOneClearLine() throws Exception {
        Map<String, String> r = runIn(NetLab.A, "plan", "198.18.5.5");
        assertEquals("1", r.get("exit"));
        assertEquals("no route to 198.18.5.5 (check `ip route`; use -e to choose an interface)", r.get("error"));
    }

    @Test
    void rawIpv4SynToLocalhostGetsSynAckOnLo() throws Exception {
        Map<String, String> r = runIn(NetLab.A, "syn", "127.0.0.1", "8099");
        assertEquals("lo", r.get("iface"), r.get("output"));
        assertEquals("true", r.get("raw"), r.get("output"));
        assertEquals("1", r.get("synack"), r.get("output"));
    }

    @Test
    void rawIpv4SynToOurOwnAddressGetsSynAckOnLo() throws Exception {
        Map<String, String> r = runIn(NetLab.A, "syn", "198.18.200.1", "8098");
        assertEquals("lo", r.get("iface"), r.get("output"));
        assertEquals("true", r.get("raw"), r.get("output"));
        assertEquals("1", r.get("synack"), r.get("output"));
    }

    @Test
    void ipv6SynInjectedOnLoGetsSynAck() throws Exception {
        Map<String, String> r = runIn(NetLab.A, "syn", "::1", "8097");
        assertEquals("lo", r.get("iface"), r.get("output"));
        assertEquals("false", r.get("raw"), r.get("output"));
        assertEquals("1", r.get("synack"), r.get("output"));
    }

    @Test
    void breakLoopUnblocksAReaderWithinOneSecond() throws Exception {
        Map<String, String> r = runIn(NetLab.A, "breakloop", NetLab.VA);
        String out = r.get("output");
        assertEquals("true", r.get("blocked"), out);
        assertEquals("-1", r.get("result"), out);
        assertTrue(Long.parseLong(r.get("ms")) < 1000, out);
        assertEquals("-1", r.get("after"), out);
    }
}
