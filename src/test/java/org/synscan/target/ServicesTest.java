package org.synscan.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.synscan.result.Protocol;

class ServicesTest {

    @Test
    void namesComeFromEtcServicesThenNmapServices() {
        Services s = Fixtures.services();
        assertEquals("ssh", s.name(Protocol.TCP, 22));
        assertEquals("http", s.name(Protocol.TCP, 80));
        assertEquals("domain", s.name(Protocol.UDP, 53));
        assertEquals("ms-wbt-server", s.name(Protocol.TCP, 3389));
        assertEquals("unknown", s.name(Protocol.TCP, 9)); // nmap-services says "unknown"
        assertEquals("unknown", s.name(Protocol.UDP, 22));
        assertEquals("unknown", s.name(Protocol.TCP, 65000));
    }

    @Test
    void portsByNameAndAlias() {
        Services s = Fixtures.services();
        assertEquals(OptionalInt.of(80), s.port(Protocol.TCP, "www"));
        assertEquals(OptionalInt.of(80), s.port(Protocol.TCP, "HTTP"));
        assertEquals(OptionalInt.of(123), s.port(Protocol.UDP, "ntp"));
        assertEquals(OptionalInt.empty(), s.port(Protocol.TCP, "ntp"));
        assertEquals(OptionalInt.empty(), s.port(Protocol.TCP, "sctpfoo"));
    }

    @Test
    void missingFilesMeanUnknownNamesAndTheBuiltInRanking() {
        Services s = Services.load(Path.of("/nonexistent/a"), Path.of("/nonexistent/b"));
        assertEquals("unknown", s.name(Protocol.TCP, 22));
        assertFalse(s.rankingFromNmap());
        assertEquals(80, s.rankedPorts(Protocol.TCP)[0]);
        assertEquals(53, s.rankedPorts(Protocol.UDP)[0]);
    }

    @Test
    void rankingFromNmapServicesSortsByFrequency() {
        Services s = Fixtures.services();
        assertTrue(s.rankingFromNmap());
        int[] tcp = s.rankedPorts(Protocol.TCP);
        assertEquals(65536, tcp.length);
        assertEquals(80, tcp[0]);
        assertEquals(22, tcp[1]);
        assertEquals(23, tcp[2]);
        assertEquals(993, tcp[3]);
        assertEquals(3389, tcp[4]);
        assertEquals(9, tcp[5]);
        assertEquals(1, tcp[6]);
        assertEquals(0, tcp[65535]);
        assertIsPermutationOfAllPorts(tcp);
        assertIsPermutationOfAllPorts(s.rankedPorts(Protocol.UDP));
    }

    @Test
    void builtInRankingIsLongEnoughAndClean() throws IOException {
        PortRanking r = PortRanking.builtIn();
        assertFalse(r.fromNmap());
        assertTrue(r.ranked(Protocol.TCP) >= 1000, "tcp entries: " + r.ranked(Protocol.TCP));
        assertTrue(r.ranked(Protocol.UDP) >= 200, "udp entries: " + r.ranked(Protocol.UDP));
        for (Protocol p : Protocol.values()) {
            Set<Integer> seen = new HashSet<>();
            for (int port : p == Protocol.TCP ? r.tcp() : r.udp()) {
                assertTrue(port >= 1 && port <= 65535, "port " + port);
                assertTrue(seen.add(port), "duplicate " + port);
            }
            assertIsPermutationOfAllPorts(r.order(p));
        }
        // the head is hand-ranked: the best-known services come first
        assertEquals(80, r.tcp()[0]);
        assertEquals(443, r.tcp()[1]);
        assertEquals(22, r.tcp()[2]);
    }

    @Test
    void systemServicesWorkWhateverIsInstalled() {
        Services s = Services.system();
        assertEquals(1000, new PortParser(s).select(new PortRequest(null, 0, false, null, false, false)).size());
        assertTrue(s.name(Protocol.TCP, 1).length() > 0);
    }

    private static void assertIsPermutationOfAllPorts(int[] order) {
        boolean[] seen = new boolean[65536];
        for (int port : order) {
            assertFalse(seen[port], "duplicate " + port);
            seen[port] = true;
        }
        assertEquals(65536, order.length);
    }
}
