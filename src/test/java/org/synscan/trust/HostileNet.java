package org.synscan.trust;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.synscan.lab.Lab;
import org.synscan.lab.ProcessResult;

/**
 * A third host on the lab link, in namespace {@value #NS}: a macvlan on the target's end of the
 * lab's veth ({@value #SEND_IF}), so what it sends reaches the scanner like any frame on the link,
 * and a mirror port ({@value #LISTEN_IF}): the target's tc ingress copies every frame the scanner
 * sends into it, as a switch's SPAN port would. It has no address and no route at all.
 * Everything it adds is named sstrust-*, and {@link #close()} removes it all.
 */
final class HostileNet implements AutoCloseable {
    static final String NS = "sstrust-evil";
    static final String SEND_IF = "sstrust-m0";
    static final String LISTEN_IF = "sstrust-x1";
    /** The mirror's end inside the lab target. */
    private static final String MIRROR_IF = "sstrust-x0";
    private static final Duration STEP = Duration.ofSeconds(20);

    private HostileNet() {
    }

    static HostileNet up() {
        HostileNet net = new HostileNet();
        net.teardown();
        try {
            sh("ip", "netns", "add", NS);
            sh("ip", "-n", NS, "link", "set", "lo", "up");
            sh("ip", "-n", Lab.TARGET_NS, "link", "add", SEND_IF, "link", Lab.TARGET_IF, "type", "macvlan", "mode",
                    "bridge");
            sh("ip", "-n", Lab.TARGET_NS, "link", "set", SEND_IF, "netns", NS);
            sh("ip", "link", "add", LISTEN_IF, "netns", NS, "type", "veth", "peer", "name", MIRROR_IF, "netns",
                    Lab.TARGET_NS);
            for (String[] nsIf : new String[][] {{NS, SEND_IF}, {NS, LISTEN_IF}, {Lab.TARGET_NS, MIRROR_IF}}) {
                // no IPv6 on our links: no link-local address, no neighbour or router solicitations
                sh("ip", "netns", "exec", nsIf[0], "sysctl", "-qw", "net.ipv6.conf." + nsIf[1] + ".disable_ipv6=1");
                sh("ip", "-n", nsIf[0], "link", "set", nsIf[1], "up");
            }
            sh("ip", "netns", "exec", Lab.TARGET_NS, "tc", "qdisc", "add", "dev", Lab.TARGET_IF, "handle", "ffff:",
                    "ingress");
            sh("ip", "netns", "exec", Lab.TARGET_NS, "tc", "filter", "add", "dev", Lab.TARGET_IF, "parent", "ffff:",
                    "protocol", "all", "u32", "match", "u32", "0", "0", "action", "mirred", "egress", "mirror", "dev",
                    MIRROR_IF);
            assertNoRoutes();
        } catch (RuntimeException e) {
            net.teardown();
            throw e;
        }
        return net;
    }

    /** The hostile namespace has no address and no route: it can only put frames on the lab link. */
    static void assertNoRoutes() {
        for (String family : List.of("-4", "-6")) {
            String routes = sh("ip", "-n", NS, family, "route", "show", "table", "all").lines()
                    .filter(l -> !l.startsWith("unreachable") && !l.contains(" dev lo ") && !l.startsWith("local ")
                            && !l.startsWith("multicast") && !l.startsWith("ff00::/8"))
                    .reduce("", (a, b) -> a + b + "\n");
            if (!routes.isBlank()) {
                throw new AssertionError(NS + " has routes, refusing to inject:\n" + routes);
            }
        }
        Lab.assertNoDefaultRoute();
    }

    /** The hostile host's MAC: the source of everything it injects. */
    String mac() {
        return sh("ip", "netns", "exec", NS, "cat", "/sys/class/net/" + SEND_IF + "/address").strip();
    }

    static String scannerMac() {
        return sh("ip", "netns", "exec", Lab.SCANNER_NS, "cat", "/sys/class/net/" + Lab.SCANNER_IF + "/address").strip();
    }

    /** Starts the injector in the hostile namespace; it waits for "ready". */
    Injection inject(String mode, String scannerAddress, int unprobedFrom, int extraRate, int extraCount,
            int seconds) {
        assertNoRoutes();
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", NS,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-cp", classpath(),
                Injector.class.getName(), mode, LISTEN_IF, SEND_IF, scannerMac(), scannerAddress,
                Integer.toString(unprobedFrom), Integer.toString(extraRate), Integer.toString(extraCount),
                Integer.toString(seconds), "20240607"));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            return new Injection(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A running injector: its output lines, and its counts once stopped. */
    static final class Injection implements AutoCloseable {
        private final Process process;
        private final List<String> lines = new ArrayList<>();
        private final CompletableFuture<Void> pump;

        Injection(Process process) {
            this.process = process;
            CompletableFuture<String> ready = new CompletableFuture<>();
            pump = CompletableFuture.runAsync(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                        if (line.equals("ready")) {
                            ready.complete(line);
                        }
                    }
                } catch (IOException e) {
                    // the process is gone
                }
                ready.complete("ended");
            }, r -> {
                Thread t = new Thread(r, "injector-output");
                t.setDaemon(true);
                t.start();
            });
            try {
                if (!ready.get(20, TimeUnit.SECONDS).equals("ready")) {
                    throw new IllegalStateException("injector did not start: " + output());
                }
            } catch (Exception e) {
                Procs.stop(process);
                throw new IllegalStateException("injector did not start: " + output(), e);
            }
        }

        /** Stops the injector (closes its stdin) and returns its counts. */
        Map<String, Long> stop() {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    Procs.stop(process);
                    throw new IllegalStateException("injector did not stop: " + output());
                }
                pump.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("stopping the injector: " + output(), e);
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String line : output().lines().toList()) {
                int eq = line.indexOf('=');
                if (eq > 0 && line.substring(eq + 1).matches("\\d+")) {
                    counts.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)));
                }
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("injector failed: " + output());
            }
            return counts;
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        @Override
        public void close() {
            Procs.stop(process);
        }
    }

    @Override
    public void close() {
        teardown();
    }

    /** Removes what up() made (only sstrust-* names and the ingress qdisc it added on the target's link). */
    private void teardown() {
        run("ip", "netns", "exec", Lab.TARGET_NS, "tc", "qdisc", "del", "dev", Lab.TARGET_IF, "handle", "ffff:",
                "ingress");
        run("ip", "-n", Lab.TARGET_NS, "link", "del", MIRROR_IF);
        run("ip", "-n", Lab.TARGET_NS, "link", "del", SEND_IF);
        if (Files.exists(Path.of("/run/netns", NS))) {
            run("ip", "netns", "del", NS);
        }
    }

    /** Our classes, the test classes and the runtime libraries (JNA for libpcap). */
    private static String classpath() {
        List<String> parts = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {Injector.class, org.synscan.net.pcap.PcapHandle.class,
            com.sun.jna.Native.class}) {
            try {
                String p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                if (!parts.contains(p)) {
                    parts.add(p);
                }
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    static String sh(String... cmd) {
        ProcessResult r = Lab.run(STEP, List.of(cmd));
        if (!r.ok()) {
            throw new IllegalStateException(r.describe());
        }
        return r.stdout();
    }

    private static void run(String... cmd) {
        Lab.run(STEP, List.of(cmd));
    }
}
