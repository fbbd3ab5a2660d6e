package org.synscan.probe;

/**
 * A UDP probe payload for one well-known port, with where it carries a cookie (an ID field the
 * server copies into its answer) and how to check the copy in a reply.
 *
 * <p>The cookie value is taken from the UDP hash {@code h} (see {@link Cookie}): a 16-bit ID is
 * bits 32..47, a 32-bit ID bits 32..63, a 64-bit field all of {@code h}; an SNMP request-id is
 * {@code 0x40000000 | bits 32..61} so that its fixed four-byte BER encoding stays positive and minimal.
 */
public final class UdpPayload {
    /** How a server's reply echoes the cookie. */
    enum Echo {
        /** Nothing echoed: any reply from the port counts. */
        NONE,
        /** The cookie comes back at {@code replyOffset} of the reply payload. */
        FIXED,
        /** The reply is an SNMP message whose PDU request-id equals the cookie. */
        SNMP
    }

    private final String name;
    private final int port;
    private final byte[] v4;
    private final byte[] v6;
    private final Echo echo;
    private final int cookieOffset;
    private final int cookieWidth;
    private final int replyOffset;

    UdpPayload(String name, int port, byte[] v4, byte[] v6, Echo echo, int cookieOffset, int cookieWidth,
               int replyOffset) {
        if (echo != Echo.NONE && (cookieWidth != 2 && cookieWidth != 4 && cookieWidth != 8
                || cookieOffset + cookieWidth > Math.min(v4.length, v6.length))) {
            throw new IllegalArgumentException("bad cookie field for " + name);
        }
        this.name = name;
        this.port = port;
        this.v4 = v4.clone();
        this.v6 = v6.clone();
        this.echo = echo;
        this.cookieOffset = cookieOffset;
        this.cookieWidth = echo == Echo.NONE ? 0 : cookieWidth;
        this.replyOffset = replyOffset;
    }

    /** A short protocol name, e.g. "dns". */
    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The payload as sent (cookie field zero), for IPv4 or IPv6 targets. */
    public byte[] bytes(boolean ipv6) {
        return (ipv6 ? v6 : v4).clone();
    }

    public int length(boolean ipv6) {
        return ipv6 ? v6.length : v4.length;
    }

    /** True if replies must echo the cookie. */
    public boolean echoesCookie() {
        return echo != Echo.NONE;
    }

    byte[] template(boolean ipv6) {
        return ipv6 ? v6 : v4;
    }

    int cookieOffset() {
        return cookieOffset;
    }

    int cookieWidth() {
        return cookieWidth;
    }

    long cookieValue(long h) {
        switch (cookieWidth) {
            case 2:
                return h >>> 32 & 0xFFFF;
            case 4:
                return echo == Echo.SNMP ? 0x4000_0000L | (h >>> 32 & 0x3FFF_FFFFL) : h >>> 32;
            case 8:
                return h;
            default:
                return 0;
        }
    }

    /**
     * Writes the cookie into the payload at {@code buf[payloadOff...]} and returns what it adds to
     * the UDP checksum sum (the payload starts at an even offset of the checksummed data).
     */
    long writeCookie(byte[] buf, int payloadOff, long h) {
        if (cookieWidth == 0) {
            return 0;
        }
        long v = cookieValue(h);
        int at = payloadOff + cookieOffset;
        for (int i = cookieWidth - 1; i >= 0; i--) {
            buf[at + i] = (byte) v;
            v >>>= 8;
        }
        return Checksum.sumAt(buf, at, cookieWidth, (cookieOffset & 1) != 0);
    }

    /** True if the reply payload {@code b[off, off+len)} echoes the cookie of hash {@code h} (or none is expected). */
    boolean echoed(byte[] b, int off, int len, long h) {
        switch (echo) {
            case NONE:
                return true;
            case FIXED:
                return replyOffset + cookieWidth <= len && readField(b, off + replyOffset) == cookieValue(h);
            default:
                return snmpRequestId(b, off, len) == cookieValue(h);
        }
    }

    private long readField(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < cookieWidth; i++) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }

    /**
     * The request-id of an SNMP v1/v2c message: SEQUENCE { INTEGER version, OCTET STRING community,
     * PDU { INTEGER request-id, ... } }; -1 if the bytes are not shaped so. Every step is bounded.
     */
    static long snmpRequestId(byte[] b, int off, int len) {
        int end = off + len;
        int p = off;
        if (p >= end || b[p] != 0x30) {
            return -1;
        }
        p = skipLength(b, p + 1, end);
        if (p < 0) {
            return -1;
        }
        p = skipTlv(b, p, end, 0x02);               // version
        p = p < 0 ? -1 : skipTlv(b, p, end, 0x04);  // community
        if (p < 0 || p >= end || (b[p] & 0xE0) != 0xA0) {
            return -1;                              // a context-specific constructed PDU tag
        }
        p = skipLength(b, p + 1, end);
        if (p < 0 || p + 2 > end || b[p] != 0x02) {
            return -1;
        }
        int n = b[p + 1] & 0xFF;
        if (n < 1 || n > 5 || p + 2 + n > end) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | (b[p + 2 + i] & 0xFF);
        }
        return v;
    }

    /**
     * Position after the BER length at {@code p}, or -1. The content may run past {@code end}: the
     * first fragment of a large answer holds the request-id but not the whole message.
     */
    private static int skipLength(byte[] b, int p, int end) {
        if (p >= end) {
            return -1;
        }
        int first = b[p] & 0xFF;
        if (first < 0x80) {
            return p + 1;
        }
        int n = first & 0x7F;
        return n >= 1 && n <= 3 && p + 1 + n <= end ? p + 1 + n : -1;
    }

    /** Position after a whole TLV with tag {@code tag} at {@code p}, or -1 if it does not fit before {@code end}. */
    private static int skipTlv(byte[] b, int p, int end, int tag) {
        if (p >= end || (b[p] & 0xFF) != tag) {
            return -1;
        }
        int content = skipLength(b, p + 1, end);
        if (content < 0) {
            return -1;
        }
        int first = b[p + 1] & 0xFF;
        int length = first < 0x80 ? first : 0;
        for (int i = 0; first >= 0x80 && i < (first & 0x7F); i++) {
            length = length << 8 | (b[p + 2 + i] & 0xFF);
        }
        return content + length <= end ? content + length : -1;
    }

    @Override
    public String toString() {
        return name + "/" + port;
    }
}
