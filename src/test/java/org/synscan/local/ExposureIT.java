package org.synscan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.synscan.lab.Lab;
import org.synscan.lab.ProcessResult;
import org.synscan.text.JsonReader;

/**
 * {@code synscan local --exposure} in a namespace of its own (sslocal-exp, no default route) with
 * iptables rules on some of its listeners: a DROP makes a socket filtered, a tcp-reset REJECT closed,
 * an ICMP REJECT closed or filtered by its type; the others are open (TCP) or open|filtered (UDP);
 * a socket bound to an address that is not ours is not probed. A peer namespace on the other end of
 * a veth watches that no probe ever leaves on that real link, even for the veth's own addresses.
 */
class ExposureIT {
    private static final String NS = "sslocal-exp";
    private static final String PEER = "sslocal-peer";
    private static final String DEV = "sslocal-e0";
    private static final String PEER_DEV = "sslocal-p0";

    @BeforeAll
    static void namespaces() {
        LocalNs.requireLab("ip", "iptables", "ip6tables", "tcpdump", "sysctl");
        LocalNs.add(NS);
        LocalNs.add(PEER);
        LocalNs.sh("ip", "link", "add", DEV, "netns", NS, "type", "veth", "peer", "name", PEER_DEV, "netns", PEER);
        LocalNs.sh("ip", "-n", NS, "addr", "add", "198.18.90.1/24", "dev", DEV);
        LocalNs.sh("ip", "-n", NS, "addr", "add", "fd00:5ca0:90::1/64", "dev", DEV, "nodad");
        LocalNs.sh("ip", "-n", PEER, "addr", "add", "198.18.90.2/24", "dev", PEER_DEV);
        LocalNs.sh("ip", "-n", PEER, "addr", "add", "fd00:5ca0:90::2/64", "dev", PEER_DEV, "nodad");
        LocalNs.sh("ip", "-n", NS, "link", "set", DEV, "up");
        LocalNs.sh("ip", "-n", PEER, "link", "set", PEER_DEV, "up");
        // lets a listener bind 198.18.90.77, on the veth's subnet but not ours: it must not be probed
        LocalNs.sh(LocalNs.in(NS, "sysctl", "-qw", "net.ipv4.ip_nonlocal_bind=1").toArray(String[]::new));
        rule("iptables", "-p", "tcp", "--dport", "41005", "-j", "DROP");
        rule("iptables", "-p", "tcp", "--dport", "41006", "-j", "REJECT", "--reject-with", "tcp-reset");
        rule("iptables", "-p", "udp", "--dport", "41010", "-j", "REJECT", "--reject-with", "icmp-admin-prohibited");
        rule("iptables", "-p", "udp", "--dport", "41012", "-j", "REJECT", "--reject-with", "icmp-port-unreachable");
        rule("ip6tables", "-p", "tcp", "--dport", "41004", "-j", "DROP");
        LocalNs.assertNoDefaultRoute(NS);
        LocalNs.assertNoDefaultRoute(PEER);
    }

    private static void rule(String tool, String... match) {
        List<String> cmd = new ArrayList<>(LocalNs.in(NS, tool, "-A", "INPUT"));
        cmd.addAll(List.of(match));
        LocalNs.sh(cmd.toArray(String[]::new));
    }

    @AfterAll
    static void removeNamespaces() {
        LocalNs.delete(NS, PEER);
    }

    @Test
    void dropIsFilteredRejectIsRefusedTheRestIsOpenAndNothingLeavesOnTheLink() throws Exception {
        try (Listeners child = Listeners.start(LocalNs.in(NS), "sslocal-srv",
                "tcp4/0.0.0.0/41001", "tcp4/198.18.90.1/41002", "tcp6/::/41003", "tcp6/fd00:5ca0:90::1/41004",
                "tcp4/127.0.0.1/41005", "tcp4/127.0.0.1/41006", "udp4/0.0.0.0/41007", "udp6/::1/41008",
                "tcp4/198.18.90.77/41009", "udp4/127.0.0.1/41010", "tcp6/::ffff:127.0.0.1/41011",
                "udp4/127.0.0.1/41012", "tcp6/fd00:5ca0:90::1/41013");
                Capture capture = Capture.start(PEER, PEER_DEV)) {
            ProcessResult r = LocalNs.synscan(NS, "local", "--exposure", "-oJ", "-");
            assertEquals(0, r.exitCode(), r.describe());
            Map<String, String> seen = new TreeMap<>();
            for (String line : r.stdout().lines().toList()) {
                Map<String, Object> o = JsonReader.object(line);
                List<?> owners = (List<?>) o.get("processes");
                assertEquals(1, owners.size(), line);
                assertEquals(child.pid, ((Map<?, ?>) owners.get(0)).get("pid"), line);
                seen.put(o.get("proto") + "/" + o.get("port"), o.get("address") + " -> " + o.get("probed") + " "
                        + o.get("exposure") + " " + o.get("reason"));
            }
            Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                    Map.entry("tcp/41001", "0.0.0.0 -> 127.0.0.1 open syn-ack"),
                    Map.entry("tcp/41002", "198.18.90.1 -> 198.18.90.1 open syn-ack"),
                    Map.entry("tcp/41003", ":: -> ::1 open syn-ack"),
                    Map.entry("tcp/41004", "fd00:5ca0:90::1 -> fd00:5ca0:90::1 filtered no-response"),
                    Map.entry("tcp/41005", "127.0.0.1 -> 127.0.0.1 filtered no-response"),
                    Map.entry("tcp/41006", "127.0.0.1 -> 127.0.0.1 closed reset"),
                    Map.entry("udp/41007", "0.0.0.0 -> 127.0.0.1 open|filtered no-response"),
                    Map.entry("udp/41008", "::1 -> ::1 open|filtered no-response"),
                    Map.entry("tcp/41009", "198.18.90.77 -> 198.18.90.77 not probed null"),
                    Map.entry("udp/41010", "127.0.0.1 -> 127.0.0.1 filtered admin-prohibited"),
                    Map.entry("tcp/41011", "::ffff:127.0.0.1 -> 127.0.0.1 open syn-ack"),
                    Map.entry("udp/41012", "127.0.0.1 -> 127.0.0.1 closed port-unreach"),
                    Map.entry("tcp/41013", "fd00:5ca0:90::1 -> fd00:5ca0:90::1 open syn-ack")));
            assertEquals(expected, seen, r.stdout());
            String note = r.stdout().lines().filter(l -> l.contains("\"port\":41009")).findFirst().orElseThrow();
            assertTrue(note.contains("\"note\":\"the route to 198.18.90.77 is not local (198.18.90.77 dev " + DEV),
                    note);

            ProcessResult table = LocalNs.synscan(NS, "local", "--exposure");
            assertEquals(0, table.exitCode(), table.describe());
            List<String> lines = table.stdout().lines().toList();
            assertTrue(lines.get(0).matches("Proto +State +Local Address:Port +Service +Probed at +Exposure +Reason"
                    + " +PID/Program"), lines.get(0));
            assertTrue(lines.stream().anyMatch(l -> l.matches("tcp +LISTEN +127\\.0\\.0\\.1:41005 .* 127\\.0\\.0\\.1"
                    + " +filtered +no-response +" + child.pid + "/sslocal-srv")), table.stdout());
            assertEquals("tcp 198.18.90.77:41009 not probed: the route to 198.18.90.77 is not local (198.18.90.77 dev "
                    + DEV + " src 198.18.90.1 uid 0)", lines.get(lines.size() - 2));
            assertEquals("5 reachable (open), 2 refused (closed), 3 filtered by the local firewall, 2 open|filtered"
                    + " (UDP without an answer: a silent service and a DROP rule look the same), 1 not probed",
                    lines.get(lines.size() - 1));

            // the capture works: a datagram we do send on the link is seen ...
            LocalNs.sh(LocalNs.in(NS, "bash", "-c", "echo sslocal > /dev/udp/198.18.90.2/9").toArray(String[]::new));
            List<String> captured = capture.stopAfter("198.18.90.2.9:", Duration.ofSeconds(5));
            // ... and it is the only TCP or UDP packet that ever was on the veth
            assertEquals(1, captured.size(), "frames on " + DEV + ": " + captured);
        }
    }

    /** tcpdump in a namespace: TCP and UDP packets on one interface, one line each. */
    private static final class Capture implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Capture(Process process) {
            this.process = process;
        }

        static Capture start(String ns, String dev) throws Exception {
            Process p = new ProcessBuilder(LocalNs.in(ns, "tcpdump", "-i", dev, "-n", "-l", "-p", "tcp or udp"))
                    .start();
            Capture c = new Capture(p);
            pump(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)), c.lines);
            BlockingQueue<String> err = new LinkedBlockingQueue<>();
            pump(new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8)), err);
            String line;
            while ((line = err.poll(10, TimeUnit.SECONDS)) != null && !line.contains("listening on")) {
                // tcpdump's banner
            }
            if (line == null) {
                p.destroyForcibly();
                throw new AssertionError("tcpdump did not start on " + dev);
            }
            return c;
        }

        private static void pump(BufferedReader r, BlockingQueue<String> into) {
            Thread t = new Thread(() -> {
                try (r) {
                    for (String l; (l = r.readLine()) != null; ) {
                        if (!l.isBlank()) {
                            into.add(l);
                        }
                    }
                } catch (java.io.IOException e) {
                    // closed when tcpdump is stopped: everything it printed was read
                }
            }, "tcpdump-output");
            t.setDaemon(true);
            t.start();
        }

        /** Waits for a line containing {@code marker}, stops tcpdump and returns every line it printed. */
        List<String> stopAfter(String marker, Duration wait) throws InterruptedException {
            List<String> all = new ArrayList<>();
            long deadline = System.nanoTime() + wait.toNanos();
            boolean found = false;
            while (!found && System.nanoTime() < deadline) {
                String l = lines.poll(100, TimeUnit.MILLISECONDS);
                if (l != null) {
                    all.add(l);
                    found = l.contains(marker);
                }
            }
            assertTrue(found, "tcpdump never saw the control packet (" + marker + "): " + all);
            close();
            Thread.sleep(200);
            lines.drainTo(all);
            assertFalse(all.isEmpty());
            return all;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
