package org.synscan.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One pass over an /etc/services-style file (nmap-services has the same shape): lines of
 * whitespace-separated fields, '#' to the end of a line is a comment. nmap-services has 27,000
 * lines and is read at every start, so this works on the raw bytes: no regex, no String per field
 * unless the caller asks for one.
 */
final class ServicesFile {
    /** Fields of one line: offsets into the file's bytes. */
    interface Line {
        void accept(byte[] data, int[] start, int[] end, int fields);
    }

    private ServicesFile() {
    }

    /** Reads the file and hands each line with at least one field to {@code line}; false if unreadable. */
    static boolean read(Path file, int maxFields, Line line) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        parse(data, maxFields, line);
        return true;
    }

    /**
     * Lines are cut short as soon as {@code maxFields} fields are taken: most of nmap-services' bytes
     * are trailing comments, and skipping them with a bare newline search halves the cost of the
     * first (cold, not yet compiled) pass that every start pays.
     */
    static void parse(byte[] data, int maxFields, Line line) {
        int[] start = new int[maxFields];
        int[] end = new int[maxFields];
        int i = 0;
        int n = data.length;
        while (i < n) {
            int fields = 0;
            while (fields < maxFields) {
                while (i < n && isBlank(data[i])) {
                    i++;
                }
                if (i >= n || data[i] == '\n' || data[i] == '#') {
                    break;
                }
                start[fields] = i;
                while (i < n && !isBlank(data[i]) && data[i] != '\n' && data[i] != '#') {
                    i++;
                }
                end[fields++] = i;
            }
            while (i < n && data[i] != '\n') {
                i++;
            }
            i++; // the newline
            if (fields > 0) {
                line.accept(data, start, end, fields);
            }
        }
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    /** "22/tcp" in data[from, to) as a packed code (see {@link PortList#code}), or -1. */
    static int portProto(byte[] data, int from, int to) {
        int port = 0;
        int i = from;
        while (i < to && data[i] >= '0' && data[i] <= '9' && i - from < 5) {
            port = port * 10 + (data[i] - '0');
            i++;
        }
        if (i == from || i >= to || data[i] != '/' || port > 65535) {
            return -1;
        }
        int len = to - i - 1;
        if (len == 3 && data[i + 1] == 't' && data[i + 2] == 'c' && data[i + 3] == 'p') {
            return PortList.code(org.synscan.result.Protocol.TCP, port);
        }
        if (len == 3 && data[i + 1] == 'u' && data[i + 2] == 'd' && data[i + 3] == 'p') {
            return PortList.code(org.synscan.result.Protocol.UDP, port);
        }
        return -1;
    }

    static String text(byte[] data, int from, int to) {
        return new String(data, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
