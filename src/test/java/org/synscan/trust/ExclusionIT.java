package org.synscan.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.lab.Lab;
import org.synscan.lab.LabExtension;
import org.synscan.lab.NmapResults;
import org.synscan.lab.ProcessResult;
import org.synscan.lab.Truth;
import org.synscan.result.Protocol;

/**
 * Issue 7, exclusions: a capture on the target's side of the link (tcpdump in the target namespace,
 * which answers for the whole AnyIP range) proves that a scan of a range with --exclude,
 * --excludefile and --exclude-ports sent not one packet to an excluded address or port, while every
 * other (address, port) got its probe and its true result.
 */
@ExtendWith(LabExtension.class)
class ExclusionIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String PORTS = "1-100";
    private static final List<Integer> EXCLUDED_PORTS = List.of(22, 80);

    @TempDir
    Path dir;

    @Test
    void excludedAddressesAndPortsGetNoPacketIpv4() throws Exception {
        // 198.18.128.0/24 minus .17, .64/28 (--exclude) and .200-210, .255 (--excludefile)
        List<String> excluded = new ArrayList<>(List.of("198.18.128.17"));
        for (int i = 64; i < 80; i++) {
            excluded.add("198.18.128." + i);
        }
        for (int i = 200; i <= 210; i++) {
            excluded.add("198.18.128." + i);
        }
        excluded.add("198.18.128.255");
        Path file = Files.writeString(dir.resolve("exclude-v4.txt"),
                "# shared exclusions\n198.18.128.200-210\n198.18.128.255  # last one\nfd00:5ca0:1::99\n",
                StandardCharsets.UTF_8);
        check(false, "198.18.128.0/24", excluded, "198.18.128.17,198.18.128.64/28", file);
    }

    @Test
    void excludedAddressesAndPortsGetNoPacketIpv6() throws Exception {
        List<String> excluded = new ArrayList<>(List.of("fd00:5ca0:1::11"));
        for (int i = 0x40; i < 0x50; i++) {
            excluded.add("fd00:5ca0:1::" + Integer.toHexString(i));
        }
        for (int i = 0xc8; i <= 0xd2; i++) {
            excluded.add("fd00:5ca0:1::" + Integer.toHexString(i));
        }
        Path file = Files.writeString(dir.resolve("exclude-v6.txt"), "fd00:5ca0:1::c8-fd00:5ca0:1::d2\n198.18.128.1\n",
                StandardCharsets.UTF_8);
        check(true, "fd00:5ca0:1::/120", excluded, "fd00:5ca0:1::11,fd00:5ca0:1::40/124", file);
    }

    private void check(boolean v6, String range, List<String> excludedText, String exclude, Path file)
            throws Exception {
        Set<InetAddress> excluded = new HashSet<>();
        for (String a : excludedText) {
            excluded.add(InetAddress.getByName(a));
        }
        Path pcap = dir.resolve("target-side.pcap");
        // every TCP/UDP packet from the scanner's address, as the target's end of the link sees it
        String from = v6 ? "ip6 src " + Lab.SCANNER_V6.getHostAddress() : "ip src " + Lab.SCANNER_V4.getHostAddress();
        ScanRun run;
        String tcpdumpSays;
        try (Tcpdump capture = Tcpdump.start(Lab.TARGET_NS, Lab.TARGET_IF, from + " and (tcp or udp)", pcap,
                dir.resolve("tcpdump.log"))) {
            List<String> args = new ArrayList<>();
            if (v6) {
                args.add("-6");
            }
            args.addAll(List.of(range, "-p", PORTS, "--exclude-ports", "22,80", "--exclude", exclude, "--excludefile",
                    file.toString()));
            run = ScanRun.lab(dir, TIMEOUT, args.toArray(String[]::new));
            tcpdumpSays = capture.stop();
        }
        run.assertCompleted();
        SortedSet<Integer> ports = new TreeSet<>();
        for (int p = 1; p <= 100; p++) {
            if (!EXCLUDED_PORTS.contains(p)) {
                ports.add(p);
            }
        }
        // what reached the target: every packet from the scanner, by destination address and port
        ProcessResult read = Lab.run(Duration.ofSeconds(60), List.of("tcpdump", "-nn", "-q", "-r", pcap.toString()));
        List<String> offending = new ArrayList<>();
        Pattern dst = Pattern.compile(" > ([0-9a-f:.]+)\\.(\\d+): ");
        long packets = 0;
        for (String line : read.stdout().lines().toList()) {
            Matcher m = dst.matcher(line);
            if (!m.find()) {
                continue;
            }
            packets++;
            if (excluded.contains(InetAddress.getByName(m.group(1))) || EXCLUDED_PORTS.contains(Integer.parseInt(m.group(2)))) {
                offending.add(line);
            }
        }
        int hosts = 256 - excluded.size();
        System.out.printf("[issue 7] exclusions: %s minus %d addresses (--exclude %s, --excludefile) and ports 22,80:"
                + " %d packets reached the target side, %d of them to an excluded address or port; capture: %s;"
                + " scan %s%n", range, excluded.size(), exclude, packets, offending.size(), tcpdumpSays, run.summary());
        assertEquals(List.of(), offending, "packets to excluded addresses or ports");
        assertTrue(tcpdumpSays.contains(" 0 packets dropped by kernel"), "the capture dropped packets: " + tcpdumpSays);
        assertTrue(packets >= (long) hosts * ports.size(), "the capture saw too few probes to prove anything: " + packets);
        // and the scan itself: exactly the other addresses of the range, each equal to the truth
        NmapResults r = run.results();
        Truth truth = Truth.load();
        assertEquals(hosts, r.hosts().size(), "hosts in the report");
        byte[] base = InetAddress.getByName(range.substring(0, range.indexOf('/'))).getAddress();
        for (InetAddress host : r.hosts()) {
            byte[] a = host.getAddress();
            assertTrue(Arrays.equals(a, 0, a.length - 1, base, 0, base.length - 1) && !excluded.contains(host),
                    "reported an excluded or foreign host " + host.getHostAddress());
            Truth.Diff diff = truth.compare(host, Protocol.TCP, ports, r.ports(host, Protocol.TCP));
            assertTrue(diff.agrees(), diff.report());
        }
        assertEquals((long) hosts * ports.size(), run.resultEntries(), "port results");
    }
}
