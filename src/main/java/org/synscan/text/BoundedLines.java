package org.synscan.text;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads text one line at a time with a bound on each line's length: input that never ends a line
 * ({@code /dev/zero}, a binary file, megabytes without a newline) fails after {@code maxLineBytes}
 * bytes instead of taking all the memory there is. Lines end at "\n", "\r\n" or "\r" (as
 * {@link java.io.BufferedReader#readLine} has it); the end is not part of the line. Holds one read
 * buffer and one line buffer that grows up to the bound, whatever the length of the input.
 * Not thread-safe.
 */
public final class BoundedLines implements Closeable {
    /** A line longer than the bound; {@link #getMessage()} says which line and the bound. */
    public static final class LineTooLongException extends IOException {
        private final long line;
        private final int limit;

        LineTooLongException(long line, int limit) {
            super("line " + line + " is longer than " + limit + " bytes");
            this.line = line;
            this.limit = limit;
        }

        /** The 1-based number of the line that is too long. */
        public long line() {
            return line;
        }

        /** The bound, in bytes. */
        public int limit() {
            return limit;
        }
    }

    private final InputStream in;
    private final Charset charset;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int end;
    private byte[] line = new byte[256];
    private long number;
    /** The last line ended with '\r': a '\n' right after it belongs to that end. */
    private boolean afterCr;

    /** Reads {@code in}, decoding each line with {@code charset}; {@link #close()} closes {@code in}. */
    public BoundedLines(InputStream in, Charset charset, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes " + maxLineBytes);
        }
        this.in = in;
        this.charset = charset;
        this.maxLineBytes = maxLineBytes;
    }

    /** Opens {@code file} for reading (NoSuchFileException, AccessDeniedException ... as Files throws them). */
    public static BoundedLines open(Path file, Charset charset, int maxLineBytes) throws IOException {
        return new BoundedLines(Files.newInputStream(file), charset, maxLineBytes);
    }

    /**
     * The next line without its end, or null at the end of the input.
     *
     * @throws LineTooLongException when the line holds more than the bound before its end
     */
    public String next() throws IOException {
        int len = 0;
        while (true) {
            if (pos == end && !fill()) {
                if (len == 0) {
                    return null;
                }
                number++;
                return new String(line, 0, len, charset);
            }
            byte b = buffer[pos++];
            if (b == '\n' && afterCr) {
                afterCr = false;
                continue;
            }
            afterCr = b == '\r';
            if (b == '\n' || b == '\r') {
                number++;
                return new String(line, 0, len, charset);
            }
            if (len == maxLineBytes) {
                throw new LineTooLongException(number + 1, maxLineBytes);
            }
            if (len == line.length) {
                line = Arrays.copyOf(line, (int) Math.min(maxLineBytes, 2L * len));
            }
            line[len++] = b;
        }
    }

    /** The 1-based number of the line {@link #next()} returned last (0 before the first). */
    public long lineNumber() {
        return number;
    }

    /** The bound this reader was made with, in bytes. */
    public int maxLineBytes() {
        return maxLineBytes;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        pos = 0;
        end = Math.max(n, 0);
        return n > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
