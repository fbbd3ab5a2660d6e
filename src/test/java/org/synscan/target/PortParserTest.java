package org.synscan.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.synscan.UsageException;
import org.synscan.result.Protocol;

class PortParserTest {
    private final PortParser parser = new PortParser(Fixtures.services());

    private PortList ports(String spec) {
        return select(spec, 0, false, null, false, false);
    }

    private PortList select(String ports, int top, boolean fast, String exclude, boolean sS, boolean sU) {
        return parser.select(new PortRequest(ports, top, fast, exclude, sS, sU));
    }

    private static String error(Runnable r) {
        return assertThrows(UsageException.class, r::run).getMessage();
    }

    @Test
    void listsAndRanges() {
        assertEquals("T:22,80-90", ports("22,80-90").toString());
        assertEquals(12, ports("22,80-90").size());
        assertEquals("T:1-1024", ports("-1024").toString());
        assertEquals("T:60000-65535", ports("60000-").toString());
        assertEquals("T:1-65535", ports("-").toString());
        assertEquals("T:22", ports(" 22 , 22,22").toString());
    }

    @Test
    void portZeroOnlyWhenNamed() {
        assertFalse(ports("-").contains(Protocol.TCP, 0));
        assertFalse(ports("-10").contains(Protocol.TCP, 0));
        assertEquals("T:0", ports("0").toString());
        assertEquals("T:0-10", ports("0-10").toString());
    }

    @Test
    void prefixesHoldUntilTheNextOne() {
        PortList l = ports("T:22,80,U:53,161");
        assertEquals("T:22,80,U:53,161", l.toString());
        assertEquals("T:22,80,U:53", ports("T:22,U:53,T:80").toString());
        assertEquals("T:22,U:22", ports("22,U:22").toString());
        assertEquals("T:1-3,U:1-3", ports("t:1-3,u:1-3").toString());
    }

    @Test
    void scanTypesChooseTheProtocolsOfUnprefixedPorts() {
        assertEquals("T:22", select("22", 0, false, null, true, false).toString());
        assertEquals("U:22", select("22", 0, false, null, false, true).toString());
        assertEquals("T:22,U:22", select("22", 0, false, null, true, true).toString());
        // a U: prefix scans UDP even without -sU (masscan's way), and T: TCP even with -sU alone
        assertEquals("T:22,U:53", select("22,U:53", 0, false, null, false, false).toString());
        assertEquals("T:80,U:53", select("53,T:80", 0, false, null, false, true).toString());
    }

    @Test
    void serviceNamesFollowTheProtocolsInForce() {
        assertEquals("T:22,80", ports("ssh,http").toString());
        assertEquals("T:80", ports("www").toString());
        assertEquals("T:53,U:53", select("domain", 0, false, null, true, true).toString());
        assertEquals("U:123,161", select("ntp,snmp", 0, false, null, false, true).toString());
        // the name is found for UDP only, with both protocols in force: fine
        assertEquals("U:123", select("ntp", 0, false, null, true, true).toString());
        // names /etc/services lacks come from nmap-services
        assertEquals("T:3389", ports("ms-wbt-server").toString());
        assertEquals("T:22,U:123", ports("ssh,U:ntp").toString());
    }

    @Test
    void badPortsNameTheToken() {
        assertEquals("-p: port 70000 is out of range (0-65535)", error(() -> ports("22,70000")));
        assertEquals("-p: port 99999999 is out of range (0-65535)", error(() -> ports("99999999")));
        assertEquals("-p: port range 90-80 is backwards (did you mean 80-90?)", error(() -> ports("90-80")));
        assertEquals("-p: bad port '1-2-3'", error(() -> ports("1-2-3")));
        assertEquals("-p: bad port '8x'", error(() -> ports("8x")));
        assertEquals("-p 22,,80: empty entry in the port list", error(() -> ports("22,,80")));
        assertEquals("-p 22,: empty entry in the port list", error(() -> ports("22,")));
        assertEquals("-p: empty port list", error(() -> ports(" ")));
        assertEquals("-p 22,nosuch: unknown service name 'nosuch' for tcp", error(() -> ports("22,nosuch")));
        assertEquals("-p ntp: unknown service name 'ntp' for tcp", error(() -> ports("ntp")));
        assertEquals("-p T:: 'T:' has no ports after the prefix", error(() -> ports("T:")));
        assertEquals("-p: SCTP ports (S:) are not supported", error(() -> ports("S:22")));
        assertEquals("-p: IP protocol scans (P:) are not supported", error(() -> ports("P:6")));
        assertEquals("-p: unknown port prefix 'X:' (use T: for TCP, U: for UDP)", error(() -> ports("X:22")));
    }

    @Test
    void topPortsFollowTheRankingPerProtocol() {
        // nmap-services fixture: tcp 80 .5, 22 .4, 23 .3, 993/3389 .2 (ties by port), 9 .0
        assertEquals("T:22-23,80", select(null, 3, false, null, false, false).toString());
        PortList five = select(null, 5, false, null, false, false);
        assertEquals("T:22-23,80,993,3389", five.toString());
        // beyond the ranking: the remaining ports ascending (1, 2, ... skipping ranked ones), never 0
        PortList eight = select(null, 8, false, null, false, false);
        assertEquals("T:1-2,9,22-23,80,993,3389", eight.toString());
        assertEquals("U:53,123,161", select(null, 3, false, null, false, true).toString());
        assertEquals("T:22,80,U:53,123", select(null, 2, false, null, true, true).toString());
        assertEquals(65535, select(null, 65535, false, null, false, false).size());
    }

    @Test
    void topPortsWithinAPortList() {
        assertEquals("T:22-23", select("1-30", 2, false, null, false, false).toString());
        assertEquals("T:80,U:53", select("80-100,U:53-100", 1, false, null, false, false).toString());
    }

    @Test
    void defaultIsTheTop1000AndFastTheTop100() {
        PortList def = select(null, 0, false, null, false, false);
        assertEquals(1000, def.size());
        assertFalse(def.has(Protocol.UDP));
        assertEquals(100, select(null, 0, true, null, false, false).size());
        PortList both = select(null, 0, true, null, true, true);
        assertEquals(100, both.count(Protocol.TCP));
        assertEquals(100, both.count(Protocol.UDP));
    }

    @Test
    void builtInRankingWhenNmapServicesIsAbsent() {
        PortParser builtIn = new PortParser(Fixtures.servicesWithoutNmap());
        PortList top = builtIn.select(new PortRequest(null, 3, false, null, false, false));
        assertEquals("T:22,80,443", top.toString());
        PortList udp = builtIn.select(new PortRequest(null, 2, false, null, false, true));
        assertEquals("U:53,123", udp.toString());
    }

    @Test
    void fastAndTopPortsConflicts() {
        assertEquals("-F cannot be combined with -p (use --top-ports N with -p for the top ports of a range)",
                error(() -> select("22", 0, true, null, false, false)));
        assertEquals("-F cannot be combined with --top-ports (-F means --top-ports 100)",
                error(() -> select(null, 10, true, null, false, false)));
        assertEquals("--top-ports 70000: must be between 1 and 65535",
                error(() -> select(null, 70000, false, null, false, false)));
    }

    @Test
    void excludePortsApplyToBothProtocolsUnlessPrefixed() {
        assertEquals("T:21,23,U:21,23", select("21-23", 0, false, "22", true, true).toString());
        assertEquals("T:21-23,U:21,23", select("21-23", 0, false, "U:22", true, true).toString());
        assertEquals("T:21,23", select("21-23", 0, false, "ssh", false, false).toString());
        assertEquals("T:65535", select("-", 0, false, "-65534", false, false).toString());
        assertEquals("--exclude-ports 1-100 leaves no ports to scan", error(() -> select("22", 0, false, "1-100", false, false)));
        assertEquals("--exclude-ports: port 65536 is out of range (0-65535)",
                error(() -> select("22", 0, false, "65536", false, false)));
    }

    @Test
    void portListApi() {
        PortList l = ports("T:443,22,U:161,53");
        assertEquals(4, l.size());
        assertArrayEquals(new int[] {22, 443, 53, 161}, new int[] {l.portAt(0), l.portAt(1), l.portAt(2), l.portAt(3)});
        assertEquals(Protocol.TCP, l.protocolAt(1));
        assertEquals(Protocol.UDP, l.protocolAt(2));
        assertTrue(l.has(Protocol.TCP) && l.has(Protocol.UDP));
        assertEquals("22,443", l.spec(Protocol.TCP));
        assertEquals("53,161", l.spec(Protocol.UDP));
        assertEquals(PortList.of(Protocol.TCP, 443, 22), l.minus(PortList.of(Protocol.UDP, 53, 161)));
        assertEquals(l, PortList.of(Protocol.UDP, 161, 53).union(PortList.of(Protocol.TCP, 22, 443)));
        assertFalse(PortList.of(Protocol.UDP, 1).has(Protocol.TCP));
        assertThrows(IllegalArgumentException.class, () -> PortList.of(Protocol.TCP, 65536));
    }
}
