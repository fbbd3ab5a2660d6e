package org.synscan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The status line in a real pseudo-terminal (util-linux {@code script}): it is drawn only when
 * standard error is a terminal, redrawn in place with every field, and never shares a line with a
 * result printed meanwhile.
 */
class StatusLineTtyTest {
    static final Pattern LINE = Pattern.compile("(\\d+:\\d\\d:\\d\\d) elapsed \\| (\\d+\\.\\d)% done \\| (\\d+) probes/s"
            + " \\| (\\d+) replies \\| (\\d+) open \\| (\\d+) retries \\| ETA (\\d+:\\d\\d:\\d\\d|--:--:--)");

    static String javaCommand() {
        List<String> parts = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {StatusLineChild.class, StatusLine.class, com.sun.jna.Native.class}) {
            try {
                String p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                if (!parts.contains(p)) {
                    parts.add(p);
                }
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return Path.of(System.getProperty("java.home"), "bin", "java") + " -Xshare:auto -XX:TieredStopAtLevel=1 -cp "
                + String.join(":", parts) + " " + StatusLineChild.class.getName();
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("TERM", "xterm");
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void statusLineInAPseudoTerminal() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script missing");
        String screen = run(List.of("/usr/bin/script", "-q", "-e", "-c", javaCommand(), "/dev/null"));
        // every redraw starts at column 0 with the line erased
        String[] draws = screen.split("\r\033\\[K", -1);
        int lines = 0;
        double lastPercent = -1;
        for (String d : draws) {
            Matcher m = LINE.matcher(d);
            if (m.lookingAt()) {
                lines++;
                double percent = Double.parseDouble(m.group(2));
                assertTrue(percent >= lastPercent, "progress never goes back: " + screen);
                lastPercent = percent;
            }
        }
        assertTrue(lines >= 4, "refreshed about four times a second for 1.6 s: " + lines + " in " + screen);
        assertTrue(lastPercent > 50, screen);
        // the result lands on a line of its own: erased status line, then the text
        assertTrue(screen.contains("\r\033[KDiscovered open port 22/tcp on 198.18.0.2"), screen);
        assertTrue(screen.contains("\r\033[Ksynscan done"), "cleared before the final output: " + screen);
    }

    @Test
    void noStatusLineWhenStandardErrorIsNotATerminal() throws Exception {
        String out = run(List.of("/bin/sh", "-c", javaCommand()));
        assertFalse(out.contains("elapsed"), out);
        assertFalse(out.contains("\033["), out);
        assertEquals("Discovered open port 22/tcp on 198.18.0.2\nsynscan done\n", out);
    }
}
