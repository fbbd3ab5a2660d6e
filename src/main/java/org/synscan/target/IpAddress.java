package org.synscan.target;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** One address as the project represents it: IPv4 has hi = 0 and lo = the 32-bit address. */
public record IpAddress(boolean ipv6, long hi, long lo) {

    /** A literal IPv4 or IPv6 address (no names, no DNS), or empty when {@code text} is not one. */
    public static Optional<IpAddress> parseLiteral(String text) {
        long v4 = Ipv4.parseLiteral(text);
        if (v4 >= 0) {
            return Optional.of(new IpAddress(false, 0, v4));
        }
        long[] v6 = new long[2];
        if (text.indexOf(':') >= 0 && Ipv6.parseLiteral(text, v6)) {
            return Optional.of(new IpAddress(true, v6[0], v6[1]));
        }
        return Optional.empty();
    }

    /** Converts an address from the JDK. */
    public static IpAddress of(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return new IpAddress(false, 0, bytesToLong(b, 0, 4));
        }
        return new IpAddress(true, bytesToLong(b, 0, 8), bytesToLong(b, 8, 8));
    }

    /** The same address as a JDK object; never looks anything up. */
    public InetAddress toInetAddress() {
        byte[] b = new byte[ipv6 ? 16 : 4];
        if (ipv6) {
            longToBytes(hi, b, 0);
            longToBytes(lo, b, 8);
        } else {
            for (int i = 0; i < 4; i++) {
                b[i] = (byte) (lo >>> (24 - 8 * i));
            }
        }
        try {
            // Inet6Address directly: InetAddress.getByAddress would turn ::ffff:a.b.c.d into IPv4.
            return ipv6 ? Inet6Address.getByAddress(null, b, -1) : InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // only thrown for a wrong array length
        }
    }

    private static long bytesToLong(byte[] b, int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }

    private static void longToBytes(long v, byte[] b, int off) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    @Override
    public String toString() {
        return AddressSet.format(ipv6, hi, lo);
    }
}
