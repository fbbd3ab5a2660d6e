package org.synscan.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A running {@link ListenerChild}: its pid, its name and the ports it bound. */
final class Listeners implements AutoCloseable {
    final Process process;
    final String program;
    final long pid;
    private final Map<String, Integer> ports;

    private Listeners(Process process, String program, long pid, Map<String, Integer> ports) {
        this.process = process;
        this.program = program;
        this.pid = pid;
        this.ports = ports;
    }

    /**
     * Starts the child under {@code prefix} (e.g. ip netns exec NS, setpriv ...), named {@code program},
     * and waits until its sockets are bound.
     */
    static Listeners start(List<String> prefix, String program, String... specs) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-XX:TieredStopAtLevel=1", "-cp", testClasses(), ListenerChild.class.getName(), "comm=" + program));
        cmd.addAll(List.of(specs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("pump failed: " + e);
            }
        }, "listener-output");
        pump.setDaemon(true);
        pump.start();
        Map<String, Integer> ports = new HashMap<>();
        long pid = -1;
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null && (!p.isAlive() || System.nanoTime() > deadline)) {
                pump.join(1000);
                lines.drainTo(seen);
                p.destroyForcibly();
                throw new AssertionError("listener child " + (p.isAlive() ? "not ready within 20 s: " : "died: ")
                        + cmd + "\n" + String.join("\n", seen));
            }
            if (line == null) {
                continue;
            }
            seen.add(line);
            String[] f = line.split(" ");
            if (f[0].equals("bound") && f.length == 3) {
                ports.put(f[1], Integer.parseInt(f[2]));
            } else if (f[0].equals("pid")) {
                pid = Long.parseLong(f[1]);
            } else if (line.equals("ready")) {
                break;
            }
        }
        if (pid != p.pid()) {
            p.destroyForcibly();
            throw new AssertionError("the child says pid " + pid + " but was started as " + p.pid());
        }
        return new Listeners(p, program, pid, ports);
    }

    /** The port the child bound for {@code spec}. */
    int port(String spec) {
        Integer port = ports.get(spec);
        if (port == null) {
            throw new IllegalArgumentException("no socket " + spec + " in " + ports);
        }
        return port;
    }

    Map<String, Integer> ports() {
        return Map.copyOf(ports);
    }

    private static String testClasses() {
        try {
            return Path.of(ListenerChild.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
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
