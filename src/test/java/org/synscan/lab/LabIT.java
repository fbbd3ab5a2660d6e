package org.synscan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.synscan.result.Protocol;

/**
 * Proves the lab itself: nmap, run from the scanner namespace, sees exactly what the truth file says,
 * port for port, over IPv4 and IPv6, TCP and UDP, at the target and in the AnyIP ranges behind it;
 * the lab refuses a default route; `down` leaves nothing behind.
 */
@ExtendWith(LabExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabIT {
    private static final Duration NMAP_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    private static final Path PID_FILE = Path.of(Lab.RUN_DIR, "services." + Lab.TARGET_NS + ".pid");
    private final Truth truth = Truth.load();

    @BeforeAll
    static void needsNmap() {
        Lab.requireTool("nmap");
    }

    @Test
    @Order(1)
    void upTwiceKeepsTheSameLab() throws Exception {
        String pid = Files.readString(PID_FILE).strip();
        ProcessResult again = Lab.run(SCRIPT_TIMEOUT, List.of(Lab.script().toString(), "up"));
        assertTrue(again.ok(), again.describe());
        assertTrue(again.stdout().startsWith("lab up: "), again.stdout());
        assertEquals(pid, Files.readString(PID_FILE).strip(), "a second up keeps the running services");
        ProcessResult status = Lab.run(SCRIPT_TIMEOUT, List.of(Lab.script().toString(), "status"));
        assertTrue(status.ok(), status.describe());
        Lab.assertNoDefaultRoute();
    }

    @Test
    @Order(2)
    void nothingOutsideTheLabIsRoutable() {
        // route lookups only: nothing is sent
        for (String dst : List.of("8.8.8.8", "10.0.0.1", "2001:db8::1", "::ffff:1.1.1.1")) {
            ProcessResult r = Lab.run(SCRIPT_TIMEOUT, List.of("ip", "-n", Lab.SCANNER_NS, "route", "get", dst));
            assertFalse(r.ok(), "the scanner namespace has a route to " + dst + ": " + r.stdout());
        }
        ProcessResult wide = Lab.run(SCRIPT_TIMEOUT, List.of("ip", "-n", Lab.SCANNER_NS, "route", "get", "198.18.200.1"));
        assertTrue(wide.stdout().contains("via 198.18.0.2 dev " + Lab.SCANNER_IF), wide.describe());
    }

    @Test
    @Order(3)
    void tcpAllPortsIpv4() {
        assertScanEqualsTruth(Protocol.TCP, scan("-sS", "-p-", "198.18.0.2"), List.of(Lab.TARGET_V4));
    }

    @Test
    @Order(3)
    void tcpAllPortsIpv6() {
        assertScanEqualsTruth(Protocol.TCP, scan("-6", "-sS", "-p-", "fd00:5ca0::2"), List.of(Lab.TARGET_V6));
    }

    @Test
    @Order(3)
    void udpListIpv4() {
        NmapResults r = scan("-sU", "-p", truth.portList(Family.IPV4, Protocol.UDP), "198.18.0.2");
        assertScanEqualsTruth(Protocol.UDP, r, List.of(Lab.TARGET_V4));
    }

    @Test
    @Order(3)
    void udpListIpv6() {
        NmapResults r = scan("-6", "-sU", "-p", truth.portList(Family.IPV6, Protocol.UDP), "fd00:5ca0::2");
        assertScanEqualsTruth(Protocol.UDP, r, List.of(Lab.TARGET_V6));
    }

    @Test
    @Order(3)
    void anyIpRangesBehindTheGateway() throws Exception {
        List<InetAddress> v4 = List.of(InetAddress.getByName("198.18.128.1"), InetAddress.getByName("198.18.255.254"));
        List<InetAddress> v6 = List.of(InetAddress.getByName("fd00:5ca0:1::1"), InetAddress.getByName("fd00:5ca0:1::ffff"));
        assertScanEqualsTruth(Protocol.TCP,
                scan("-sS", "-p", truth.portList(Family.IPV4, Protocol.TCP), "198.18.128.1", "198.18.255.254"), v4);
        assertScanEqualsTruth(Protocol.UDP,
                scan("-sU", "-p", truth.portList(Family.IPV4, Protocol.UDP), "198.18.128.1", "198.18.255.254"), v4);
        assertScanEqualsTruth(Protocol.TCP,
                scan("-6", "-sS", "-p", truth.portList(Family.IPV6, Protocol.TCP), "fd00:5ca0:1::1", "fd00:5ca0:1::ffff"),
                v6);
        assertScanEqualsTruth(Protocol.UDP,
                scan("-6", "-sU", "-p", truth.portList(Family.IPV6, Protocol.UDP), "fd00:5ca0:1::1", "fd00:5ca0:1::ffff"),
                v6);
    }

    @Test
    @Order(4)
    void aDefaultRouteMakesUpRefuseAndTearDown() {
        try {
            ProcessResult add = Lab.run(SCRIPT_TIMEOUT,
                    List.of("ip", "-n", Lab.SCANNER_NS, "route", "add", "default", "via", "198.18.0.2"));
            assertTrue(add.ok(), add.describe());
            assertThrows(AssertionError.class, Lab::assertNoDefaultRoute);
            ProcessResult up = Lab.run(SCRIPT_TIMEOUT, List.of(Lab.script().toString(), "up"));
            assertFalse(up.ok(), "up must refuse a default route: " + up.describe());
            assertTrue(up.stderr().contains("default route in namespace " + Lab.SCANNER_NS), up.describe());
            assertFalse(namespaces().contains(Lab.SCANNER_NS), "up tears the lab down when it refuses");
        } finally {
            Lab.down();
        }
    }

    @Test
    @Order(5)
    void downRemovesEverythingItMade() throws Exception {
        Lab.up();
        long pid = Long.parseLong(Files.readString(PID_FILE).strip());
        assertTrue(running(pid), "services process " + pid);
        Lab.down();
        List<String> ns = namespaces();
        assertFalse(ns.contains(Lab.SCANNER_NS) || ns.contains(Lab.TARGET_NS), ns.toString());
        assertFalse(running(pid), "services process " + pid + " still runs");
        assertFalse(Files.exists(PID_FILE));
        for (String dev : List.of(Lab.SCANNER_IF, Lab.TARGET_IF)) {
            assertFalse(Lab.run(SCRIPT_TIMEOUT, List.of("ip", "link", "show", dev)).ok(), dev + " left behind");
        }
        ProcessResult status = Lab.run(SCRIPT_TIMEOUT, List.of(Lab.script().toString(), "status", "--quiet"));
        assertEquals(3, status.exitCode(), status.describe());
        ProcessResult downAgain = Lab.run(SCRIPT_TIMEOUT, List.of(Lab.script().toString(), "down", "--quiet"));
        assertTrue(downAgain.ok(), "down is idempotent: " + downAgain.describe());
    }

    /** Alive and not a zombie: an exited daemon may wait a while for PID 1 to reap it. */
    private static boolean running(long pid) throws java.io.IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        char state = s.charAt(s.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }

    private static List<String> namespaces() {
        List<String> names = new ArrayList<>();
        for (String line : Lab.run(SCRIPT_TIMEOUT, List.of("ip", "netns", "list")).stdout().lines().toList()) {
            names.add(line.split("\\s+")[0]);
        }
        return names;
    }

    private static NmapResults scan(String... args) {
        List<String> all = new ArrayList<>(List.of("-Pn", "-n", "--reason", "-T4", "--max-retries", "2"));
        all.addAll(List.of(args));
        NmapResults r = NmapResults.scan(NMAP_TIMEOUT, all.toArray(String[]::new));
        System.out.printf("LabIT: nmap %s: %.2f s%n", String.join(" ", args), r.elapsedSeconds());
        return r;
    }

    private void assertScanEqualsTruth(Protocol protocol, NmapResults r, List<InetAddress> hosts) {
        assertEquals(hosts.size(), r.hosts().size(), "hosts in the scan: " + r.hosts());
        for (InetAddress host : hosts) {
            Truth.Diff diff = truth.compare(host, protocol, r.scannedPorts(protocol), r.ports(host, protocol));
            assertTrue(diff.agrees(), diff.report());
            System.out.println("LabIT: " + diff.report());
        }
    }
}
