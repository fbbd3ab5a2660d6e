package org.synscan.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.synscan.lab.Lab;
import org.synscan.lab.NmapResults;
import org.synscan.lab.ProcessResult;
import org.synscan.lab.Truth;
import org.synscan.result.Protocol;

/**
 * One run of the synscan launcher inside a namespace, as a user runs it: the normal report on
 * standard output (its summary line parsed) and the XML report in a file (parsed, and kept as text
 * so that duplicate port entries, which a map would hide, can be counted).
 */
record ScanRun(ProcessResult process, double wallSeconds, String xml, Summary summary) {
    private static final Pattern STATS = Pattern.compile("Probes sent: (\\d+) \\((\\d+) retries\\) \\| Replies: (\\d+)"
            + " \\| Invalid: (\\d+) \\| Duplicates: (\\d+) \\| Capture drops: (\\d+) \\| Rate: (\\d+)/s");
    private static final Pattern ELAPSED = Pattern.compile("scanned in ([0-9.]+) seconds");
    private static final Pattern PORT = Pattern.compile("<port protocol=");
    private static final Pattern EXTRA = Pattern.compile("<extraports state=\"[^\"]+\" count=\"(\\d+)\"");

    /** The engine's figures from the summary line of the normal output. */
    record Summary(long sent, long retries, long replies, long invalid, long duplicates, long drops, long rate,
            double seconds) {
        @Override
        public String toString() {
            return String.format("%.2f s, sent %d (%d retries), replies %d, invalid %d, duplicates %d, capture drops %d,"
                    + " %d/s", seconds, sent, retries, replies, invalid, duplicates, drops, rate);
        }
    }

    /** Runs {@code synscan ARGS -oX FILE} in {@code namespace} and waits for it. */
    static ScanRun in(String namespace, Path dir, Duration timeout, String... args) {
        Path xml = dir.resolve("scan-" + System.nanoTime() + ".xml");
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
                Lab.home().resolve("synscan").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-oX", xml.toString()));
        long start = System.nanoTime();
        ProcessResult r = Lab.run(timeout, cmd);
        double wall = (System.nanoTime() - start) / 1e9;
        String text = "";
        try {
            if (Files.exists(xml)) {
                text = Files.readString(xml, StandardCharsets.UTF_8);
                Files.delete(xml);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ScanRun(r, wall, text, summaryOf(r.stdout()));
    }

    /** Runs a scan in the lab's scanner namespace (after the no-default-route check). */
    static ScanRun lab(Path dir, Duration timeout, String... args) {
        Lab.assertNoDefaultRoute();
        return in(Lab.SCANNER_NS, dir, timeout, args);
    }

    static Summary summaryOf(String normalOutput) {
        Matcher m = STATS.matcher(normalOutput);
        Matcher e = ELAPSED.matcher(normalOutput);
        if (!m.find() || !e.find()) {
            return null;
        }
        return new Summary(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                Long.parseLong(m.group(7)), Double.parseDouble(e.group(1)));
    }

    /** Fails unless the scan exited 0 and printed its summary. */
    ScanRun assertCompleted() {
        assertEquals(0, process.exitCode(), process.describe());
        assertTrue(summary != null, "no summary line in: " + process.stdout());
        return this;
    }

    NmapResults results() {
        return NmapResults.parse(xml);
    }

    /**
     * Port results in the XML (listed ports plus folded ones): equals the number of ports scanned
     * exactly when no port was reported twice.
     */
    long resultEntries() {
        long n = 0;
        Matcher p = PORT.matcher(xml);
        while (p.find()) {
            n++;
        }
        Matcher e = EXTRA.matcher(xml);
        while (e.find()) {
            n += Long.parseLong(e.group(1));
        }
        return n;
    }

    /**
     * The scan of {@code host} equals the truth on every port in {@code ports}, reports no other host
     * and no port twice.
     */
    void assertTruth(Truth truth, InetAddress host, Protocol protocol, Collection<Integer> ports) {
        NmapResults r = results();
        assertEquals(List.of(host), r.hosts(), "hosts in the report");
        Truth.Diff diff = truth.compare(host, protocol, ports, r.ports(host, protocol));
        assertTrue(diff.agrees(), diff.report() + "\nsummary: " + summary);
        assertEquals(ports.size(), resultEntries(), "port results in the XML (a duplicate result adds one)");
    }
}
