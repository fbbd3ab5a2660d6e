package org.synscan.target;

import java.util.List;
import org.synscan.UsageException;
import org.synscan.text.Ascii;

/** IPv6 target syntax (literal, CIDR, full range) and RFC 5952 text. */
final class Ipv6 {
    private Ipv6() {
    }

    /**
     * Parses an IPv6 literal (with "::" and an optional trailing dotted quad) into out[0] = hi,
     * out[1] = lo. Returns false when {@code s} is not one.
     */
    static boolean parseLiteral(String s, long[] out) {
        int[] groups = new int[8];
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        int n;
        if (dbl < 0) {
            n = parseGroups(s, groups, 0, true);
            if (n != 8) {
                return false;
            }
        } else {
            String head = s.substring(0, dbl);
            String tail = s.substring(dbl + 2);
            int h = head.isEmpty() ? 0 : parseGroups(head, groups, 0, false);
            int[] tailGroups = new int[8];
            int t = tail.isEmpty() ? 0 : parseGroups(tail, tailGroups, 0, true);
            if (h < 0 || t < 0 || h + t > 7) {
                return false;
            }
            System.arraycopy(tailGroups, 0, groups, 8 - t, t);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = hi << 16 | groups[i];
            lo = lo << 16 | groups[i + 4];
        }
        out[0] = hi;
        out[1] = lo;
        return true;
    }

    /** Fills groups from {@code pos}; returns how many, or -1 when malformed. */
    private static int parseGroups(String s, int[] groups, int pos, boolean mayEndInIpv4) {
        String[] parts = s.split(":", -1);
        int n = pos;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && mayEndInIpv4 && p.indexOf('.') >= 0) {
                long v4 = Ipv4.parseLiteral(p);
                if (v4 < 0 || n + 2 > 8) {
                    return -1;
                }
                groups[n++] = (int) (v4 >>> 16);
                groups[n++] = (int) (v4 & 0xFFFF);
                return n;
            }
            if (p.isEmpty() || p.length() > 4 || n >= 8) {
                return -1;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Ascii.hexValue(p.charAt(k));
                if (d < 0) {
                    return -1;
                }
                v = v << 4 | d;
            }
            groups[n++] = v;
        }
        return n;
    }

    /** Parses an IPv6 target: literal, CIDR ({@code fd00:5ca0::/120}) or full range ({@code a-b}). */
    static List<Range> parse(String token) {
        if (token.indexOf('%') >= 0) {
            throw Ipv4.bad(token, "zone ids are not supported; choose the interface with -e");
        }
        long[] a = new long[2];
        int slash = token.indexOf('/');
        if (slash >= 0) {
            if (!parseLiteral(token.substring(0, slash), a)) {
                throw Ipv4.bad(token, "not an IPv6 address before the /");
            }
            int prefix = Ipv4.parsePrefix(token, token.substring(slash + 1), 128);
            return List.of(cidr(a[0], a[1], prefix));
        }
        int dash = token.indexOf('-');
        if (dash >= 0) {
            long[] b = new long[2];
            if (!parseLiteral(token.substring(0, dash), a) || !parseLiteral(token.substring(dash + 1), b)) {
                throw Ipv4.bad(token, "an IPv6 range needs two full addresses (fd00::1-fd00::20)");
            }
            if (Range.compare(a[0], a[1], b[0], b[1]) > 0) {
                throw Ipv4.bad(token, "range start is after its end");
            }
            return List.of(new Range(a[0], a[1], b[0], b[1]));
        }
        if (!parseLiteral(token, a)) {
            throw Ipv4.bad(token, "not a valid IPv6 address");
        }
        return List.of(Range.single(a[0], a[1]));
    }

    static Range cidr(long hi, long lo, int prefix) {
        long hiMask = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
        long loMask = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
        return new Range(hi & hiMask, lo & loMask, hi | ~hiMask, lo | ~loMask);
    }

    /** RFC 5952: lower-case hex, no leading zeros, the longest run (≥ 2) of zero groups as "::". */
    static UsageException tooLarge(String token) {
        return new UsageException("target '" + token + "' is too large (more than 2^62 addresses)");
    }
}
