package org.synscan.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.synscan.ScanFailure;
import org.synscan.net.IpAddr;
import org.synscan.result.Protocol;

/**
 * Reads the kernel's socket tables /proc/net/{tcp,tcp6,udp,udp6} (those of the network namespace
 * the reading process is in) and keeps the listening TCP and bound, unconnected UDP sockets: what
 * {@code ss -ltu} lists. Readable without privileges.
 *
 * <p>A line is {@code sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...}; addresses are
 * the kernel's network-order 32-bit words printed with %08X as host-order integers, so each word's
 * bytes come out reversed on a little-endian machine; ports are plain hex.
 */
final class ProcNet {
    private static final int LOCAL = 1;
    private static final int STATE = 3;
    private static final int UID = 7;
    private static final int INODE = 9;

    private ProcNet() {
    }

    /** The four tables under {@code netDir} (normally /proc/net); a missing table (no IPv6) is empty. */
    static List<ListeningSocket> read(Path netDir, ByteOrder order) {
        List<ListeningSocket> out = new ArrayList<>();
        read(netDir.resolve("tcp"), Protocol.TCP, false, order, out);
        read(netDir.resolve("tcp6"), Protocol.TCP, true, order, out);
        read(netDir.resolve("udp"), Protocol.UDP, false, order, out);
        read(netDir.resolve("udp6"), Protocol.UDP, true, order, out);
        return out;
    }

    private static void read(Path file, Protocol protocol, boolean v6, ByteOrder order, List<ListeningSocket> out) {
        // line by line: a busy server's table holds hundreds of thousands of connections we skip
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            for (String line; (line = in.readLine()) != null; ) {
                ListeningSocket s = parseLine(line, protocol, v6, order);
                if (s != null) {
                    out.add(s);
                }
            }
        } catch (NoSuchFileException e) {
            // IPv6 disabled (or the module not loaded): no sockets of that family
        } catch (IOException e) {
            throw new ScanFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every listening socket among {@code lines} of one table. */
    static List<ListeningSocket> parse(List<String> lines, Protocol protocol, boolean v6, ByteOrder order) {
        List<ListeningSocket> out = new ArrayList<>();
        for (String line : lines) {
            ListeningSocket s = parseLine(line, protocol, v6, order);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The socket of one line, or null for the header, a malformed line, a TCP socket that is not
     * listening or a connected UDP socket.
     */
    static ListeningSocket parseLine(String line, Protocol protocol, boolean v6, ByteOrder order) {
        String[] f = line.trim().split("\\s+");
        if (f.length <= INODE || !f[0].endsWith(":")) {
            return null;
        }
        try {
            int state = Integer.parseInt(f[STATE], 16);
            int wanted = protocol == Protocol.TCP ? ListeningSocket.TCP_LISTEN : ListeningSocket.UDP_UNCONNECTED;
            if (state != wanted) {
                return null;
            }
            String local = f[LOCAL];
            int colon = local.indexOf(':');
            if (colon != (v6 ? 32 : 8) || local.length() != colon + 5) {
                return null;
            }
            IpAddr address = v6 ? ipv6(local, order) : IpAddr.v4(word(local, 0, order));
            int port = Integer.parseInt(local.substring(colon + 1), 16);
            return new ListeningSocket(protocol, address, port, state, Long.parseLong(f[UID]),
                    Long.parseLong(f[INODE]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static IpAddr ipv6(String hex, ByteOrder order) {
        long hi = word(hex, 0, order) << 32 | word(hex, 8, order);
        long lo = word(hex, 16, order) << 32 | word(hex, 24, order);
        return IpAddr.v6(hi, lo);
    }

    /** The network-order value of the 8 hex digits at {@code at}. */
    private static long word(String hex, int at, ByteOrder order) {
        int printed = Integer.parseUnsignedInt(hex.substring(at, at + 8), 16);
        int value = order == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(printed) : printed;
        return value & 0xffff_ffffL;
    }
}
