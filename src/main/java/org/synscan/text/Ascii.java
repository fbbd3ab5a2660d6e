package org.synscan.text;

/**
 * Numbers as synscan reads them, from the command line and from files: ASCII digits only. The JDK's
 * own parsers take any Unicode digit ({@code Integer.parseInt("８")} is 8, {@code Character.isDigit}
 * is true for '٣') and a leading '+', so without this "127.0.0.1/８" would be a /8 while "-p ８"
 * is refused. Every number synscan parses from input goes through here, so all of them agree.
 */
public final class Ascii {
    private Ascii() {
    }

    /** '0' to '9'. */
    public static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** The value of an ASCII hex digit (0-9, a-f, A-F), or -1. */
    public static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int lower = c | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    /** True when {@code s} is one or more ASCII decimal digits and nothing else. */
    public static boolean isDigits(CharSequence s) {
        return isDigits(s, 0, s.length());
    }

    /** True when {@code s[from, to)} is one or more ASCII decimal digits. */
    public static boolean isDigits(CharSequence s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code s} is one or more ASCII hex digits and nothing else. */
    public static boolean isHexDigits(CharSequence s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (hexValue(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value of {@code s}, one or more ASCII decimal digits (no sign, no spaces), saturated at
     * {@link Long#MAX_VALUE}: a caller comparing with its maximum says "out of range" for any length.
     *
     * @throws NumberFormatException when {@code s} is not only ASCII digits
     */
    public static long decimal(CharSequence s) {
        if (!isDigits(s)) {
            throw new NumberFormatException("not a decimal number: " + s);
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = s.charAt(i) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                return Long.MAX_VALUE;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * {@link #decimal} when it is at most {@code max}, else -1; also -1 when {@code s} is not only
     * ASCII digits. For callers that only need "a number in range or not".
     */
    public static long decimalAtMost(CharSequence s, long max) {
        if (!isDigits(s)) {
            return -1;
        }
        long v = decimal(s);
        return v <= max ? v : -1;
    }

    /**
     * An unsigned 64-bit number of ASCII digits in radix 10 or 16 (no sign, no prefix).
     *
     * @throws NumberFormatException when {@code s} has another character or does not fit 64 bits
     */
    public static long unsigned64(CharSequence s, int radix) {
        if (radix != 10 && radix != 16) {
            throw new IllegalArgumentException("radix " + radix);
        }
        if (!(radix == 10 ? isDigits(s) : isHexDigits(s))) {
            throw new NumberFormatException("not a number in radix " + radix + ": " + s);
        }
        // the JDK's parser is right once only ASCII digits are left
        return Long.parseUnsignedLong(s.toString(), radix);
    }
}
