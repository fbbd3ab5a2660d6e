package org.synscan.trust;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.lab.Lab;
import org.synscan.lab.LabExtension;
import org.synscan.lab.Truth;
import org.synscan.result.Protocol;

/**
 * Issue 7, hostile and stray replies: a third host on the lab link ({@link HostileNet}) sees every
 * probe and answers each with near misses (wrong ack, another try's port, another source, ICMP
 * errors quoting a changed header), sends replies for ports the scan never probes, or floods the
 * scanner with junk frames, all during a default-speed scan of ports 1-30000. The results must be
 * exactly the truth, and the summary must count the forgeries as invalid.
 */
@ExtendWith(LabExtension.class)
class HostileRepliesIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final int LAST_PORT = 30_000;
    /** Replies for unprobed ports (or junk frames): how fast and how many, from the first probe on. */
    private static final int EXTRA_RATE = 20_000;
    private static final int EXTRA_COUNT = 40_000;

    private final Truth truth = Truth.load();
    @TempDir
    Path dir;

    @Test
    void nearMissesAndUnsolicitedRepliesIpv4() {
        hostileScan(false);
    }

    @Test
    void nearMissesAndUnsolicitedRepliesIpv6() {
        hostileScan(true);
    }

    private void hostileScan(boolean v6) {
        Scanned s = scanUnder("hostile", v6);
        long forged = s.counts.getOrDefault("injected", 0L);
        long unsolicited = s.counts.entrySet().stream().filter(e -> e.getKey().startsWith("unsolicited_"))
                .mapToLong(Map.Entry::getValue).sum();
        assertTrue(s.counts.getOrDefault("probes", 0L) >= LAST_PORT, "the injector saw too few probes: " + s.counts);
        assertTrue(forged >= 3L * LAST_PORT + EXTRA_COUNT, "fewer forgeries than planned: " + s.counts);
        assertTrue(unsolicited == EXTRA_COUNT, "unsolicited replies: " + s.counts);
        ScanRun.Summary sum = s.run.summary();
        // Every forgery is addressed to the scanner, so each one that reaches it during the scan counts as
        // invalid. tcpdump on the scanner's interface, stopped as soon as the scan process ends, says how many
        // did, give or take the frames of the scanner's last fraction of a second (its capture closes before the
        // process writes its reports and exits). The target's challenge ACKs to the scanner kernel's RSTs add a
        // few invalid frames.
        assertTrue(s.witnessed > 0 && s.witnessed <= forged, "tcpdump saw " + s.witnessed + " of " + forged);
        // Frames the scanner's own capture had no room for (a busy machine) never reach its classifier, and
        // it says how many: they are not forgeries it let through.
        assertTrue(sum.invalid() + sum.drops() >= s.witnessed * 97 / 100, "forgeries that reached the scanner but were not"
                + " counted as invalid: " + sum + "; tcpdump saw " + s.witnessed + "; " + s.counts);
        assertTrue(sum.invalid() <= s.witnessed + s.witnessed / 100 + 100, "more invalid frames than arrived: " + sum
                + "; tcpdump saw " + s.witnessed);
    }

    @Test
    void junkOnTheWireProducesNoResult() {
        for (boolean v6 : new boolean[] {false, true}) {
            Scanned s = scanUnder("junk", v6);
            assertTrue(s.counts.getOrDefault("junk", 0L) == EXTRA_COUNT, "junk frames: " + s.counts);
            // much of the junk is no IP packet at all; what parses and is addressed to us is invalid
            assertTrue(s.run.summary().invalid() > EXTRA_COUNT / 20, "the junk never reached the classifier: "
                    + s.run.summary());
        }
    }

    /**
     * What one scan under an injector gave: the scan, the injector's counts, and how many of its frames
     * tcpdump saw arrive at the scanner's interface.
     */
    private record Scanned(ScanRun run, Map<String, Long> counts, long witnessed) {
    }

    private Scanned scanUnder(String mode, boolean v6) {
        InetAddress target = v6 ? Lab.TARGET_V6 : Lab.TARGET_V4;
        ScanRun run;
        Map<String, Long> counts;
        String witness;
        long witnessed;
        try (HostileNet net = HostileNet.up();
                Tcpdump tcpdump = Tcpdump.start(Lab.SCANNER_NS, Lab.SCANNER_IF, "ether src " + net.mac(), null,
                        dir.resolve("tcpdump.log"));
                HostileNet.Injection injector = net.inject(mode, (v6 ? Lab.SCANNER_V6 : Lab.SCANNER_V4).getHostAddress(),
                        LAST_PORT + 1, EXTRA_RATE, EXTRA_COUNT, 120)) {
            // a rate the injector (a JVM reading a mirror of the link) keeps up with: it forges for each probe
            run = v6 ? ScanRun.lab(dir, TIMEOUT, "-6", target.getHostAddress(), "-p", "1-" + LAST_PORT, "--rate", "10000")
                    : ScanRun.lab(dir, TIMEOUT, target.getHostAddress(), "-p", "1-" + LAST_PORT, "--rate", "10000");
            // what reached the scanner while it ran: the injector may lag behind the probes and send the last
            // near misses after the scan is over
            witness = tcpdump.stop();
            witnessed = tcpdump.received(); // counts what its ring had no room for too
            counts = injector.stop();
        }
        System.out.printf("[issue 7] %s injection, %s, ports 1-%d: scan %s | injector %s | tcpdump on the scanner's"
                + " link: %s%n", mode, v6 ? "ipv6" : "ipv4", LAST_PORT, run.summary(), counts, witness);
        SortedSet<Integer> ports = new TreeSet<>();
        for (int p = 1; p <= LAST_PORT; p++) {
            ports.add(p);
        }
        run.assertCompleted().assertTruth(truth, target, Protocol.TCP, ports);
        return new Scanned(run, counts, witnessed);
    }
}
