package org.synscan.result;

/**
 * Text form of the project's address representation, a pair of longs (hi, lo) where IPv4 has hi = 0
 * and lo = the unsigned 32-bit address. IPv6 follows RFC 5952: lower case, the longest run of two or
 * more zero groups (the first on a tie) as "::", and IPv4-mapped addresses with a dotted quad. The one
 * formatter of the project; {@link #appendTo} allocates nothing, for loops that print millions.
 */
public final class Addresses {
    private Addresses() {
    }

    public static String format(boolean ipv6, long hi, long lo) {
        return appendTo(new StringBuilder(ipv6 ? 39 : 15), ipv6, hi, lo).toString();
    }

    public static StringBuilder appendTo(StringBuilder sb, boolean ipv6, long hi, long lo) {
        return ipv6 ? appendV6(sb, hi, lo) : appendV4(sb, lo);
    }

    public static String formatV4(long lo) {
        return appendV4(new StringBuilder(15), lo).toString();
    }

    public static String formatV6(long hi, long lo) {
        return appendV6(new StringBuilder(39), hi, lo).toString();
    }

    private static StringBuilder appendV4(StringBuilder sb, long v) {
        return sb.append((v >>> 24) & 0xFF).append('.').append((v >>> 16) & 0xFF).append('.')
                .append((v >>> 8) & 0xFF).append('.').append(v & 0xFF);
    }

    private static StringBuilder appendV6(StringBuilder sb, long hi, long lo) {
        if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
            return appendV4(sb.append("::ffff:"), lo & 0xFFFFFFFFL);
        }
        int bestStart = -1;
        int bestLen = 1;
        int runStart = -1;
        for (int i = 0; i <= 8; i++) {
            boolean zero = i < 8 && group(hi, lo, i) == 0;
            if (zero && runStart < 0) {
                runStart = i;
            } else if (!zero && runStart >= 0) {
                if (i - runStart > bestLen) {
                    bestStart = runStart;
                    bestLen = i - runStart;
                }
                runStart = -1;
            }
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLen) {
                sb.append(':');
            }
            appendHex(sb, group(hi, lo, i));
        }
        return sb;
    }

    private static int group(long hi, long lo, int i) {
        long half = i < 4 ? hi : lo;
        return (int) (half >>> (16 * (3 - (i & 3)))) & 0xFFFF;
    }

    private static void appendHex(StringBuilder sb, int v) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int d = (v >>> shift) & 0xF;
            if (d != 0 || started || shift == 0) {
                sb.append(Character.forDigit(d, 16));
                started = true;
            }
        }
    }
}
