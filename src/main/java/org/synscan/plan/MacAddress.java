package org.synscan.plan;

import java.util.Locale;
import java.util.Optional;
import org.synscan.text.Ascii;

/** A 48-bit Ethernet address, held in the low bits of a long. */
public record MacAddress(long bits) {

    public MacAddress {
        if ((bits >>> 48) != 0) {
            throw new IllegalArgumentException("MAC address wider than 48 bits");
        }
    }

    /** "aa:bb:cc:dd:ee:ff", "aa-bb-cc-dd-ee-ff" or "aabbccddeeff"; empty when {@code text} is none of these. */
    public static Optional<MacAddress> parse(String text) {
        String hex = text.length() == 17 ? stripSeparators(text) : text;
        if (hex == null || hex.length() != 12) {
            return Optional.empty();
        }
        long v = 0;
        for (int i = 0; i < 12; i++) {
            int d = Ascii.hexValue(hex.charAt(i));
            if (d < 0) {
                return Optional.empty();
            }
            v = v << 4 | d;
        }
        return Optional.of(new MacAddress(v));
    }

    private static String stripSeparators(String text) {
        char sep = text.charAt(2);
        if (sep != ':' && sep != '-') {
            return null;
        }
        StringBuilder sb = new StringBuilder(12);
        for (int i = 0; i < 17; i++) {
            char c = text.charAt(i);
            if (i % 3 == 2) {
                if (c != sep) {
                    return null;
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The six bytes, most significant first (wire order). */
    public byte[] bytes() {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (bits >>> (40 - 8 * i));
        }
        return b;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            sb.append(i > 0 ? ":" : "").append(String.format(Locale.ROOT, "%02x", (bits >>> (40 - 8 * i)) & 0xFF));
        }
        return sb.toString();
    }
}
