package org.synscan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14: only ASCII digits are numbers. "127.0.0.1/８" was a /8 (16.7 M addresses) and "--seed ７"
 * seed 7, while "-p ８０" was refused. Every place a number is read, table-driven: the command line
 * with an ASCII digit (or hex letter) is accepted, the same line with each look-alike from other
 * scripts is exit 2 with one line naming the flag or the value.
 */
class AsciiDigitsTest {
    private static final String T = "198.18.0.1";

    @TempDir
    static Path dir;

    /** The digit d in other scripts: fullwidth, Arabic-Indic, Devanagari, Bengali, mathematical bold (two chars). */
    static List<String> lookAlikes(char ascii) {
        if (ascii >= '0' && ascii <= '9') {
            int d = ascii - '0';
            return List.of(String.valueOf((char) (0xFF10 + d)), String.valueOf((char) (0x0660 + d)),
                    String.valueOf((char) (0x0966 + d)), String.valueOf((char) (0x09E6 + d)),
                    new String(Character.toChars(0x1D7CE + d)));
        }
        int l = Character.toLowerCase(ascii) - 'a';
        return List.of(String.valueOf((char) (0xFF21 + l)), String.valueOf((char) (0xFF41 + l)));
    }

    /** {the ASCII character that '#' stands for, the command line with '#'}. */
    static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        // targets: prefix, octet, octet range and list, full range, IPv6 hex and prefix, --exclude
        rows.add(row('8', "198.18.0.0/2#"));
        rows.add(row('8', "198.18.0.#"));
        rows.add(row('8', "198.18.0.1-#"));
        rows.add(row('8', "198.18.0.1,#"));
        rows.add(row('8', "198.18.0.1-198.18.0.#"));
        rows.add(row('8', "198.18.#.*"));
        rows.add(row('8', "-6", "fd00::#"));
        rows.add(row('a', "-6", "fd00::#"));
        rows.add(row('8', "-6", "fd00::/12#"));
        rows.add(row('8', "-6", "fd00::1-fd00::#"));
        rows.add(row('8', "-6", "::ffff:198.18.0.#"));
        rows.add(row('8', T + "/30", "--exclude", "198.18.0.#"));
        // ports
        rows.add(row('8', T, "-p", "#0"));
        rows.add(row('8', T, "-p", "#0-90"));
        rows.add(row('8', T, "-p", "70-#0"));
        rows.add(row('8', T, "-p", "T:#0"));
        rows.add(row('8', T, "-p", "-#"));
        rows.add(row('8', T, "-p", "1-100", "--exclude-ports", "#0"));
        rows.add(row('8', T, "--top-ports", "#"));
        // order
        rows.add(row('8', T, "--seed", "#"));
        rows.add(row('8', T, "--seed", "-#"));
        rows.add(row('8', T, "--seed", "0x#"));
        rows.add(row('a', T, "--seed", "0x#"));
        rows.add(row('8', T, "--seed", "1", "--shard", "1/#"));
        rows.add(row('1', T, "--seed", "1", "--shard", "#/8"));
        // timing
        rows.add(row('3', T, "-T", "#"));
        rows.add(row('8', T, "--rate", "#000"));
        rows.add(row('8', T, "--rate", "1.#"));
        rows.add(row('8', T, "--min-rate", "#"));
        rows.add(row('8', T, "--max-retries", "#"));
        rows.add(row('8', T, "--stats-every", "#s"));
        rows.add(row('8', T, "--stats-every", "1#ms"));
        // spoofing
        rows.add(row('8', T, "--ttl", "#"));
        rows.add(row('8', T, "-g", "#0"));
        rows.add(row('8', T, "-S", "198.18.0.#"));
        rows.add(row('8', T, "--source-mac", "02:00:5e:10:00:0#"));
        rows.add(row('a', T, "--source-mac", "02:00:5e:10:00:0#"));
        rows.add(row('a', T, "--router-mac", "02-00-5e-10-00-0#"));
        rows.add(row('8', T, "--router-mac", "02005e10000#"));
        return rows;
    }

    private static Object[] row(char ascii, String... args) {
        return new Object[] {ascii, args};
    }

    static Stream<Arguments> cases() {
        return rows().stream().map(r -> Arguments.of(r[0], r[1]));
    }

    @ParameterizedTest(name = "[{index}] {0} in {1}")
    @MethodSource("cases")
    void asciiIsANumberAndNoLookAlikeIs(char ascii, String[] template) {
        String[] good = fill(template, String.valueOf(ascii));
        Cli.Result ok = new Cli().run(good);
        assertEquals(0, ok.code(), "the ASCII form must be accepted, or this case proves nothing: "
                + String.join(" ", good) + " -> " + ok.err());
        for (String other : lookAlikes(ascii)) {
            String[] bad = fill(template, other);
            assertRefused(bad, named(template, other));
        }
    }

    /** Target files: the value, the file and the line are named. */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("fileFlags")
    void targetFilesTakeAsciiDigitsOnly(String flag) throws IOException {
        for (String other : lookAlikes('8')) {
            Path f = Files.writeString(dir.resolve("list-" + flag.replace("-", "") + other.codePointAt(0) + ".txt"),
                    "198.18.0.1\n198.18.0.0/2" + other + "\n");
            String[] args = flag.equals("-iL") ? new String[] {"-iL", f.toString()}
                    : new String[] {T, "--excludefile", f.toString()};
            assertRefused(args, List.of(other, flag + " " + f + " line 2: bad target '198.18.0.0/2"));
        }
    }

    static Stream<String> fileFlags() {
        return Stream.of("-iL", "--excludefile");
    }

    private static String[] fill(String[] template, String digit) {
        return Arrays.stream(template).map(a -> a.replace("#", digit)).toArray(String[]::new);
    }

    /**
     * What the error must show: the look-alike as given, and the flag before the value that holds
     * it (not -6, and not --exclude, whose targets are reported like the command line's).
     */
    private static List<String> named(String[] template, String digit) {
        for (int i = 0; i < template.length; i++) {
            if (template[i].contains("#")) {
                String flag = i > 0 ? template[i - 1] : "";
                return flag.startsWith("-") && !flag.equals("-6") && !flag.equals("--exclude")
                        ? List.of(digit, flag) : List.of(digit);
            }
        }
        throw new AssertionError("no # in " + Arrays.toString(template));
    }

    private static String assertRefused(String[] args, List<String> mustName) {
        Cli cli = new Cli();
        cli.runner = (plan, out, err) -> {
            throw new AssertionError("a look-alike digit reached the engine: " + String.join(" ", args)
                    + " (targets " + plan.targets() + ")");
        };
        Cli.Result r = cli.run(args);
        String what = String.join(" ", args) + " -> " + r.err();
        assertEquals(2, r.code(), what);
        assertEquals("", r.out(), what);
        assertEquals(1, r.err().lines().count(), what);
        assertTrue(r.err().startsWith("synscan: "), what);
        assertFalse(r.err().contains("internal error"), what);
        for (String name : mustName) {
            assertTrue(r.err().contains(name), "does not name " + name + ": " + what);
        }
        return r.err();
    }
}
