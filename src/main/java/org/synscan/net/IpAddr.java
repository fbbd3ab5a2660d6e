package org.synscan.net;

import org.synscan.result.Addresses;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.synscan.UsageException;
import org.synscan.text.Ascii;

/**
 * An IPv4 or IPv6 address in the project's convention: two longs, IPv4 as hi=0 and lo = the
 * unsigned 32-bit address. The family is explicit because ::a.b.c.d would otherwise collide.
 */
public record IpAddr(long hi, long lo, boolean v6) {

    public static IpAddr v4(long address) {
        return new IpAddr(0, address & 0xffff_ffffL, false);
    }

    public static IpAddr v6(long hi, long lo) {
        return new IpAddr(hi, lo, true);
    }

    /** Parses a literal address (never a host name, never a DNS query); a "%scope" suffix is ignored. */
    public static IpAddr parse(String text) {
        String s = text.strip();
        int scope = s.indexOf('%');
        if (scope >= 0) {
            s = s.substring(0, scope);
        }
        long[] v6 = s.indexOf(':') >= 0 ? parseV6(s) : null;
        if (v6 != null) {
            return v6(v6[0], v6[1]);
        }
        long v4 = s.indexOf(':') >= 0 ? -1 : parseV4(s);
        if (v4 < 0) {
            throw new UsageException("not an IP address: " + text);
        }
        return v4(v4);
    }

    /** Dotted quad to its 32-bit value, or -1. */
    private static long parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            if (p.length() > 3 || !Ascii.isDigits(p)) {
                return -1;
            }
            long octet = Ascii.decimal(p);
            if (octet > 255) {
                return -1;
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    /** RFC 4291 §2.2 text (with "::" and a trailing dotted quad) to {hi, lo}, or null. */
    private static long[] parseV6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = groups(gap >= 0 ? s.substring(0, gap) : s);
        int[] tail = gap >= 0 ? groups(s.substring(gap + 2)) : new int[0];
        if (head == null || tail == null || head.length + tail.length > (gap >= 0 ? 7 : 8)
                || (gap < 0 && head.length != 8)) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | all[i];
            lo = (lo << 16) | all[i + 4];
        }
        return new long[] {hi, lo};
    }

    /** Colon-separated 16-bit groups; a last part may be a dotted quad (two groups). */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int n = parts.length;
        boolean quad = parts[n - 1].indexOf('.') >= 0;
        int[] g = new int[quad ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            String p = parts[i];
            if (quad && i == n - 1) {
                long v4 = parseV4(p);
                if (v4 < 0) {
                    return null;
                }
                g[i] = (int) (v4 >>> 16);
                g[i + 1] = (int) (v4 & 0xffff);
            } else if (p.length() > 4 || !Ascii.isHexDigits(p)) {
                return null;
            } else {
                g[i] = (int) Ascii.unsigned64(p, 16);
            }
        }
        return g;
    }

    public static IpAddr of(InetAddress address) {
        return fromBytes(address.getAddress(), 0, address instanceof Inet6Address);
    }

    /** Reads 4 (v4) or 16 (v6) network-order bytes at {@code off}. */
    public static IpAddr fromBytes(byte[] b, int off, boolean v6) {
        if (!v6) {
            return v4(readLong(b, off, 4));
        }
        return v6(readLong(b, off, 8), readLong(b, off + 8, 8));
    }

    /** Writes the address in network order at {@code off}; returns the number of bytes written. */
    public int writeTo(byte[] b, int off) {
        if (!v6) {
            writeLong(b, off, lo, 4);
            return 4;
        }
        writeLong(b, off, hi, 8);
        writeLong(b, off + 8, lo, 8);
        return 16;
    }

    public byte[] toBytes() {
        byte[] b = new byte[v6 ? 16 : 4];
        writeTo(b, 0);
        return b;
    }

    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(toBytes());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isLoopback() {
        return v6 ? hi == 0 && lo == 1 : (lo >>> 24) == 127;
    }

    public boolean isLinkLocal() {
        return v6 ? (hi >>> 54) == 0x3fa : (lo >>> 16) == 0xa9fe;
    }

    public boolean isMulticast() {
        return v6 ? (hi >>> 56) == 0xff : (lo >>> 28) == 0xe;
    }

    /** True if the first {@code prefixLength} bits equal those of {@code network} (same family). */
    public boolean inPrefix(IpAddr network, int prefixLength) {
        if (v6 != network.v6) {
            return false;
        }
        if (!v6) {
            long mask = prefixLength == 0 ? 0 : (0xffff_ffffL << (32 - prefixLength)) & 0xffff_ffffL;
            return (lo & mask) == (network.lo & mask);
        }
        if (prefixLength <= 64) {
            long mask = prefixLength == 0 ? 0 : -1L << (64 - prefixLength);
            return (hi & mask) == (network.hi & mask);
        }
        long mask = -1L << (128 - prefixLength);
        return hi == network.hi && (lo & mask) == (network.lo & mask);
    }

    /** RFC 5952 text (see {@link Addresses}). */
    @Override
    public String toString() {
        return Addresses.format(v6, hi, lo);
    }

    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }

    private static long readLong(byte[] b, int off, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    private static void writeLong(byte[] b, int off, long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
