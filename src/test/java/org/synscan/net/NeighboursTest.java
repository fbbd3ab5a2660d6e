package org.synscan.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NeighboursTest {
    private final List<String> arp = Fixtures.lines("arp.txt");
    private final List<String> neigh = Fixtures.lines("ip-neigh.txt");

    @Test
    void arpTableCompleteEntryOnTheRightInterface() {
        assertEquals(Mac.parse("2a:4f:01:9c:7e:10"), Neighbours.parseArpTable(arp, "ssnet-va", IpAddr.parse("198.18.200.2")));
        assertEquals(Mac.parse("02:00:00:00:00:44"), Neighbours.parseArpTable(arp, "ssnet-va", IpAddr.parse("198.18.200.4")));
        assertEquals(Mac.parse("02:00:00:00:00:04"), Neighbours.parseArpTable(arp, "ssnet-vc", IpAddr.parse("198.18.200.4")));
        assertEquals(Mac.parse("02:00:00:00:00:05"), Neighbours.parseArpTable(arp, "ssnet-va", IpAddr.parse("198.18.200.5")));
    }

    @Test
    void arpTableIgnoresIncompleteAndMissing() {
        assertEquals(Mac.NONE, Neighbours.parseArpTable(arp, "ssnet-va", IpAddr.parse("198.18.200.3")));
        assertEquals(Mac.NONE, Neighbours.parseArpTable(arp, "ssnet-va", IpAddr.parse("198.18.200.99")));
        assertEquals(Mac.NONE, Neighbours.parseArpTable(arp, "eth0", IpAddr.parse("198.18.200.2")));
        // "198.18.200.2" must not match 198.18.200.20 by prefix
        assertEquals(Mac.NONE, Neighbours.parseArpTable(arp, "ssnet-va", IpAddr.parse("198.18.200.20")));
    }

    @Test
    void ipNeighUsableStatesOnly() {
        assertEquals(Mac.parse("2a:4f:01:9c:7e:10"), Neighbours.parseIpNeigh(neigh, "ssnet-va", IpAddr.parse("fd00:5ca0:200::2")));
        assertEquals(Mac.parse("2a:4f:01:9c:7e:10"),
                Neighbours.parseIpNeigh(neigh, "ssnet-va", IpAddr.parse("fe80::284f:1ff:fe9c:7e10")));
        assertEquals(Mac.NONE, Neighbours.parseIpNeigh(neigh, "ssnet-va", IpAddr.parse("fd00:5ca0:200::3")));
        assertEquals(Mac.NONE, Neighbours.parseIpNeigh(neigh, "ssnet-va", IpAddr.parse("fd00:5ca0:200::4")));
        assertEquals(Mac.parse("02:00:00:00:00:55"), Neighbours.parseIpNeigh(neigh, "ssnet-va", IpAddr.parse("fd00:5ca0:200::5")));
        assertEquals(Mac.parse("02:00:00:00:00:05"), Neighbours.parseIpNeigh(neigh, "ssnet-vc", IpAddr.parse("fd00:5ca0:200::5")));
        // the same address written differently still matches
        assertEquals(Mac.parse("2a:4f:01:9c:7e:10"),
                Neighbours.parseIpNeigh(neigh, "ssnet-va", IpAddr.parse("fd00:5ca0:0200:0:0:0:0:2")));
    }

    @Test
    void kernelCachePicksTheFamilysSource() {
        Neighbours n = new Neighbours(Fixtures.path("arp.txt"), () -> neigh);
        assertEquals(Mac.parse("2a:4f:01:9c:7e:10"), n.kernelCache("ssnet-va", IpAddr.parse("198.18.200.2")));
        assertEquals(Mac.parse("02:00:00:00:00:55"), n.kernelCache("ssnet-va", IpAddr.parse("fd00:5ca0:200::5")));
        assertEquals(Mac.NONE, n.kernelCache("ssnet-va", IpAddr.parse("fd00:5ca0:200::9")));
    }
}
