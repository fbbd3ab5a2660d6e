package org.synscan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * native-setup/lab-check.sh against the namespace lab, as a user runs it on any Linux box: it finds
 * the namespace lab, runs every fixed scan in the scanner namespace, and passes only when each
 * equals the truth; given a truth that the lab does not have, the check fails.
 */
@ExtendWith(LabExtension.class)
class LabCheckIT {
    static final Duration TIMEOUT = Duration.ofSeconds(240);
    /** The rate the lab takes without loss (SynscanLabIT scans -p- at it too). */
    static final String FAST = "100000";
    static final List<String> CHECKS = List.of("tcp4", "tcp6", "udp4", "udp6", "anyip4", "anyip6", "loopback");
    private static final Pattern ROW = Pattern.compile("(?m)^(\\w+)\\s+.*?\\s+\\d+\\.\\ds\\s+(pass|FAIL)\\s+(.*)$");

    @TempDir
    Path tmp;

    static Path script() {
        return Lab.home().resolve("native-setup/lab-check.sh");
    }

    /** CHECK -> "pass ..." or "FAIL ..." from lab-check's table, in table order. */
    static java.util.LinkedHashMap<String, String> table(String stdout) {
        java.util.LinkedHashMap<String, String> rows = new java.util.LinkedHashMap<>();
        Matcher m = ROW.matcher(stdout);
        while (m.find()) {
            rows.put(m.group(1), m.group(2) + " " + m.group(3));
        }
        return rows;
    }

    @Test
    void everyFixedScanEqualsTheTruthInTheNamespaceLab() {
        ProcessResult r = Lab.run(TIMEOUT, List.of(script().toString(), "--rate", FAST));
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.stdout().startsWith("synscan lab check: namespace lab (synscan runs under ip netns exec"
                + " synscan-scan); synscan runs as root"), r.stdout());
        java.util.LinkedHashMap<String, String> rows = table(r.stdout());
        assertEquals(CHECKS, List.copyOf(rows.keySet()), r.stdout());
        assertEquals("pass 65535 ports = truth", rows.get("tcp4"), r.stdout());
        assertEquals("pass 65535 ports = truth", rows.get("tcp6"), r.stdout());
        assertEquals("pass 75 ports = truth (3 hosts)", rows.get("anyip4"), r.stdout());
        assertTrue(rows.get("loopback").startsWith("pass 65535 ports, open = what connect() accepts: 4711,50123"),
                r.stdout());
        assertTrue(r.stdout().endsWith("lab-check: 7 of 7 checks passed\n"), r.stdout());
        Lab.assertNoDefaultRoute();
    }

    @Test
    void aScanThatDiffersFromTheTruthFails() throws Exception {
        // the lab listens on tcp/22; a truth that says closed must make the check fail, naming the port
        Path truth = tmp.resolve("wrong-truth.tsv");
        String real = Files.readString(Lab.home().resolve("native-setup/lab-truth.tsv"));
        String wrong = real.replaceFirst("(?m)^both\\s+tcp\\s+22\\s+.*$", "both tcp 22 closed reset closed");
        assertTrue(!wrong.equals(real), "the truth lists tcp/22");
        Files.writeString(truth, wrong);
        ProcessResult r = Lab.run(TIMEOUT, List.of("env", "SYNSCAN_LAB_TRUTH=" + truth, script().toString(),
                "--rate", FAST, "--keep", tmp.resolve("kept").toString(), "tcp4", "udp4"));
        assertEquals(1, r.exitCode(), r.describe());
        java.util.LinkedHashMap<String, String> rows = table(r.stdout());
        assertTrue(rows.get("tcp4").startsWith("FAIL 198.18.0.2 tcp: 1 of 65535 ports DIFFER"), r.stdout());
        assertTrue(rows.get("udp4").startsWith("pass"), r.stdout());
        assertTrue(r.stdout().contains("tcp 22: truth closed/reset, scan open/syn-ack"), r.stdout());
        assertTrue(r.stdout().endsWith("lab-check: 1 of 2 checks passed\n"), r.stdout());
        assertTrue(Files.isRegularFile(tmp.resolve("kept/tcp4.xml")), "--keep keeps the XML");
    }
}
