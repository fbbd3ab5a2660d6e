package org.synscan.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.synscan.UsageException;
import org.synscan.text.Ascii;

/** Parses and range-checks flag values; every failure is one line naming the flag and the value. */
final class FlagValues {
    // [0-9], not \\d: only ASCII digits, as everywhere a number is read (org.synscan.text.Ascii)
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,9})?|\\.[0-9]{1,9}");
    private static final Pattern TIME = Pattern.compile("([0-9]{1,9}(?:\\.[0-9]{1,9})?)(ms|s|m|h)?");
    /** Far above any link's packet rate; stops typos like an extra five zeros. */
    static final double MAX_RATE = 100_000_000;

    private FlagValues() {
    }

    static int intIn(String flag, String value, int min, int max) {
        String v = value.trim();
        if (!Ascii.isDigits(v)) {
            throw bad(flag, value, "not a whole number (expected " + min + "-" + max + ")");
        }
        long n = Ascii.decimal(v);
        if (n < min || n > max) {
            throw bad(flag, value, "must be between " + min + " and " + max);
        }
        return (int) n;
    }

    /** A packet rate: a positive decimal number of packets per second. */
    static double rate(String flag, String value) {
        String v = value.trim();
        if (!DECIMAL.matcher(v).matches()) {
            throw bad(flag, value, "not a number of packets per second");
        }
        double r = Double.parseDouble(v);
        if (r <= 0) {
            throw bad(flag, value, "must be greater than 0");
        }
        if (r > MAX_RATE) {
            throw bad(flag, value, "must be at most " + (long) MAX_RATE);
        }
        return r;
    }

    /** nmap's time syntax: a number with an optional unit ms, s, m or h (seconds when bare). */
    static Duration time(String flag, String value) {
        Matcher m = TIME.matcher(value.trim());
        if (!m.matches()) {
            throw bad(flag, value, "not a time (e.g. 500ms, 30s, 5m, 1h)");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
        };
        if (millis > Duration.ofDays(365).toMillis()) {
            throw bad(flag, value, "must be at most a year");
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /** A 64-bit seed: decimal (signed or unsigned) or 0x hex. */
    static long seed(String value) {
        String v = value.trim();
        try {
            if (v.startsWith("0x") || v.startsWith("0X")) {
                return Ascii.unsigned64(v.substring(2), 16);
            }
            if (v.startsWith("-")) {
                long magnitude = Ascii.unsigned64(v.substring(1), 10);
                if (Long.compareUnsigned(magnitude, Long.MIN_VALUE) > 0) {
                    throw new NumberFormatException("below -2^63");
                }
                return -magnitude;
            }
            return Ascii.unsigned64(v, 10);
        } catch (NumberFormatException e) {
            throw bad("--seed", value, "not a 64-bit number");
        }
    }

    /** An interface name as Linux allows it (IFNAMSIZ 16, no '/', no whitespace). */
    static String interfaceName(String value) {
        if (value.isEmpty() || value.length() > 15 || value.equals(".") || value.equals("..")
                || !value.chars().allMatch(c -> c > ' ' && c < 127 && c != '/' && c != ':')) {
            throw bad("-e", value, "not a valid interface name");
        }
        return value;
    }

    static UsageException bad(String flag, String value, String why) {
        return new UsageException(flag + " " + value + ": " + why);
    }
}
