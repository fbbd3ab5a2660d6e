package org.synscan.trust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.synscan.lab.Lab;
import org.synscan.lab.ProcessResult;

/**
 * Two namespaces of this task's own, for tests that break the network on purpose (an interface
 * taken down mid-scan, an interface without an address) and so must not touch the shared lab:
 * {@value #SCANNER} (sstrust-s0 198.18.77.1/24, fd00:5ca0:77::1/64) and {@value #TARGET} (sstrust-t0
 * .2, ::2), joined by a veth pair, plus a second pair sstrust-n0/sstrust-n1 with no address at all.
 * No default route anywhere; nothing else exists in them, so the target's kernel answers every
 * probe with a RST.
 */
final class PairNet implements AutoCloseable {
    static final String SCANNER = "sstrust-s";
    static final String TARGET = "sstrust-t";
    static final String SCANNER_IF = "sstrust-s0";
    static final String TARGET_IF = "sstrust-t0";
    static final String BARE_IF = "sstrust-n0";
    static final String TARGET_V4 = "198.18.77.2";
    private static final Duration STEP = Duration.ofSeconds(20);

    private PairNet() {
    }

    static PairNet up() {
        PairNet net = new PairNet();
        net.close();
        try {
            for (String ns : List.of(SCANNER, TARGET)) {
                sh("ip", "netns", "add", ns);
                sh("ip", "-n", ns, "link", "set", "lo", "up");
            }
            sh("ip", "link", "add", SCANNER_IF, "netns", SCANNER, "type", "veth", "peer", "name", TARGET_IF, "netns",
                    TARGET);
            sh("ip", "link", "add", BARE_IF, "netns", SCANNER, "type", "veth", "peer", "name", "sstrust-n1", "netns",
                    TARGET);
            sh("ip", "-n", SCANNER, "addr", "add", "198.18.77.1/24", "dev", SCANNER_IF);
            sh("ip", "-n", SCANNER, "addr", "add", "fd00:5ca0:77::1/64", "dev", SCANNER_IF, "nodad");
            sh("ip", "-n", TARGET, "addr", "add", "198.18.77.2/24", "dev", TARGET_IF);
            sh("ip", "-n", TARGET, "addr", "add", "fd00:5ca0:77::2/64", "dev", TARGET_IF, "nodad");
            for (String[] nsIf : new String[][] {{SCANNER, SCANNER_IF}, {TARGET, TARGET_IF}, {SCANNER, BARE_IF},
                {TARGET, "sstrust-n1"}}) {
                sh("ip", "-n", nsIf[0], "link", "set", nsIf[1], "up");
            }
            // the bare link has no address; without IPv6 it has no link-local one either
            sh("ip", "netns", "exec", SCANNER, "sysctl", "-qw", "net.ipv6.conf." + BARE_IF + ".disable_ipv6=1");
            assertNoDefaultRoute();
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }

    static void assertNoDefaultRoute() {
        for (String ns : List.of(SCANNER, TARGET)) {
            for (String family : List.of("-4", "-6")) {
                String routes = sh("ip", "-n", ns, family, "route", "show", "table", "all", "default");
                if (!routes.isBlank()) {
                    throw new AssertionError(ns + " has a default route, refusing to send:\n" + routes);
                }
            }
        }
    }

    /** Removes both namespaces (and with them every link in them). */
    @Override
    public void close() {
        for (String ns : List.of(SCANNER, TARGET)) {
            if (Files.exists(Path.of("/run/netns", ns))) {
                Lab.run(STEP, List.of("ip", "netns", "del", ns));
            }
        }
    }

    static String sh(String... cmd) {
        ProcessResult r = Lab.run(STEP, List.of(cmd));
        if (!r.ok()) {
            throw new IllegalStateException(r.describe());
        }
        return r.stdout();
    }
}
