package org.synscan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 7, bad input: malformed command lines (targets, ports, prefixes, CIDR, ranges, shards,
 * rates, timing, outputs, files missing, empty, binary or a directory, unknown flags); issue 14,
 * files without end (/dev/zero, one line of megabytes). Each must exit 2 with exactly one line on
 * stderr, "synscan: ..." naming the problem (the bad value or the flag), nothing on stdout, no stack
 * trace, and never reach the engine.
 */
class BadInputTest {
    private static final String T = "198.18.0.1";

    @TempDir
    static Path dir;
    private static String missing;
    private static String empty;
    private static String binary;
    private static String directory;
    private static String commentsOnly;
    private static String oneLongLine;

    @BeforeAll
    static void files() throws IOException {
        missing = dir.resolve("no-such-file.txt").toString();
        empty = Files.createFile(dir.resolve("empty.txt")).toString();
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        junk[10] = 0;
        binary = Files.write(dir.resolve("binary.dat"), junk).toString();
        directory = Files.createDirectory(dir.resolve("a-directory")).toString();
        commentsOnly = Files.writeString(dir.resolve("comments.txt"), "# nothing here\n\n   # still nothing\n",
                StandardCharsets.UTF_8).toString();
        oneLongLine = Files.writeString(dir.resolve("one-long-line.txt"), "198.18.0.1 ".repeat(300_000),
                StandardCharsets.UTF_8).toString();
    }

    /** {what the one stderr line must contain, the command line}. */
    static Stream<Arguments> badCommandLines() {
        List<Arguments> cases = new ArrayList<>();
        // targets, prefixes, CIDR, ranges
        add(cases, "198.18.0.256", "198.18.0.256", "-p", "22");
        add(cases, "198.18.0.1/33", "198.18.0.1/33");
        add(cases, "198.18.0.1/-1", "198.18.0.1/-1");
        add(cases, "198.18.0.1/", "198.18.0.1/");
        add(cases, "198.18.0.0/abc", "198.18.0.0/abc");
        add(cases, "198.18.0.10-5", "198.18.0.10-5");
        add(cases, "198.18.0.1-300", "198.18.0.1-300");
        add(cases, "198.18.0-3.5-1", "198.18.0-3.5-1");
        add(cases, "198.18..1", "198.18..1");
        add(cases, "1.2.3.4.5", "1.2.3.4.5");
        add(cases, "198.18.0.1\\x1b[2J", "198.18.0.1\u001b[2J"); // a terminal escape is shown, not obeyed
        add(cases, "198.18.0.1-198.18.0.0", "198.18.0.1-198.18.0.0");
        add(cases, "fd00::1::2", "-6", "fd00::1::2");
        add(cases, "fd00::/129", "-6", "fd00::/129");
        add(cases, "gggg::1", "-6", "gggg::1");
        add(cases, "fd00::1", "fd00::1");
        add(cases, "198.18.0.1", "-6", "198.18.0.1");
        add(cases, "IPv4 and IPv6", T, "fd00::1");
        add(cases, "nowhere.test", "nowhere.test");
        add(cases, "no targets", "-p", "22");
        add(cases, "no targets", "");
        add(cases, "exclusions", "198.18.0.0/30", "--exclude", "198.18.0.0/29");
        add(cases, "198.18.0.300", T, "--exclude", "198.18.0.300");
        add(cases, "2^62", "-6", "fd00::/60", "-p-");
        // ports
        add(cases, "65536", T, "-p", "65536");
        add(cases, "100-50", T, "-p", "100-50");
        add(cases, "nosuchservice", T, "-p", "nosuchservice");
        add(cases, "-p", T, "-p", "");
        add(cases, "'X:'", T, "-p", "X:22");
        add(cases, "1-2-3", T, "-p", "1-2-3");
        add(cases, "T:", T, "-p", "T:");
        add(cases, "99999", T, "-p", "22", "--exclude-ports", "99999");
        add(cases, "--top-ports 0", T, "--top-ports", "0");
        add(cases, "--top-ports abc", T, "--top-ports", "abc");
        add(cases, "no ports", T, "-p", "22", "--exclude-ports", "22");
        // shards
        add(cases, "--shard 0/3", T, "--seed", "1", "--shard", "0/3");
        add(cases, "--shard 4/3", T, "--seed", "1", "--shard", "4/3");
        add(cases, "--shard 1/0", T, "--seed", "1", "--shard", "1/0");
        add(cases, "--shard abc", T, "--seed", "1", "--shard", "abc");
        add(cases, "--shard 1/", T, "--seed", "1", "--shard", "1/");
        add(cases, "--seed", T, "--shard", "2/3");
        add(cases, "--seed 0xzz", T, "--seed", "0xzz");
        // rates and timing
        add(cases, "--rate 0", T, "--rate", "0");
        add(cases, "--rate -5", T, "--rate", "-5");
        add(cases, "--rate abc", T, "--rate", "abc");
        add(cases, "--rate 1e9", T, "--rate", "1e9");
        add(cases, "--rate 200000000", T, "--rate", "200000000");
        add(cases, "--min-rate 100", T, "--min-rate", "100", "--rate", "10");
        add(cases, "--min-rate abc", T, "--min-rate", "abc");
        add(cases, "-T 6", T, "-T6");
        add(cases, "-T fast", T, "-T", "fast");
        add(cases, "--max-retries 51", T, "--max-retries", "51");
        add(cases, "--max-retries -1", T, "--max-retries", "-1");
        add(cases, "--host-timeout 5x", T, "--host-timeout", "5x");
        add(cases, "--host-timeout -1s", T, "--host-timeout", "-1s");
        add(cases, "--ttl 0", T, "--ttl", "0");
        add(cases, "-g 70000", T, "-g", "70000");
        // spoofing and outputs
        add(cases, "-S 1.2.3", T, "-S", "1.2.3");
        add(cases, "--source-mac zz", T, "--source-mac", "zz");
        add(cases, "--send-path fast", T, "--send-path", "fast");
        add(cases, "-e a/b", T, "-e", "a/b");
        add(cases, "-oX", T, "-oX", "");
        add(cases, "-oA", T, "-oA", "-");
        add(cases, "standard output", T, "-oN", "-", "-oX", "-");
        // unknown and incomplete flags
        add(cases, "--bogus", T, "--bogus");
        add(cases, "-sT", "-sT", T);
        add(cases, "-Z", T, "-Z");
        add(cases, "--rate", T, "--rate");
        add(cases, "-p", T, "-p");
        add(cases, "-iL", "-iL");
        return cases.stream();
    }

    /** Target and exclusion files: missing, empty, binary, a directory, only comments. */
    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of(missing, new String[] {"-iL", missing}),
                Arguments.of(empty, new String[] {"-iL", empty}),
                Arguments.of(binary, new String[] {"-iL", binary}),
                Arguments.of(directory, new String[] {"-iL", directory}),
                Arguments.of(commentsOnly, new String[] {"-iL", commentsOnly}),
                Arguments.of(missing, new String[] {T, "--excludefile", missing}),
                Arguments.of(binary, new String[] {T, "--excludefile", binary}),
                Arguments.of(directory, new String[] {T, "--excludefile", directory}),
                // issue 14: read up to a bound, never all of it into memory
                Arguments.of("-iL /dev/zero line 1: longer than", new String[] {"-iL", "/dev/zero"}),
                Arguments.of("--excludefile /dev/zero line 1: longer than",
                        new String[] {T, "--excludefile", "/dev/zero"}),
                Arguments.of(oneLongLine + " line 1: longer than", new String[] {"-iL", oneLongLine}));
    }

    private static void add(List<Arguments> cases, String mustName, String... args) {
        cases.add(Arguments.of(mustName, args));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badCommandLines")
    void exitsTwoWithOneLineNamingTheProblem(String mustName, String[] args) {
        assertOneLineUsageError(mustName, args);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badFiles")
    void badFilesExitTwoWithOneLineNamingTheFile(String file, String[] args) {
        assertOneLineUsageError(file, args);
    }

    @org.junit.jupiter.api.Test
    void thereAreAtLeastFiftyCases() {
        assertTrue(badCommandLines().count() + badFiles().count() >= 50);
    }

    private static void assertOneLineUsageError(String mustName, String[] args) {
        Cli cli = new Cli();
        cli.runner = (plan, out, err) -> fail("a malformed command line reached the engine: " + String.join(" ", args));
        Cli.Result r = cli.run(args);
        String what = String.join(" ", args);
        assertEquals(2, r.code(), what + " -> " + r.err());
        assertEquals("", r.out(), what);
        assertTrue(r.err().endsWith("\n") && r.err().indexOf('\n') == r.err().length() - 1,
                "not exactly one line: " + what + " -> " + r.err());
        assertTrue(r.err().startsWith("synscan: "), what + " -> " + r.err());
        assertTrue(r.err().chars().limit(r.err().length() - 1).allMatch(c -> c >= 0x20 && c != 0x7F),
                "control characters on stderr: " + what + " -> " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("internal error"),
                "a stack trace or internal error: " + what + " -> " + r.err());
        assertTrue(r.err().contains(mustName), "the message does not name '" + mustName + "': " + what + " -> " + r.err());
    }
}
