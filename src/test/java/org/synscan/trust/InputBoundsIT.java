package org.synscan.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.lab.Lab;
import org.synscan.lab.ProcessResult;

/**
 * Issue 14, findings 7 and 8, through the real launcher (its JVM flags, -Xmx256m included): input
 * files without end, look-alike digits and a spoiled result file are one line on stderr and exit 2,
 * and a long target list is listed whole. Only -sL (sends nothing) and merge: no root, no network.
 */
class InputBoundsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    /** The launcher run by bash with a UTF-8 locale; {@code script} sees it as "$0". */
    private static ProcessResult synscan(String script) {
        return Lab.run(TIMEOUT, List.of("env", "LC_ALL=C.UTF-8", "bash", "-c", script,
                Lab.home().resolve("synscan").toString()));
    }

    private static void assertOneLineUsageError(ProcessResult r, String expected) {
        assertEquals(2, r.exitCode(), r.describe());
        assertEquals("", r.stdout(), r.describe());
        assertTrue(r.stderr().startsWith(expected), "expected '" + expected + "...': " + r.describe());
        assertEquals(1, r.stderr().lines().count(), r.describe());
    }

    @Test
    void devZeroAsATargetListIsOneLineAndExitTwo() {
        ProcessResult r = synscan("exec \"$0\" -sL -iL /dev/zero -p 80");
        assertEquals("synscan: -iL /dev/zero line 1: longer than 1048576 bytes; expected a text list of targets\n",
                r.stderr(), r.describe());
        assertOneLineUsageError(r, "synscan: -iL /dev/zero line 1: ");
    }

    @Test
    void devZeroAsAnExcludeFileIsOneLineAndExitTwo() {
        ProcessResult r = synscan("exec \"$0\" -sL 127.0.0.1 --excludefile /dev/zero -p 80");
        assertOneLineUsageError(r, "synscan: --excludefile /dev/zero line 1: longer than 1048576 bytes");
    }

    @Test
    void aLineOfMegabytesOnStandardInputIsOneLineAndExitTwo() {
        ProcessResult r = synscan("head -c 5000000 /dev/zero | tr '\\0' 7 | \"$0\" -sL -iL - -p 80");
        assertOneLineUsageError(r, "synscan: -iL - line 1: longer than 1048576 bytes");
    }

    /** "127.0.0.1/８" listed 16.7 million addresses; "--seed ７" was seed 7. Bytes from printf: no locale in between. */
    @Test
    void lookAlikeDigitsAreRefused() {
        String fullwidth8 = "$(printf '\\357\\274\\230')";
        assertOneLineUsageError(synscan("exec \"$0\" -sL 127.0.0.1/" + fullwidth8 + " -p 80"),
                "synscan: bad target '127.0.0.1/");
        assertOneLineUsageError(synscan("exec \"$0\" -sL 127.0.0.1 -p 80 --seed " + fullwidth8), "synscan: --seed ");
        assertOneLineUsageError(synscan("exec \"$0\" -sL 127.0.0.1 -p 8" + fullwidth8), "synscan: -p");
    }

    @Test
    void mergeOfAPortOutOfRangeNamesFileAndLine() throws IOException {
        Path json = Files.writeString(dir.resolve("m.json"), "{\"type\":\"header\",\"scanner\":\"synscan\"}\n"
                + "{\"type\":\"port\",\"address\":\"127.0.0.1\",\"addrtype\":\"ipv4\",\"protocol\":\"tcp\",\"port\":99999,"
                + "\"state\":\"open\",\"reason\":\"syn-ack\",\"reason_ttl\":64}\n", StandardCharsets.UTF_8);
        ProcessResult r = synscan("exec \"$0\" merge '" + json + "'");
        assertEquals("synscan: " + json + " line 2: port 99999 is out of range (0-65535)\n", r.stderr(), r.describe());
        assertOneLineUsageError(r, "synscan: " + json + " line 2: ");
    }

    /** A shuffled block read line by line lists every address once; the sorted list too. */
    @Test
    void aLongShuffledListIsListedWhole() throws IOException {
        int n = 200_000;
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long a = 0x7F00_0000L + i; // 127/8: -sL sends nothing, and this is loopback anyway
            lines.add((a >>> 24) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255));
        }
        Path sorted = Files.write(dir.resolve("sorted.txt"), lines);
        Collections.shuffle(lines, new Random(14));
        Path shuffled = Files.write(dir.resolve("shuffled.txt"), lines);
        for (Path list : List.of(sorted, shuffled)) {
            ProcessResult r = synscan("exec \"$0\" -sL -iL '" + list + "' -p 80");
            assertEquals(0, r.exitCode(), r.describe());
            List<String> out = r.stdout().lines().toList();
            assertEquals(n, out.size(), list.toString());
            assertEquals(n, new HashSet<>(out).size(), "every address once: " + list);
            assertTrue(out.stream().allMatch(l -> l.startsWith("127.") && l.endsWith(" tcp 80")), list.toString());
        }
    }
}
