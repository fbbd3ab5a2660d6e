package org.synscan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.synscan.result.Protocol;

/** Parses real nmap 7.93 output captured from the lab (src/test/resources/org/synscan/lab). */
class NmapResultsTest {

    private static NmapResults fixture(String name) throws IOException {
        try (InputStream in = NmapResultsTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return NmapResults.parse(in);
        }
    }

    @Test
    void fullTcpScanIncludesExtraportsDefaults() throws Exception {
        NmapResults r = fixture("nmap-tcp4-all-ports.xml");
        assertEquals(List.of(Lab.TARGET_V4), r.hosts());
        assertEquals(65535, r.scannedPorts(Protocol.TCP).size());
        Map<Integer, Verdict> ports = r.ports(Lab.TARGET_V4, Protocol.TCP);
        assertEquals(65535, ports.size());
        assertEquals(Verdict.of("open", "syn-ack"), ports.get(22));
        assertEquals(Verdict.of("open", "syn-ack"), ports.get(65535));
        assertEquals(Verdict.of("filtered", "no-response"), ports.get(81));
        assertEquals(Verdict.of("filtered", "proto-unreach"), ports.get(114));
        assertEquals(Verdict.of("filtered", "admin-prohibited"), ports.get(3389));
        assertEquals(Verdict.of("closed", "reset"), ports.get(1)); // from <extraports>
        assertEquals(Verdict.of("closed", "reset"), ports.get(23));
        assertEquals(2.14, r.elapsedSeconds(), 1e-9);
        assertTrue(r.args().contains("-p-"), r.args());
    }

    @Test
    void fixtureAgreesWithTheRepositoryTruth() throws Exception {
        NmapResults r = fixture("nmap-tcp4-all-ports.xml");
        Truth.Diff diff = Truth.load().compare(Lab.TARGET_V4, Protocol.TCP, r.scannedPorts(Protocol.TCP),
                r.ports(Lab.TARGET_V4, Protocol.TCP));
        assertTrue(diff.agrees(), diff.report());
    }

    @Test
    void pre780ExtraportsWithoutPortListsCoverTheUnlistedPorts() throws Exception {
        NmapResults old = fixture("nmap-tcp4-pre780.xml");
        NmapResults now = fixture("nmap-tcp4-all-ports.xml");
        assertEquals(now.ports(Lab.TARGET_V4, Protocol.TCP), old.ports(Lab.TARGET_V4, Protocol.TCP));
    }

    @Test
    void mixedTcpAndUdpScanKeepsProtocolsApart() throws Exception {
        NmapResults r = fixture("nmap-mixed-tcp-udp.xml");
        assertEquals(120, r.ports(Lab.TARGET_V4, Protocol.TCP).size());
        assertEquals(120, r.ports(Lab.TARGET_V4, Protocol.UDP).size());
        assertEquals(Verdict.of("open", "syn-ack"), r.verdict(Lab.TARGET_V4, Protocol.TCP, 22));
        assertEquals(Verdict.of("closed", "reset"), r.verdict(Lab.TARGET_V4, Protocol.TCP, 53));
        assertEquals(Verdict.of("open", "udp-response"), r.verdict(Lab.TARGET_V4, Protocol.UDP, 53));
        assertEquals(Verdict.of("closed", "port-unreach"), r.verdict(Lab.TARGET_V4, Protocol.UDP, 22));
        assertEquals(Verdict.of("open|filtered", "no-response"), r.verdict(Lab.TARGET_V4, Protocol.UDP, 9));
        assertNull(r.verdict(Lab.TARGET_V4, Protocol.UDP, 121), "not scanned");
    }

    @Test
    void udpOverIpv6AndSeveralHosts() throws Exception {
        NmapResults r = fixture("nmap-udp6-anyip.xml");
        InetAddress wide = InetAddress.getByName("fd00:5ca0:1::1");
        assertEquals(2, r.hosts().size());
        assertTrue(r.hosts().contains(wide) && r.hosts().contains(Lab.TARGET_V6), r.hosts().toString());
        assertEquals(Verdict.of("closed", "port-unreach"), r.verdict(Lab.TARGET_V6, Protocol.UDP, 69));
        // the AnyIP address's ICMPv6 error comes from fd00:5ca0::2: nmap says filtered
        assertEquals(Verdict.of("filtered", "port-unreach"), r.verdict(wide, Protocol.UDP, 69));
        Truth truth = Truth.load();
        for (InetAddress host : r.hosts()) {
            Truth.Diff diff = truth.compare(host, Protocol.UDP, r.scannedPorts(Protocol.UDP), r.ports(host, Protocol.UDP));
            assertTrue(diff.agrees(), diff.report());
        }
    }

    @Test
    void aDifferingScanIsReported() throws Exception {
        NmapResults r = fixture("nmap-udp6-list.xml");
        Truth wrong = Truth.parse(List.of("both udp 7777 open udp-response echo"), "wrong");
        Truth.Diff diff = wrong.compare(Lab.TARGET_V6, Protocol.UDP, r.scannedPorts(Protocol.UDP),
                r.ports(Lab.TARGET_V6, Protocol.UDP));
        assertTrue(diff.differences().contains("port 7777/udp: expected open/udp-response, got open|filtered/no-response"),
                diff.report());
    }

    @Test
    void portListsParse() {
        assertEquals(List.of(1, 2, 3, 7, 10, 11), NmapResults.ports("1-3,7,10-11"));
        assertEquals(List.of(), NmapResults.ports(""));
    }

    @Test
    void rejectsWhatIsNotNmapXml() {
        assertThrows(IllegalArgumentException.class, () -> NmapResults.parse("<html></html>"));
        assertThrows(IllegalArgumentException.class, () -> NmapResults.parse("<nmaprun><host>"));
        String unknownReason = "<nmaprun><scaninfo protocol=\"tcp\" services=\"1\"/><host>"
                + "<address addr=\"198.18.0.2\" addrtype=\"ipv4\"/><ports><port protocol=\"tcp\" portid=\"1\">"
                + "<state state=\"open\" reason=\"conn-refused-ish\"/></port></ports></host></nmaprun>";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NmapResults.parse(unknownReason));
        assertTrue(e.getMessage().contains("conn-refused-ish"), e.getMessage());
    }
}
