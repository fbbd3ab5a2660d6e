package org.synscan.output;

import java.util.Locale;

/**
 * A JSON object written straight into a StringBuilder (RFC 8259): enough for JSON lines of flat
 * records, without a library. Keys are written as given, so callers pass plain ASCII names.
 */
public final class Json {
    private final StringBuilder sb;
    private boolean first = true;

    private Json(StringBuilder sb) {
        this.sb = sb;
        sb.append('{');
    }

    /** Starts an object at the end of {@code sb}; finish it with {@link #close()}. */
    static Json object(StringBuilder sb) {
        return new Json(sb);
    }

    Json put(String key, String value) {
        key(key);
        string(sb, value);
        return this;
    }

    Json put(String key, long value) {
        key(key).append(value);
        return this;
    }

    Json put(String key, boolean value) {
        key(key).append(value);
        return this;
    }

    /** A decimal with {@code digits} places (JSON has no NaN or infinity: those become null). */
    Json put(String key, double value, int digits) {
        key(key);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            sb.append("null");
        } else {
            sb.append(String.format(Locale.ROOT, "%." + digits + "f", value));
        }
        return this;
    }

    /** Starts a nested object under {@code key}; close it before adding to this one. */
    Json object(String key) {
        key(key);
        return new Json(sb);
    }

    StringBuilder close() {
        return sb.append('}');
    }

    private StringBuilder key(String key) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        string(sb, key);
        return sb.append(':');
    }

    /** A JSON string literal (quotes, backslash and control characters escaped), or null. */
    public static void string(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    // U+2028/2029 are valid JSON but break JavaScript readers of the lines
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
