package org.synscan.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.synscan.lab.Lab;
import org.synscan.lab.ProcessResult;
import org.synscan.net.Privileges;

/**
 * Network namespaces of this package's integration tests: names start with "sslocal-", never have a
 * default route (checked before anything runs in them), and are deleted by the test that made them.
 */
final class LocalNs {
    static final String PREFIX = "sslocal-";
    private static final Duration SHORT = Duration.ofSeconds(15);

    private LocalNs() {
    }

    /** Skips (or fails under CI) unless root and the tools are there. */
    static void requireLab(String... tools) {
        Lab.require(Privileges.current().isRoot(), "needs root (network namespaces, iptables): run the tests with"
                + " sudo");
        for (String tool : tools) {
            Lab.requireTool(tool);
        }
    }

    /** A fresh namespace with lo up; an old one of the same name (a crashed run) is removed first. */
    static void add(String ns) {
        check(ns);
        delete(ns);
        sh("ip", "netns", "add", ns);
        sh("ip", "-n", ns, "link", "set", "lo", "up");
    }

    /** Removes the namespaces that exist; without root none could have been made, so nothing to do. */
    static void delete(String... namespaces) {
        if (!Privileges.current().isRoot()) {
            return;
        }
        for (String ns : namespaces) {
            check(ns);
            ProcessResult list = Lab.run(SHORT, List.of("ip", "netns", "list"));
            if (list.stdout().lines().anyMatch(l -> l.split(" ")[0].equals(ns))) {
                Lab.run(SHORT, List.of("ip", "netns", "del", ns));
            }
        }
    }

    /** Fails unless {@code ns} has no default route in any table, IPv4 or IPv6. */
    static void assertNoDefaultRoute(String ns) {
        for (String family : List.of("-4", "-6")) {
            String routes = sh("ip", "-n", ns, family, "route", "show", "table", "all", "default");
            String real = routes.lines().filter(l -> !l.startsWith("unreachable")).reduce("", String::concat);
            if (!real.isBlank()) {
                throw new AssertionError("namespace " + ns + " has a default route, refusing to go on: " + routes);
            }
        }
    }

    /** The words that run a command inside {@code ns}. */
    static List<String> in(String ns, String... cmd) {
        check(ns);
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        line.addAll(Arrays.asList(cmd));
        return line;
    }

    /** The same as user nobody, without supplementary groups. */
    static List<String> asNobody(String ns, String... cmd) {
        List<String> line = in(ns, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
        line.addAll(Arrays.asList(cmd));
        return line;
    }

    /** {@code synscan ARGS} through the launcher, inside {@code ns}. */
    static ProcessResult synscan(String ns, String... args) {
        assertNoDefaultRoute(ns);
        List<String> cmd = new ArrayList<>(List.of(Lab.home().resolve("synscan").toString()));
        cmd.addAll(Arrays.asList(args));
        return Lab.run(Duration.ofSeconds(120), in(ns, cmd.toArray(String[]::new)));
    }

    /** Runs a command that must succeed; returns its standard output. */
    static String sh(String... cmd) {
        ProcessResult r = Lab.run(SHORT, List.of(cmd));
        if (!r.ok()) {
            throw new AssertionError(r.describe());
        }
        return r.stdout();
    }

    private static void check(String ns) {
        if (!ns.startsWith(PREFIX)) {
            throw new IllegalArgumentException(ns + " is not one of this package's namespaces");
        }
    }
}
