package org.synscan.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedLinesTest {
    @TempDir
    Path dir;

    private static BoundedLines of(String text, int max) {
        return new BoundedLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8,
                max);
    }

    private static List<String> all(BoundedLines in) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line; (line = in.next()) != null; ) {
            out.add(line);
        }
        return out;
    }

    @Test
    void linesEndAtLfCrLfOrCrLikeBufferedReader() throws IOException {
        String text = "a\nb\r\nc\rd\n\n\r\ne";
        assertEquals(new java.io.BufferedReader(new java.io.StringReader(text)).lines().toList(), all(of(text, 10)));
        assertEquals(List.of("a", "b", "c", "d", "", "", "e"), all(of(text, 10)));
        assertEquals(List.of(), all(of("", 10)));
        assertEquals(List.of("x"), all(of("x\n", 10)), "a last newline does not make an empty line");
    }

    @Test
    void lineNumbersCountEveryLineReturned() throws IOException {
        BoundedLines in = of("one\r\ntwo\n\nfour", 10);
        assertEquals(0, in.lineNumber());
        in.next();
        assertEquals(1, in.lineNumber());
        in.next();
        in.next();
        assertEquals("four", in.next());
        assertEquals(4, in.lineNumber());
        assertNull(in.next());
        assertEquals(4, in.lineNumber());
    }

    @Test
    void aLineOfExactlyTheBoundIsReadAndOneByteMoreIsRefusedWithItsNumber() throws IOException {
        String max = "x".repeat(100);
        assertEquals(List.of("ok", max, "ok"), all(of("ok\n" + max + "\nok\n", 100)));
        BoundedLines in = of("ok\nstill ok\n" + max + "y\nnever read\n", 100);
        in.next();
        in.next();
        BoundedLines.LineTooLongException e = assertThrows(BoundedLines.LineTooLongException.class, in::next);
        assertEquals(3, e.line());
        assertEquals(100, e.limit());
        assertEquals("line 3 is longer than 100 bytes", e.getMessage());
    }

    @Test
    void theBoundIsInBytesAndMultiByteCharactersDecode() throws IOException {
        assertEquals(List.of("é€"), all(of("é€\n", 5))); // 2 + 3 bytes
        assertThrows(BoundedLines.LineTooLongException.class, () -> all(of("é€\n", 4)));
    }

    @Test
    void devZeroIsRefusedAfterTheBoundNotAfterAllMemory() throws IOException {
        try (BoundedLines in = BoundedLines.open(Path.of("/dev/zero"), StandardCharsets.ISO_8859_1, 1 << 20)) {
            BoundedLines.LineTooLongException e = assertThrows(BoundedLines.LineTooLongException.class, in::next);
            assertEquals(1, e.line());
        }
    }

    @Test
    void megabytesWithoutANewlineAreRefused() throws IOException {
        byte[] big = new byte[3 << 20];
        Arrays.fill(big, (byte) '1');
        Path file = Files.write(dir.resolve("one-line.txt"), big);
        try (BoundedLines in = BoundedLines.open(file, StandardCharsets.ISO_8859_1, 1 << 20)) {
            assertEquals(1, assertThrows(BoundedLines.LineTooLongException.class, in::next).line());
        }
    }

    /** A pipe hands out a few bytes at a time: lines cut across reads must come out whole. */
    @Test
    void readsThatEndMidLineOrBetweenCrAndLfJoinUp() throws IOException {
        byte[] bytes = "first\r\nsecond line\rthird\r\n".getBytes(StandardCharsets.US_ASCII);
        InputStream trickle = new InputStream() {
            private int at;

            @Override
            public int read() {
                return at < bytes.length ? bytes[at++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[at++];
                return 1;
            }
        };
        assertEquals(List.of("first", "second line", "third"),
                all(new BoundedLines(trickle, StandardCharsets.US_ASCII, 64)));
    }
}
