package org.synscan.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two namespaces joined by a veth pair, for the tests of this package only:
 * ssnet-a (ssnet-va, 198.18.200.1, fd00:5ca0:200::1) and ssnet-b (ssnet-vb, .2, ::2), lo up in
 * both, no default route anywhere; in ssnet-a 198.18.201.0/24 and fd00:5ca0:200:0:1::/80 go
 * via ssnet-b. Only names with the ssnet- prefix are created or deleted.
 */
final class NetLab {
    static final String A = "ssnet-a";
    static final String B = "ssnet-b";
    static final String VA = "ssnet-va";
    static final String VB = "ssnet-vb";

    private NetLab() {
    }

    static void up() throws IOException, InterruptedException {
        down();
        try {
            sh("ip", "netns", "add", A);
            sh("ip", "netns", "add", B);
            sh("ip", "link", "add", VA, "netns", A, "type", "veth", "peer", "name", VB, "netns", B);
            sh("ip", "-n", A, "addr", "add", "198.18.200.1/24", "dev", VA);
            sh("ip", "-n", A, "addr", "add", "fd00:5ca0:200::1/64", "dev", VA, "nodad");
            sh("ip", "-n", B, "addr", "add", "198.18.200.2/24", "dev", VB);
            sh("ip", "-n", B, "addr", "add", "fd00:5ca0:200::2/64", "dev", VB, "nodad");
            for (String[] nsDev : new String[][] {{A, "lo"}, {A, VA}, {B, "lo"}, {B, VB}}) {
                sh("ip", "-n", nsDev[0], "link", "set", nsDev[1], "up");
            }
            sh("ip", "-n", A, "route", "add", "198.18.201.0/24", "via", "198.18.200.2");
            sh("ip", "-n", A, "-6", "route", "add", "fd00:5ca0:200:0:1::/80", "via", "fd00:5ca0:200::2");
            assertNoDefaultRoute();
        } catch (IOException | RuntimeException e) {
            down();
            throw e;
        }
    }

    /** The safety rule: nothing sent from these namespaces can leave them. */
    static void assertNoDefaultRoute() throws IOException, InterruptedException {
        for (String ns : List.of(A, B)) {
            for (String family : List.of("-4", "-6")) {
                String routes = sh("ip", "-n", ns, family, "route", "show", "default");
                if (!routes.isBlank()) {
                    throw new IllegalStateException(ns + " has a default route: " + routes);
                }
            }
        }
    }

    static long mac(String ns, String dev) throws IOException, InterruptedException {
        String out = sh("ip", "-n", ns, "-o", "link", "show", dev);
        int at = out.indexOf("link/ether ");
        return Mac.parse(out.substring(at + 11, at + 28));
    }

    static void down() throws InterruptedException {
        for (String ns : List.of(A, B)) {
            try {
                if (sh("ip", "netns", "list").lines().anyMatch(l -> l.split(" ")[0].equals(ns))) {
                    sh("ip", "netns", "del", ns);
                }
            } catch (IOException e) {
                // best effort: the next up() retries
            }
        }
    }

    static String sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + ": timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + ": " + text.strip());
        }
        return text;
    }
}
