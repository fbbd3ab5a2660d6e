package org.synscan.target;

import java.util.ArrayList;
import java.util.List;
import org.synscan.UsageException;
import org.synscan.text.Ascii;

/**
 * IPv4 target syntax: literals, CIDR, full ranges ({@code a.b.c.d-e.f.g.h}) and nmap octet
 * patterns ({@code 198.18.0-3.1,5}, {@code 198.18.*.1}, {@code 198.18.0.1-20}).
 */
final class Ipv4 {
    /** Octet patterns like {@code *.*.*.1} expand to one range per combination; cap them. */
    static final int MAX_RANGES = 1 << 20;

    private Ipv4() {
    }

    /** The address of a plain dotted quad, or -1 when {@code s} is not one. */
    static long parseLiteral(String s) {
        long value = 0;
        int from = 0;
        for (int part = 0; part < 4; part++) {
            int dot = part < 3 ? s.indexOf('.', from) : s.length();
            if (dot < 0) {
                return -1;
            }
            int octet = parseOctet(s, from, dot);
            if (octet < 0) {
                return -1;
            }
            value = value << 8 | octet;
            from = dot + 1;
        }
        return value;
    }

    /** 0..255 written in decimal without leading zeros, else -1. */
    private static int parseOctet(String p) {
        return parseOctet(p, 0, p.length());
    }

    private static int parseOctet(String s, int from, int to) {
        int len = to - from;
        if (len < 1 || len > 3 || (len > 1 && s.charAt(from) == '0') || !Ascii.isDigits(s, from, to)) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + s.charAt(i) - '0';
        }
        return v <= 255 ? v : -1;
    }

    /** True when the token uses only IPv4 pattern characters and so must parse as IPv4. */
    static boolean looksLikeIpv4(String token) {
        return looksLikeIpv4(token, 0, token.length());
    }

    /** {@link #looksLikeIpv4(String)} for {@code s[from, to)}. */
    static boolean looksLikeIpv4(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!Ascii.isDigit(c) && ".,*-/".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Parses any IPv4 target form; {@code token} passed {@link #looksLikeIpv4}. */
    static List<Range> parse(String token) {
        int slash = token.indexOf('/');
        if (slash >= 0) {
            long base = parseLiteral(token.substring(0, slash));
            if (base < 0) {
                throw bad(token, "CIDR needs a plain address before the /");
            }
            return List.of(cidr(token, base, token.substring(slash + 1)));
        }
        long single = parseLiteral(token);
        if (single >= 0) {
            return List.of(Range.v4(single, single)); // the common case of a long list, without the pattern machinery
        }
        int dash = token.indexOf('-');
        if (dash > 0 && token.indexOf('-', dash + 1) < 0) {
            long start = parseLiteral(token.substring(0, dash));
            long end = parseLiteral(token.substring(dash + 1));
            if (start >= 0 && end >= 0) {
                if (start > end) {
                    throw bad(token, "range start is after its end");
                }
                return List.of(Range.v4(start, end));
            }
        }
        return octetPattern(token);
    }

    static Range cidr(String token, long base, String prefixText) {
        int prefix = parsePrefix(token, prefixText, 32);
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        long start = base & mask;
        return Range.v4(start, start | (~mask & 0xFFFFFFFFL));
    }

    static int parsePrefix(String token, String text, int max) {
        if (text.length() > 3 || !Ascii.isDigits(text)) {
            throw bad(token, "bad prefix length '" + quote(text) + "'");
        }
        int prefix = (int) Ascii.decimal(text);
        if (prefix > max) {
            throw bad(token, "prefix length " + prefix + " is out of range (0-" + max + ")");
        }
        return prefix;
    }

    /** nmap's octet syntax: each octet a comma list of n, n-m, -m, n- or *. */
    private static List<Range> octetPattern(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4) {
            throw bad(token, "an IPv4 address needs 4 octets");
        }
        boolean[][] octets = new boolean[4][];
        for (int i = 0; i < 4; i++) {
            octets[i] = octetSet(token, parts[i]);
        }
        // Octets after the last partial one are full, so each combination before it is one run.
        int last = 3;
        while (last >= 0 && count(octets[last]) == 256) {
            last--;
        }
        if (last < 0) {
            return List.of(Range.v4(0, 0xFFFFFFFFL));
        }
        long combos = runs(octets[last]);
        for (int i = 0; i < last; i++) {
            combos *= count(octets[i]);
        }
        if (combos > MAX_RANGES) {
            throw bad(token, "the pattern expands to " + combos + " separate ranges (the limit is " + MAX_RANGES + ")");
        }
        List<Range> out = new ArrayList<>((int) combos);
        expand(octets, last, 0, 0, out);
        return out;
    }

    private static void expand(boolean[][] octets, int last, int pos, long prefix, List<Range> out) {
        int shift = 8 * (3 - pos);
        if (pos < last) {
            for (int v = 0; v < 256; v++) {
                if (octets[pos][v]) {
                    expand(octets, last, pos + 1, prefix | ((long) v << shift), out);
                }
            }
            return;
        }
        long low = (1L << shift) - 1;
        boolean[] set = octets[pos];
        for (int v = 0; v < 256; v++) {
            if (set[v] && (v == 0 || !set[v - 1])) {
                int w = v;
                while (w < 255 && set[w + 1]) {
                    w++;
                }
                out.add(Range.v4(prefix | ((long) v << shift), prefix | ((long) w << shift) | low));
            }
        }
    }

    private static boolean[] octetSet(String token, String spec) {
        boolean[] set = new boolean[256];
        if (spec.isEmpty()) {
            throw bad(token, "empty octet");
        }
        for (String item : spec.split(",", -1)) {
            int lo;
            int hi;
            int dash = item.indexOf('-');
            if (item.equals("*")) {
                lo = 0;
                hi = 255;
            } else if (dash < 0) {
                lo = octetValue(token, item);
                hi = lo;
            } else {
                lo = dash == 0 ? 0 : octetValue(token, item.substring(0, dash));
                hi = dash == item.length() - 1 ? 255 : octetValue(token, item.substring(dash + 1));
                if (item.length() == 1) {
                    throw bad(token, "bad octet range '-'");
                }
                if (lo > hi) {
                    throw bad(token, "octet range " + item + " is backwards");
                }
            }
            for (int v = lo; v <= hi; v++) {
                set[v] = true;
            }
        }
        return set;
    }

    private static int octetValue(String token, String text) {
        int v = parseOctet(text);
        if (v < 0) {
            if (Ascii.isDigits(text) && Ascii.decimal(text) > 255) {
                throw bad(token, "octet " + quote(text) + " is out of range (0-255)");
            }
            throw bad(token, "bad octet '" + quote(text) + "'");
        }
        return v;
    }

    private static int count(boolean[] set) {
        int n = 0;
        for (boolean b : set) {
            n += b ? 1 : 0;
        }
        return n;
    }

    private static int runs(boolean[] set) {
        int n = 0;
        for (int v = 0; v < 256; v++) {
            if (set[v] && (v == 0 || !set[v - 1])) {
                n++;
            }
        }
        return n;
    }

    static UsageException bad(String token, String why) {
        return new UsageException("bad target '" + quote(token) + "': " + why);
    }

    /** A target as an error message quotes it: a line may hold a megabyte, a message one screen line. */
    static String quote(String text) {
        return text.length() <= 80 ? text : text.substring(0, 60) + "... (" + text.length() + " characters)";
    }
}
