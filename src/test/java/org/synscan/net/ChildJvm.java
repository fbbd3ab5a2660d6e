package org.synscan.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A NetChild run inside a namespace, with its output lines collected as they come. */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();
    private final Thread pump;

    private ChildJvm(Process process) {
        this.process = process;
        pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("pump-failed=" + e);
            }
        });
        pump.setDaemon(true);
        pump.start();
    }

    static ChildJvm start(String namespace, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx64m", "-cp", classpath(), NetChild.class.getName()));
        cmd.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /** Our classes, the test classes and JNA: all NetChild needs. */
    private static String classpath() {
        List<String> parts = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {NetChild.class, LinkPlanner.class, com.sun.jna.Native.class}) {
            try {
                String p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                if (!parts.contains(p)) {
                    parts.add(p);
                }
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(java.io.File.pathSeparator, parts);
    }

    /** Waits for a line starting with {@code prefix}; fails after {@code ms}. */
    String await(String prefix, long ms) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("no \"" + prefix + "\" line within " + ms + " ms; output so far: " + all);
            }
            all.add(line);
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
    }

    /** Waits for the child to exit (killing it after {@code ms}) and returns its key=value lines. */
    Map<String, String> finish(long ms) throws InterruptedException {
        boolean done = process.waitFor(ms, TimeUnit.MILLISECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        pump.join(2000);
        lines.drainTo(all);
        if (!done) {
            throw new AssertionError("child did not finish within " + ms + " ms: " + all);
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : all) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        kv.put("exit", Integer.toString(process.exitValue()));
        kv.put("output", String.join("\n", all));
        return kv;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
