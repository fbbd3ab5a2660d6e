package org.synscan.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.lab.Family;
import org.synscan.lab.Lab;
import org.synscan.lab.LabExtension;
import org.synscan.lab.NmapResults;
import org.synscan.lab.Truth;
import org.synscan.result.Protocol;

/**
 * Issue 7, long run: over a million probes (the 32768 AnyIP addresses of 198.18.128.0/17 times 31
 * ports) in one scan. The process's resident memory is sampled from /proc while it runs and the
 * JVM logs its heap after every collection: memory must stay flat (the probe table is sized once;
 * results cost 8 bytes a port), and every address must answer exactly as the truth says.
 */
@ExtendWith(LabExtension.class)
class LongRunIT {
    private static final String RANGE = "198.18.128.0/17";
    private static final int HOSTS = 32768;
    /** Ports not in the truth file (closed/reset everywhere), to reach 31 ports a host. */
    private static final List<Integer> EXTRA_PORTS = List.of(1, 7, 1000, 2000, 30000, 40000);
    private static final long TIMEOUT_SECONDS = 300;
    /**
     * Resident memory may grow by this much a probe once the scan is under way: results take 8 bytes a
     * port plus array growth, and the JVM commits heap in steps (measured: 28). A probe table that kept
     * every probe, or native memory lost per packet, would cost far more.
     */
    private static final double MAX_GROWTH_BYTES_PER_PROBE = 64;
    /** Live heap during the scan (measured: 15-35 MB for a million results); the launcher caps it at 256 MB. */
    private static final long MAX_LIVE_HEAP_KB = 64 << 10;

    @TempDir
    Path dir;

    @Test
    void millionProbesFlatMemoryNoResultLost() throws Exception {
        Truth truth = Truth.load();
        SortedSet<Integer> ports = new TreeSet<>(truth.listedPorts(Family.IPV4, Protocol.TCP));
        ports.addAll(EXTRA_PORTS);
        long probes = (long) HOSTS * ports.size();
        assertTrue(probes >= 1_000_000, "only " + probes + " probes");
        Path xml = dir.resolve("long.xml");
        Path gc = dir.resolve("gc.log");
        List<String> cmd = new ArrayList<>(Lab.scannerExec(Lab.home().resolve("synscan").toString(), RANGE, "-p",
                String.join(",", ports.stream().map(String::valueOf).toList()), "--rate", "100000", "-oX",
                xml.toString()));
        Lab.assertNoDefaultRoute();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("SYNSCAN_JAVA_OPTS", "-Xlog:gc:file=" + gc);
        long start = System.nanoTime();
        Process p = pb.start();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        List<long[]> samples = sample(p, xml); // {nanos since start, VmRSS kB, XML file bytes}
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            Procs.stop(p);
            throw new AssertionError("the long run did not finish in " + TIMEOUT_SECONDS + " s");
        }
        double wall = (System.nanoTime() - start) / 1e9;
        assertEquals(0, p.exitValue(), err.join() + out.join());
        ScanRun.Summary summary = ScanRun.summaryOf(out.join());
        Window w = window(samples);
        long[] heap = heapAfterGc(Files.readString(gc, StandardCharsets.UTF_8), w);
        double growth = (w.endKb - w.quarterKb) * 1024.0 / (probes * 0.9 * 0.75);
        System.out.printf("[issue 7] long run: %d probes (%s x %d ports): %s; wall %.1f s; scan phase %.1f s; RSS"
                + " %d MB at a quarter of it, %d MB at its end (%.1f bytes a probe), %d MB peak with the report;"
                + " heap after GC during the scan %d..%d MB over %d collections%n", probes, RANGE, ports.size(),
                summary, wall, w.seconds(), w.quarterKb / 1024, w.endKb / 1024, growth, w.peakKb / 1024,
                heap[0] / 1024, heap[1] / 1024, heap[2]);
        assertTrue(w.samples >= 20, "too few memory samples during the scan: " + w.samples);
        assertTrue(growth <= MAX_GROWTH_BYTES_PER_PROBE, String.format("resident memory grew by %.1f bytes a probe"
                + " during the scan", growth));
        assertTrue(heap[1] <= MAX_LIVE_HEAP_KB, "heap after GC reached " + heap[1] / 1024 + " MB during the scan");
        // every answer, from every address, as the truth says
        NmapResults r = NmapResults.parse(Files.newInputStream(xml));
        assertEquals(HOSTS, r.hosts().size(), "hosts");
        for (InetAddress host : r.hosts()) {
            Truth.Diff diff = truth.compare(host, Protocol.TCP, ports, r.ports(host, Protocol.TCP));
            assertTrue(diff.agrees(), diff.report());
        }
        ScanRun run = new ScanRun(null, wall, Files.readString(xml, StandardCharsets.UTF_8), summary);
        assertEquals(probes, run.resultEntries(), "port results (a lost or doubled one changes the count)");
    }

    /**
     * The scan phase as the process shows it: it begins when the XML report's header appears (written
     * just before the first probe) and ends when the report body starts (written once the scan is over).
     */
    private record Window(long fromNanos, long toNanos, long quarterKb, long endKb, long peakKb, int samples) {
        double seconds() {
            return (toNanos - fromNanos) / 1e9;
        }
    }

    private static Window window(List<long[]> samples) {
        long from = -1;
        long to = -1;
        long header = -1;
        for (long[] s : samples) {
            if (from < 0 && s[2] > 0) {
                from = s[0];
                header = s[2];
            } else if (from >= 0 && to < 0 && s[2] > header) {
                to = s[0];
            }
        }
        assertTrue(from >= 0 && to > from, "could not tell the scan phase from the samples");
        // the last tenth holds the scan's tail and the report's preparation (a million result objects)
        to = from + (to - from) * 9 / 10;
        long quarter = from + (to - from) / 4;
        long atQuarter = 0;
        long atEnd = 0;
        long peak = 0;
        int n = 0;
        for (long[] s : samples) {
            if (s[0] <= quarter) {
                atQuarter = Math.max(atQuarter, s[1]);
            }
            if (s[0] < to) {
                atEnd = Math.max(atEnd, s[1]);
                n += s[0] >= from ? 1 : 0;
            }
            peak = Math.max(peak, s[1]);
        }
        return new Window(from, to, atQuarter, atEnd, peak, n);
    }

    /** Every 100 ms until the process exits: VmRSS of the scanner's JVM and the size of its XML report. */
    private static List<long[]> sample(Process p, Path xml) throws InterruptedException {
        List<long[]> samples = new ArrayList<>();
        long start = System.nanoTime();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        Path comm = Path.of("/proc", Long.toString(p.pid()), "comm");
        while (p.isAlive()) {
            try {
                // ip netns exec and the launcher exec their successor: the JVM keeps the process's pid
                if (Files.readString(comm).strip().equals("java")) {
                    long rss = Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                            .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
                    samples.add(new long[] {System.nanoTime() - start, rss, Files.exists(xml) ? Files.size(xml) : 0});
                }
            } catch (IOException | UncheckedIOException e) {
                // not started yet, or just ended
            }
            Thread.sleep(100);
        }
        return samples;
    }

    /**
     * Heap after each collection inside the scan window (the JVM's uptime is within a few tens of ms of
     * our clock, which starts with the launcher): {min kB, max kB, collections}.
     */
    private static long[] heapAfterGc(String log, Window w) {
        Matcher m = Pattern.compile("\\[([0-9.]+)s\\].*?(\\d+)([KMG])->(\\d+)([KMG])\\(").matcher(log);
        long min = Long.MAX_VALUE;
        long max = 0;
        long n = 0;
        while (m.find()) {
            long at = (long) (Double.parseDouble(m.group(1)) * 1e9);
            if (at < w.fromNanos || at >= w.toNanos) {
                continue;
            }
            long v = Long.parseLong(m.group(4));
            long kb = switch (m.group(5)) {
                case "G" -> v << 20;
                case "M" -> v << 10;
                default -> v;
            };
            min = Math.min(min, kb);
            max = Math.max(max, kb);
            n++;
        }
        return new long[] {n == 0 ? 0 : min, max, n};
    }

    private static CompletableFuture<String> drain(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, r -> {
            Thread t = new Thread(r, "long-run-output");
            t.setDaemon(true);
            t.start();
        });
    }
}
