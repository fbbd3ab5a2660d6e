package org.synscan.lab;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The namespace lab for integration tests: {@code native-setup/lab.sh} brought up once per JVM,
 * commands run inside the scanner namespace, and the safety check that no lab namespace can route
 * off this machine. Test classes use it through {@link LabExtension}.
 */
public final class Lab {
    /** Which lab: $SYNSCAN_LAB as lab.sh reads it (a second lab beside the shared one), else "synscan". */
    public static final String NAME = System.getenv().getOrDefault("SYNSCAN_LAB", "synscan");
    public static final String SCANNER_NS = NAME + "-scan";
    public static final String TARGET_NS = NAME + "-tgt";
    /** Where lab.sh keeps its state (the services' PID file). */
    public static final String RUN_DIR = "/run/" + NAME + "-lab";
    public static final String SCANNER_IF = "ss-scan0";
    public static final String TARGET_IF = "ss-tgt0";
    public static final InetAddress SCANNER_V4 = literal("198.18.0.1");
    public static final InetAddress TARGET_V4 = literal("198.18.0.2");
    public static final InetAddress SCANNER_V6 = literal("fd00:5ca0::1");
    public static final InetAddress TARGET_V6 = literal("fd00:5ca0::2");
    /** AnyIP on the target, reached from the scanner through 198.18.0.2 / fd00:5ca0::2 as gateway. */
    public static final String WIDE_V4 = "198.18.128.0/17";
    public static final String WIDE_V6 = "fd00:5ca0:1::/112";

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);
    private static boolean up;
    /** The lab was already up when this JVM first asked: someone else's, so leave it up at the end. */
    private static boolean foundUp;

    private Lab() {
    }

    /** The repository root: failsafe passes {@code synscan.home}; otherwise the working directory. */
    public static Path home() {
        return Path.of(System.getProperty("synscan.home", System.getProperty("user.dir")));
    }

    public static Path script() {
        return home().resolve("native-setup/lab.sh");
    }

    /** Builds the lab (lab.sh up) on the first call in this JVM; later calls return at once. */
    public static synchronized void up() {
        if (up) {
            return;
        }
        foundUp = run(SCRIPT_TIMEOUT, List.of(script().toString(), "status", "--quiet")).ok();
        ProcessResult r = run(SCRIPT_TIMEOUT, List.of(script().toString(), "up", "--quiet"));
        if (!r.ok()) {
            throw new IllegalStateException("cannot bring the lab up: " + r.describe());
        }
        up = true;
    }

    /** Removes the lab (lab.sh down); the next {@link #up()} builds it again. */
    public static synchronized void down() {
        ProcessResult r = run(SCRIPT_TIMEOUT, List.of(script().toString(), "down", "--quiet"));
        up = false;
        if (!r.ok()) {
            throw new IllegalStateException("cannot take the lab down: " + r.describe());
        }
    }

    /** Takes the lab down at the end of a test run, unless it was up before this JVM started it. */
    static synchronized void downIfOurs() {
        if (up && !foundUp) {
            down();
        }
    }

    /** {@code ip netns exec synscan-scan CMD...}: the command line that runs CMD as the scanner. */
    public static List<String> scannerExec(String... cmd) {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", SCANNER_NS));
        line.addAll(Arrays.asList(cmd));
        return line;
    }

    /** Runs CMD in the scanner namespace, after {@link #assertNoDefaultRoute()}. */
    public static ProcessResult inScanner(Duration timeout, String... cmd) {
        assertNoDefaultRoute();
        return run(timeout, scannerExec(cmd));
    }

    /**
     * Fails unless both lab namespaces exist and neither has a default route (IPv4 or IPv6, any
     * table): packets sent there can only reach the lab. Call it before sending anything.
     */
    public static void assertNoDefaultRoute() {
        for (String ns : List.of(SCANNER_NS, TARGET_NS)) {
            for (String family : List.of("-4", "-6")) {
                ProcessResult r = run(Duration.ofSeconds(10),
                        List.of("ip", "-n", ns, family, "route", "show", "table", "all", "default"));
                if (!r.ok()) {
                    throw new AssertionError("cannot read the routes of namespace " + ns + ": " + r.describe());
                }
                String routes = r.stdout().lines().filter(l -> !l.startsWith("unreachable"))
                        .reduce("", (a, b) -> a + b + "\n");
                if (!routes.isBlank()) {
                    throw new AssertionError("namespace " + ns + " has a default route, refusing to send:\n" + routes);
                }
            }
        }
    }

    /** True when {@code address} lies in fd00:5ca0:1::/112, the IPv6 AnyIP range. */
    public static boolean inWideV6(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return false;
        }
        byte[] a = address.getAddress();
        byte[] prefix = literal("fd00:5ca0:1::").getAddress();
        return Arrays.equals(a, 0, 14, prefix, 0, 14);
    }

    /** Why the lab cannot be built here (not root, a tool missing), or empty when it can. */
    public static Optional<String> unavailableReason() {
        if (!isRoot()) {
            return Optional.of("the lab needs root (network namespaces, iptables): run the tests with sudo");
        }
        for (String tool : List.of("ip", "iptables", "ip6tables", "sysctl")) {
            if (!onPath(tool)) {
                return Optional.of(tool + " is missing (install it with: native-setup/install-deps.sh --test)");
            }
        }
        if (!onPath("python3") && !Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return Optional.of("python3 is missing (install it with: native-setup/install-deps.sh --test)");
        }
        return Optional.empty();
    }

    /** True when the environment variable CI is set: then a test that cannot run must fail. */
    public static boolean underCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isEmpty();
    }

    /**
     * Continues only when {@code condition} holds; otherwise fails the test under CI and skips it
     * elsewhere, with {@code reason} either way.
     */
    public static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (underCi()) {
            Assertions.fail("CI is set and this test cannot run: " + reason);
        }
        Assumptions.abort(reason);
    }

    /** {@link #require} for a tool on the PATH, e.g. nmap. */
    public static void requireTool(String tool) {
        require(onPath(tool), tool + " is missing (install it with: native-setup/install-deps.sh --test)");
    }

    public static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Runs a command to completion; kills it and throws when it outlives {@code timeout}. */
    public static ProcessResult run(Duration timeout, List<String> cmd) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish within " + timeout);
            }
            return new ProcessResult(List.copyOf(cmd), p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", cmd), e);
        }
    }

    /**
     * Starts a long-running helper (e.g. listeners) in the scanner namespace and waits until it prints
     * a line "ready". The caller stops it with {@link Process#destroyForcibly()}.
     */
    public static Process startInScanner(String... cmd) {
        assertNoDefaultRoute();
        Process p;
        try {
            p = new ProcessBuilder(scannerExec(cmd)).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        }
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                java.io.BufferedReader r = new java.io.BufferedReader(
                        new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
                String line;
                StringBuilder seen = new StringBuilder();
                while ((line = r.readLine()) != null) {
                    if (line.equals("ready")) {
                        return "ready";
                    }
                    seen.append(line).append('\n');
                }
                return seen.toString();
            } catch (IOException e) {
                return e.toString();
            }
        }, runnable -> {
            Thread t = new Thread(runnable, "lab-helper-ready");
            t.setDaemon(true);
            t.start();
        });
        try {
            String said = ready.get(15, TimeUnit.SECONDS);
            if (!said.equals("ready")) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not get ready: " + said);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not get ready", e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return p;
    }

    /** Reads a stream to its end on a thread of its own (the common pool may have just one). */
    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, task -> {
            Thread t = new Thread(task, "lab-process-output");
            t.setDaemon(true);
            t.start();
        });
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
