package org.synscan.net;

import org.synscan.ScanFailure;
import org.synscan.text.Ascii;

/** A 48-bit MAC address held in the low bits of a long; {@link #NONE} (-1) means "not set". */
public final class Mac {
    public static final long NONE = -1;
    public static final long ZERO = 0;
    public static final long BROADCAST = 0xffff_ffff_ffffL;

    private Mac() {
    }

    /** Parses "aa:bb:cc:dd:ee:ff" (or with '-'). */
    public static long parse(String text) {
        String[] parts = text.strip().split("[:-]");
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        long v = 0;
        for (String p : parts) {
            if (p.length() > 2 || !Ascii.isHexDigits(p)) {
                throw new IllegalArgumentException("not a MAC address: " + text);
            }
            v = (v << 8) | Ascii.unsigned64(p, 16);
        }
        return v;
    }

    public static String format(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int b = (int) ((mac >>> shift) & 0xff);
            sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            if (shift > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    public static void write(long mac, byte[] b, int off) {
        for (int i = 5; i >= 0; i--) {
            b[off + i] = (byte) mac;
            mac >>>= 8;
        }
    }

    public static long read(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    public static byte[] toBytes(long mac) {
        byte[] b = new byte[6];
        write(mac, b, 0);
        return b;
    }

    static long parseOrFail(String text, String what) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new ScanFailure("cannot read the MAC address of " + what + ": \"" + text.strip() + "\"");
        }
    }
}
