package org.synscan.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.synscan.ScanFailure;
import org.synscan.net.ChildCapabilities;
import org.synscan.net.Privileges;

/**
 * {@code synscan demo}: brings up the namespace lab (native-setup/lab.sh), scans its target over IPv4
 * and IPv6, TCP and UDP, from inside the scanner namespace, and takes the lab down again (unless it
 * was already up). The scans run as child processes under {@code ip netns exec}, since a JVM cannot
 * move itself into another network namespace.
 */
final class DemoCommand {
    static final String SCANNER_NS = "synscan-scan";

    private final Path home;
    private final PrintWriter out;
    private final PrintWriter err;

    DemoCommand(Path home, PrintWriter out, PrintWriter err) {
        this.home = home;
        this.out = out;
        this.err = err;
    }

    /** The repository root: $SYNSCAN_HOME (set by the launcher), else two levels above the jar. */
    static Path home() {
        String env = System.getenv("SYNSCAN_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        try {
            Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (Exception e) {
            return Path.of(".").toAbsolutePath();
        }
    }

    int run() throws IOException, InterruptedException {
        if (!Privileges.current().isRoot()) {
            throw new ScanFailure("the demo builds network namespaces: run it as root (sudo ./synscan demo)");
        }
        Path lab = home.resolve("native-setup/lab.sh");
        if (!Files.isExecutable(lab)) {
            throw new ScanFailure("cannot find the lab script " + lab + " (run synscan from its source tree)");
        }
        boolean wasUp = exec(List.of(lab.toString(), "status", "--quiet")) == 0;
        if (exec(List.of(lab.toString(), "up")) != 0) {
            throw new ScanFailure("the lab could not be brought up (see the message above)");
        }
        try {
            String udp = udpPorts();
            scan("TCP, all ports, IPv4", "198.18.0.2", "-p-", "--reason", "--rate", "100000");
            scan("TCP, all ports, IPv6", "-6", "fd00:5ca0::2", "-p-", "--reason", "--rate", "100000");
            scan("UDP, the lab's UDP ports, IPv4 and IPv6", "-sU", "198.18.0.2", "-p", udp, "--reason");
            scan("", "-6", "-sU", "fd00:5ca0::2", "-p", udp, "--reason");
            scan("TCP 22 and 80 on 8 addresses behind the lab's router", "198.18.128.0/29", "-p", "22,80");
        } finally {
            if (!wasUp) {
                exec(List.of(lab.toString(), "down"));
            }
        }
        return 0;
    }

    private void scan(String title, String... args) throws IOException, InterruptedException {
        if (!title.isEmpty()) {
            out.println();
            out.println("=== " + title + " ===");
        }
        out.println("$ ip netns exec " + SCANNER_NS + " synscan " + String.join(" ", args));
        out.flush();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", SCANNER_NS, java, "-Xmx256m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        if (exec(cmd) != 0) {
            throw new ScanFailure("the demo scan failed (see above)");
        }
    }

    /** The lab's UDP ports, from its truth file: the one definition of the lab. */
    private String udpPorts() throws IOException {
        TreeSet<Integer> ports = new TreeSet<>();
        for (String line : Files.readAllLines(home.resolve("native-setup/lab-truth.tsv"))) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 3 && !f[0].startsWith("#") && f[1].equals("udp")) {
                ports.add(Integer.parseInt(f[2]));
            }
        }
        return String.join(",", ports.stream().map(String::valueOf).toList());
    }

    private int exec(List<String> cmd) throws IOException, InterruptedException {
        out.flush();
        err.flush();
        return ChildCapabilities.start(new ProcessBuilder(cmd).inheritIO()).waitFor();
    }
}
