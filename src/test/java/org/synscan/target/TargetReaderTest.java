package org.synscan.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.UsageException;

/** The streaming reader: targets in the order written, with their lines; bounded lines; errors located. */
class TargetReaderTest {
    @TempDir
    Path dir;

    private final TargetReader reader = new TargetReader(false, Fixtures.resolver(), Fixtures.stdin(""));

    /** "text@line: start-end" per range, in the order visited. */
    private static List<String> visits(TargetReader r, String file) {
        List<String> out = new ArrayList<>();
        r.file("-iL", file, (t, sHi, sLo, eHi, eLo) -> out.add(t.text() + "@" + t.line() + ": "
                + AddressSet.format(t.ipv6(), sHi, sLo) + "-" + AddressSet.format(t.ipv6(), eHi, eLo)));
        return out;
    }

    private static String error(Runnable r) {
        return assertThrows(UsageException.class, r::run).getMessage();
    }

    @Test
    void targetsComeInTheOrderWrittenWithTheirLines() throws IOException {
        Path f = Files.writeString(dir.resolve("t.txt"), "198.18.0.9 # last first\n\n198.18.0.1,5 lab.test\r\n"
                + "198.18.0-1.7\n198.18.0.0/31");
        assertEquals(List.of("198.18.0.9@1: 198.18.0.9-198.18.0.9", "198.18.0.1,5@3: 198.18.0.1-198.18.0.1",
                "198.18.0.1,5@3: 198.18.0.5-198.18.0.5", "lab.test@3: 198.18.0.10-198.18.0.10",
                "198.18.0-1.7@4: 198.18.0.7-198.18.0.7", "198.18.0-1.7@4: 198.18.1.7-198.18.1.7",
                "198.18.0.0/31@5: 198.18.0.0-198.18.0.1"), visits(reader, f.toString()));
    }

    @Test
    void errorsNameFlagFileAndLineAndQuoteLongTargetsShort() throws IOException {
        Path f = Files.writeString(dir.resolve("bad.txt"), "198.18.0.1\n198.18.0.2\n198.18.0.300\n");
        assertEquals("-iL " + f + " line 3: bad target '198.18.0.300': octet 300 is out of range (0-255)",
                error(() -> visits(reader, f.toString())));
        Path longOne = Files.writeString(dir.resolve("long.txt"), "198.18.0.1\n" + "x".repeat(500_000) + "!\n");
        String e = error(() -> visits(reader, longOne.toString()));
        assertTrue(e.startsWith("-iL " + longOne + " line 2: bad target 'xxxx"), e);
        assertTrue(e.length() < longOne.toString().length() + 200 && e.contains("(500001 characters)"), e);
        String visitorError = error(() -> reader.file("-iL", f.toString(), (t, a, b, c, d) -> {
            throw new UsageException("refused");
        }));
        assertEquals("-iL " + f + " line 1: refused", visitorError, "the visitor's errors are located too");
    }

    /** Issue 14: /dev/zero was read into memory until the JVM died. Now: one line, after a megabyte. */
    @Test
    void devZeroIsALineTooLong() {
        assertEquals("-iL /dev/zero line 1: longer than 1048576 bytes; expected a text list of targets",
                error(() -> visits(reader, "/dev/zero")));
        assertEquals("--excludefile /dev/zero line 1: longer than 1048576 bytes; expected a text list of targets",
                error(() -> reader.file("--excludefile", "/dev/zero", (t, a, b, c, d) -> { })));
    }

    @Test
    void megabytesWithoutANewlineAreALineTooLongFromAFileOrStdin() throws IOException {
        byte[] big = new byte[3 << 20];
        Arrays.fill(big, (byte) '7');
        Path f = dir.resolve("no-newline.txt");
        Files.write(f, "198.18.0.1\n".getBytes(StandardCharsets.US_ASCII));
        Files.write(f, big, java.nio.file.StandardOpenOption.APPEND);
        assertEquals("-iL " + f + " line 2: longer than 1048576 bytes; expected a text list of targets",
                error(() -> visits(reader, f.toString())));
        TargetReader fromStdin = new TargetReader(false, Fixtures.resolver(), new java.io.ByteArrayInputStream(big));
        assertEquals("-iL - line 1: longer than 1048576 bytes; expected a text list of targets",
                error(() -> visits(fromStdin, "-")));
        Path justUnder = Files.writeString(dir.resolve("wide.txt"), " ".repeat(TargetReader.MAX_LINE_BYTES - 10) + "198.18.0.1");
        assertEquals(List.of("198.18.0.1@1: 198.18.0.1-198.18.0.1"), visits(reader, justUnder.toString()));
    }

    @Test
    void splitKeepsOctetListsTogetherAndIsLinear() {
        assertEquals(List.of("198.18.0.1,5", "198.18.0.9"), TargetReader.split("198.18.0.1,5 198.18.0.9"));
        assertEquals(List.of("198.18.1,5.1", "lab.test"), TargetReader.split(" 198.18.1,5.1,lab.test "));
        assertEquals(List.of("198.18.0.0/24", "5"), TargetReader.split("198.18.0.0/24,5"));
        assertEquals(List.of("a", "b", "c"), TargetReader.split("a\u000bb\fc"));
        // a megabyte of one octet list: each piece appended in place, not the list copied per piece
        String list = "198.18.0." + "1,".repeat(400_000) + "2";
        assertEquals(List.of(list), TargetReader.split(list));
    }
}
