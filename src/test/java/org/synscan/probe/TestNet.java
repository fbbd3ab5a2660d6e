package org.synscan.probe;

import java.io.ByteArrayOutputStream;

/**
 * Test-side packet synthesis, written independently of the code under test (its own naive
 * checksum): the frames a real stack would send back to us.
 */
final class TestNet {
    static final long US4 = ip4(198, 18, 0, 1);
    static final long TARGET4 = ip4(198, 18, 0, 2);
    static final long ROUTER4 = ip4(198, 18, 0, 254);
    static final long V6_HI = 0xfd00_5ca0_0000_0000L;
    static final long US6 = 1;
    static final long TARGET6 = 2;
    static final long ROUTER6 = 0xfe;
    static final byte[] MAC_US = {2, 0, 0, 0, 0, 1};
    static final byte[] MAC_GW = {2, 0, 0, 0, 0, 2};
    static final CookieKey KEY = new CookieKey(0x0123_4567_89ab_cdefL, 0xfedc_ba98_7654_3210L);
    static final int BASE = 40000;

    private TestNet() {
    }

    static long ip4(int a, int b, int c, int d) {
        return (long) a << 24 | b << 16 | c << 8 | d;
    }

    static ProbeConfig config(boolean v6, int linkHeader, int maxTries, int fixedPort) {
        return config(v6, linkHeader, maxTries, fixedPort, KEY, UdpPayloads.builtIn());
    }

    static ProbeConfig config(boolean v6, int linkHeader, int maxTries, int fixedPort, CookieKey key,
                              UdpPayloads payloads) {
        return new ProbeConfig(linkHeader, MAC_US, MAC_GW, v6, v6 ? V6_HI : 0, v6 ? US6 : US4, 64, fixedPort, BASE,
                maxTries, key, payloads);
    }

    // ---- naive checksum ----

    static int checksum(byte[]... parts) {
        byte[] all = cat(parts);
        int sum = 0;
        for (int i = 0; i + 1 < all.length; i += 2) {
            sum += ((all[i] & 0xFF) << 8) | (all[i + 1] & 0xFF);
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        if (all.length % 2 == 1) {
            sum += (all[all.length - 1] & 0xFF) << 8;
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }

    static byte[] pseudo(boolean v6, long srcHi, long srcLo, long dstHi, long dstLo, int proto, int length) {
        if (v6) {
            return cat(be(srcHi, 8), be(srcLo, 8), be(dstHi, 8), be(dstLo, 8), be(length, 4), be(proto, 4));
        }
        return cat(be(srcLo, 4), be(dstLo, 4), be(proto, 2), be(length, 2));
    }

    // ---- layers ----

    static byte[] eth(int etherType, byte[] payload) {
        return cat(MAC_US, MAC_GW, be(etherType, 2), payload);
    }

    static byte[] ipv4(long src, long dst, int proto, int ttl, byte[] options, byte[] payload) {
        int ihl = 20 + options.length;
        byte[] h = cat(be(0x40 | ihl / 4, 1), be(0, 1), be(ihl + payload.length, 2), be(0x4242, 2), be(0x4000, 2),
                be(ttl, 1), be(proto, 1), be(0, 2), be(src, 4), be(dst, 4), options);
        int ck = checksum(h);
        h[10] = (byte) (ck >>> 8);
        h[11] = (byte) ck;
        return cat(h, payload);
    }

    static byte[] ipv4(long src, long dst, int proto, int ttl, byte[] payload) {
        return ipv4(src, dst, proto, ttl, new byte[0], payload);
    }

    static byte[] ipv6(long srcHi, long srcLo, long dstHi, long dstLo, int nextHeader, int hop, byte[] payload) {
        return cat(be(0x6001_2345L, 4), be(payload.length, 2), be(nextHeader, 1), be(hop, 1), be(srcHi, 8),
                be(srcLo, 8), be(dstHi, 8), be(dstLo, 8), payload);
    }

    static byte[] tcp(boolean v6, long srcHi, long srcLo, long dstHi, long dstLo, int sport, int dport, int seq,
                      int ack, int flags) {
        byte[] h = cat(be(sport, 2), be(dport, 2), be(seq, 4), be(ack, 4), be(0x50, 1), be(flags, 1),
                be(29200, 2), be(0, 2), be(0, 2));
        int ck = checksum(pseudo(v6, srcHi, srcLo, dstHi, dstLo, 6, h.length), h);
        h[16] = (byte) (ck >>> 8);
        h[17] = (byte) ck;
        return h;
    }

    static byte[] udp(boolean v6, long srcHi, long srcLo, long dstHi, long dstLo, int sport, int dport,
                      byte[] payload) {
        byte[] d = cat(be(sport, 2), be(dport, 2), be(8 + payload.length, 2), be(0, 2), payload);
        int ck = checksum(pseudo(v6, srcHi, srcLo, dstHi, dstLo, 17, d.length), d);
        ck = ck == 0 ? 0xFFFF : ck;
        d[6] = (byte) (ck >>> 8);
        d[7] = (byte) ck;
        return d;
    }

    static byte[] icmp4(int type, int code, byte[] quote) {
        byte[] m = cat(be(type, 1), be(code, 1), be(0, 2), be(0, 4), quote);
        int ck = checksum(m);
        m[2] = (byte) (ck >>> 8);
        m[3] = (byte) ck;
        return m;
    }

    static byte[] icmp6(long srcHi, long srcLo, long dstHi, long dstLo, int type, int code, byte[] quote) {
        byte[] m = cat(be(type, 1), be(code, 1), be(0, 2), be(0, 4), quote);
        int ck = checksum(pseudo(true, srcHi, srcLo, dstHi, dstLo, 58, m.length), m);
        m[2] = (byte) (ck >>> 8);
        m[3] = (byte) ck;
        return m;
    }

    /** An IPv6 extension header (hop-by-hop, routing, destination options) of {@code units} 8-byte units, PadN-filled. */
    static byte[] extension(int next, int units) {
        byte[] e = new byte[units * 8];
        e[0] = (byte) next;
        e[1] = (byte) (units - 1);
        e[2] = 1; // PadN
        e[3] = (byte) (e.length - 4);
        return e;
    }

    static byte[] fragmentHeader(int next, int offset8, boolean more) {
        return cat(be(next, 1), be(0, 1), be(offset8 << 3 | (more ? 1 : 0), 2), be(0x1234_5678, 4));
    }

    // ---- bytes ----

    static byte[] be(long v, int n) {
        byte[] b = new byte[n];
        for (int i = n - 1; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }

    static int i32(byte[] b, int off) {
        return u16(b, off) << 16 | u16(b, off + 2);
    }

    static long i64(byte[] b, int off) {
        return (long) i32(b, off) << 32 | (i32(b, off + 4) & 0xFFFF_FFFFL);
    }
}
