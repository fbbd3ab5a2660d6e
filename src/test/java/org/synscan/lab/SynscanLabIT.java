package org.synscan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.synscan.result.Protocol;

/**
 * synscan against the namespace lab, run through the launcher as a user would: whole scans compared
 * with the truth file port for port, and with nmap's scan of the same target.
 */
@ExtendWith(LabExtension.class)
class SynscanLabIT {
    private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(120);
    private final Truth truth = Truth.load();

    @BeforeAll
    static void needsNmap() {
        Lab.requireTool("nmap");
    }

    /** Runs synscan in the scanner namespace with XML on stdout and returns the parsed result. */
    static NmapResults synscan(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Lab.home().resolve("synscan").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-oX", "-"));
        ProcessResult r = Lab.inScanner(SCAN_TIMEOUT, cmd.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.describe());
        return NmapResults.parse(r.stdout());
    }

    void assertEqualsTruth(NmapResults scan, Protocol protocol, InetAddress host, SortedSet<Integer> ports) {
        Truth.Diff diff = truth.compare(host, protocol, ports, scan.ports(host, protocol));
        assertTrue(diff.agrees(), diff.report());
    }

    @Test
    void tcpAllPortsIpv4EqualsTheTruth() {
        NmapResults scan = synscan("198.18.0.2", "-p-", "--rate", "100000");
        assertEqualsTruth(scan, Protocol.TCP, Lab.TARGET_V4, Truth.allPorts());
    }

    @Test
    void tcpAllPortsIpv4AtTheDefaultRateAgreesWithNmap() {
        NmapResults ours = synscan("198.18.0.2", "-p-");
        NmapResults nmap = NmapResults.scan(SCAN_TIMEOUT, "-sS", "-Pn", "-n", "-p-", "198.18.0.2");
        assertEquals(new TreeMap<>(nmap.ports(Lab.TARGET_V4, Protocol.TCP)),
                new TreeMap<>(ours.ports(Lab.TARGET_V4, Protocol.TCP)));
        assertEqualsTruth(ours, Protocol.TCP, Lab.TARGET_V4, Truth.allPorts());
    }

    @Test
    void tcpAllPortsIpv6EqualsTheTruthAndNmap() {
        NmapResults ours = synscan("-6", "fd00:5ca0::2", "-p-", "--rate", "100000");
        assertEqualsTruth(ours, Protocol.TCP, Lab.TARGET_V6, Truth.allPorts());
        NmapResults nmap = NmapResults.scan(SCAN_TIMEOUT, "-6", "-sS", "-Pn", "-n", "-p-", "fd00:5ca0::2");
        assertEquals(new TreeMap<>(nmap.ports(Lab.TARGET_V6, Protocol.TCP)),
                new TreeMap<>(ours.ports(Lab.TARGET_V6, Protocol.TCP)));
    }

    @Test
    void udpListEqualsTheTruthOnBothFamilies() {
        SortedSet<Integer> v4 = truth.listedPorts(Family.IPV4, Protocol.UDP);
        assertEqualsTruth(synscan("-sU", "198.18.0.2", "-p", truth.portList(Family.IPV4, Protocol.UDP)),
                Protocol.UDP, Lab.TARGET_V4, v4);
        SortedSet<Integer> v6 = truth.listedPorts(Family.IPV6, Protocol.UDP);
        assertEqualsTruth(synscan("-6", "-sU", "fd00:5ca0::2", "-p", truth.portList(Family.IPV6, Protocol.UDP)),
                Protocol.UDP, Lab.TARGET_V6, v6);
    }

    @Test
    void mixedTcpAndUdpInOneScan() {
        NmapResults scan = synscan("198.18.0.2", "-p", "T:1-1000,U:" + truth.portList(Family.IPV4, Protocol.UDP));
        SortedSet<Integer> tcp = new TreeSet<>();
        for (int p = 1; p <= 1000; p++) {
            tcp.add(p);
        }
        assertEqualsTruth(scan, Protocol.TCP, Lab.TARGET_V4, tcp);
        assertEqualsTruth(scan, Protocol.UDP, Lab.TARGET_V4, truth.listedPorts(Family.IPV4, Protocol.UDP));
    }

    @Test
    void anyIpRangeBehindTheGateway() throws Exception {
        NmapResults scan = synscan("198.18.128.0/28", "-p", truth.portList(Family.IPV4, Protocol.TCP));
        for (int i = 0; i < 16; i++) {
            InetAddress host = InetAddress.getByName("198.18.128." + i);
            assertEqualsTruth(scan, Protocol.TCP, host, truth.listedPorts(Family.IPV4, Protocol.TCP));
        }
    }

    @Test
    void severalOnLinkHostsEachGetTheirOwnMacAndOnlyLiveOnesAreReported() throws Exception {
        // 198.18.0.0/29 holds the target (.2), the scanner itself (.1) and six unused addresses
        SortedSet<Integer> ports = truth.listedPorts(Family.IPV4, Protocol.TCP);
        NmapResults scan = synscan("198.18.0.0/29", "-p", truth.portList(Family.IPV4, Protocol.TCP));
        assertEquals(List.of(Lab.TARGET_V4), scan.hosts(), "only the target answers ARP; never our own address");
        assertEqualsTruth(scan, Protocol.TCP, Lab.TARGET_V4, ports);
        NmapResults v6 = synscan("-6", "fd00:5ca0::/125", "-p", truth.portList(Family.IPV6, Protocol.TCP));
        assertEquals(List.of(Lab.TARGET_V6), v6.hosts());
        assertEqualsTruth(v6, Protocol.TCP, Lab.TARGET_V6, truth.listedPorts(Family.IPV6, Protocol.TCP));
    }

    @Test
    void loopbackFindsExactlyWhatSsLists() throws Exception {
        // listeners of our own inside the scanner namespace, so the answer is known and stable:
        // IPv4-only ones, a v6-only one on ::1, and a dual-stack one on :: (answers on both)
        String listeners = "import socket,time\n"
                + "ss=[]\n"
                + "def listen(fam,a,p,v6only=None):\n"
                + "  s=socket.socket(fam); s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n"
                + "  if v6only is not None: s.setsockopt(socket.IPPROTO_IPV6,socket.IPV6_V6ONLY,v6only)\n"
                + "  s.bind((a,p)); s.listen(64); ss.append(s)\n"
                + "for a,p in (('127.0.0.1',4711),('0.0.0.0',4712),('127.0.0.1',50123)): listen(socket.AF_INET,a,p)\n"
                + "listen(socket.AF_INET6,'::1',4713,1)\n"
                + "listen(socket.AF_INET6,'::',4714,0)\n"
                + "print('ready',flush=True)\n"
                + "time.sleep(60)\n";
        Process server = Lab.startInScanner("python3", "-c", listeners);
        try {
            ProcessResult ss = Lab.inScanner(Duration.ofSeconds(10), "ss", "-ltnH");
            SortedSet<Integer> v4 = new TreeSet<>();
            SortedSet<Integer> v6 = new TreeSet<>();
            for (String line : ss.stdout().lines().toList()) {
                String local = line.trim().split("\\s+")[3];
                int colon = local.lastIndexOf(':');
                String addr = local.substring(0, colon);
                int port = Integer.parseInt(local.substring(colon + 1));
                // what ss says answers on 127.0.0.1 and on ::1 ("*" is dual-stack, "[::]" v6-only)
                if (addr.equals("127.0.0.1") || addr.equals("0.0.0.0") || addr.equals("*")) {
                    v4.add(port);
                }
                if (addr.equals("[::1]") || addr.equals("[::]") || addr.equals("*")) {
                    v6.add(port);
                }
            }
            assertEquals(new TreeSet<>(List.of(4711, 4712, 4714, 50123)), v4, ss.stdout());
            assertEquals(new TreeSet<>(List.of(4713, 4714)), v6, ss.stdout());
            assertEquals(v4, openPorts(synscan("127.0.0.1", "-p-", "--rate", "50000"), InetAddress.getLoopbackAddress()));
            assertEquals(v6, openPorts(synscan("-6", "::1", "-p-", "--rate", "50000"), InetAddress.getByName("::1")));
        } finally {
            server.destroyForcibly();
        }
    }

    private static SortedSet<Integer> openPorts(NmapResults scan, InetAddress host) {
        Map<Integer, Verdict> ports = scan.ports(host, Protocol.TCP);
        assertEquals(65535, ports.size());
        SortedSet<Integer> open = new TreeSet<>();
        ports.forEach((port, v) -> {
            if (v.state() == org.synscan.result.PortState.OPEN) {
                open.add(port);
            }
        });
        return open;
    }

    /**
     * The target with Linux's default ICMP rate limit (about one error a second per peer after a burst
     * of 6): closed UDP ports still come out closed, because synscan re-probes silent ports at the
     * host's pace before it calls them open|filtered. The lab's own settings are restored afterwards.
     */
    @Test
    void udpListIsExactAgainstAHostThatRateLimitsIcmp() {
        List<String[]> defaults = List.of(new String[] {"net.ipv4.icmp_ratelimit", "1000"},
                new String[] {"net.ipv4.icmp_ratemask", "6168"}, new String[] {"net.ipv4.icmp_msgs_per_sec", "1000"},
                new String[] {"net.ipv4.icmp_msgs_burst", "50"});
        Map<String, String> saved = new java.util.LinkedHashMap<>();
        for (String[] d : defaults) {
            ProcessResult r = Lab.run(Duration.ofSeconds(10),
                    List.of("ip", "netns", "exec", Lab.TARGET_NS, "sysctl", "-n", d[0]));
            saved.put(d[0], r.stdout().strip());
        }
        try {
            for (String[] d : defaults) {
                sysctl(d[0], d[1]);
            }
            SortedSet<Integer> ports = truth.listedPorts(Family.IPV4, Protocol.UDP);
            long start = System.nanoTime();
            NmapResults scan = synscan("-sU", "198.18.0.2", "-p", truth.portList(Family.IPV4, Protocol.UDP));
            System.out.printf("[issue 4] UDP list (%d ports) against Linux's default ICMP rate limit: %.1f s%n",
                    ports.size(), (System.nanoTime() - start) / 1e9);
            assertEqualsTruth(scan, Protocol.UDP, Lab.TARGET_V4, ports);
        } finally {
            saved.forEach(SynscanLabIT::sysctl);
        }
    }

    private static void sysctl(String key, String value) {
        ProcessResult r = Lab.run(Duration.ofSeconds(10),
                List.of("ip", "netns", "exec", Lab.TARGET_NS, "sysctl", "-qw", key + "=" + value));
        assertEquals(0, r.exitCode(), r.describe());
    }
}
