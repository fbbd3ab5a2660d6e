package org.synscan.trust;

import java.util.Arrays;

/**
 * Hand-built Ethernet frames for the injector: IPv4/IPv6 with TCP, UDP, ICMP and ICMPv6, correct
 * checksums unless the caller breaks them. Written on its own (no code of the scanner), so a
 * forgery is what another host on the link would really put on the wire.
 */
final class Forge {
    static final int ETH = 14;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMP4 = 1;
    static final int ICMP6 = 58;

    private Forge() {
    }

    /** A parsed probe of the scanner, as the injector saw it on the mirror. */
    record Probe(boolean v6, byte[] src, byte[] dst, int protocol, int sport, int dport, int seq, byte[] ipAndHeader) {
    }

    /**
     * Reads a mirrored frame: a TCP SYN (no ACK) or a UDP datagram from {@code scanner}; null for
     * anything else (the scanner kernel's RSTs, ARP, neighbour discovery).
     */
    static Probe probe(byte[] f, int len, byte[] scanner) {
        if (len < ETH + 20) {
            return null;
        }
        int type = u16(f, 12);
        boolean v6 = type == 0x86DD;
        if (type != 0x0800 && !v6 || v6 != (scanner.length == 16)) {
            return null;
        }
        int ip = ETH;
        int hl = v6 ? 40 : (f[ip] & 0x0F) * 4;
        int proto = f[ip + (v6 ? 6 : 9)] & 0xFF;
        byte[] src = Arrays.copyOfRange(f, ip + (v6 ? 8 : 12), ip + (v6 ? 24 : 16));
        byte[] dst = Arrays.copyOfRange(f, ip + (v6 ? 24 : 16), ip + (v6 ? 40 : 20));
        int t = ip + hl;
        if (!Arrays.equals(src, scanner) || t + 8 > len || proto != TCP && proto != UDP) {
            return null;
        }
        if (proto == TCP && (t + 20 > len || (f[t + 13] & 0x12) != 0x02)) {
            return null;
        }
        int seq = proto == TCP ? (int) u32(f, t + 4) : 0;
        return new Probe(v6, src, dst, proto, u16(f, t), u16(f, t + 2), seq, Arrays.copyOfRange(f, ip, t + 8));
    }

    static byte[] tcp(long srcMac, long dstMac, byte[] src, byte[] dst, int sport, int dport, int seq, int ack,
            int flags) {
        byte[] t = new byte[20];
        put16(t, 0, sport);
        put16(t, 2, dport);
        put32(t, 4, seq);
        put32(t, 8, ack);
        t[12] = 0x50;
        t[13] = (byte) flags;
        put16(t, 14, 64240);
        put16(t, 16, transportChecksum(src, dst, TCP, t));
        return ip(srcMac, dstMac, src, dst, TCP, t);
    }

    static byte[] udp(long srcMac, long dstMac, byte[] src, byte[] dst, int sport, int dport, byte[] payload) {
        byte[] u = new byte[8 + payload.length];
        put16(u, 0, sport);
        put16(u, 2, dport);
        put16(u, 4, u.length);
        System.arraycopy(payload, 0, u, 8, payload.length);
        put16(u, 6, transportChecksum(src, dst, UDP, u));
        return ip(srcMac, dstMac, src, dst, UDP, u);
    }

    /** A destination-unreachable (ICMPv4 type 3 / ICMPv6 type 1) quoting {@code quote}. */
    static byte[] unreachable(long srcMac, long dstMac, byte[] src, byte[] dst, int code, byte[] quote) {
        boolean v6 = src.length == 16;
        byte[] m = new byte[8 + quote.length];
        m[0] = (byte) (v6 ? 1 : 3);
        m[1] = (byte) code;
        System.arraycopy(quote, 0, m, 8, quote.length);
        put16(m, 2, v6 ? transportChecksum(src, dst, ICMP6, m) : checksum(m, 0, m.length, 0));
        return ip(srcMac, dstMac, src, dst, v6 ? ICMP6 : ICMP4, m);
    }

    /** Ethernet + an IP header (IPv4 without options, or IPv6) around {@code payload}. */
    static byte[] ip(long srcMac, long dstMac, byte[] src, byte[] dst, int proto, byte[] payload) {
        boolean v6 = src.length == 16;
        int hl = v6 ? 40 : 20;
        byte[] f = new byte[ETH + hl + payload.length];
        ether(f, srcMac, dstMac, v6 ? 0x86DD : 0x0800);
        int ip = ETH;
        if (v6) {
            f[ip] = 0x60;
            put16(f, ip + 4, payload.length);
            f[ip + 6] = (byte) proto;
            f[ip + 7] = 64;
            System.arraycopy(src, 0, f, ip + 8, 16);
            System.arraycopy(dst, 0, f, ip + 24, 16);
        } else {
            f[ip] = 0x45;
            put16(f, ip + 2, hl + payload.length);
            put16(f, ip + 4, 0x1234);
            f[ip + 8] = 64;
            f[ip + 9] = (byte) proto;
            System.arraycopy(src, 0, f, ip + 12, 4);
            System.arraycopy(dst, 0, f, ip + 16, 4);
            put16(f, ip + 10, checksum(f, ip, 20, 0));
        }
        System.arraycopy(payload, 0, f, ip + hl, payload.length);
        return f;
    }

    static void ether(byte[] f, long srcMac, long dstMac, int type) {
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) (dstMac >>> (40 - 8 * i));
            f[6 + i] = (byte) (srcMac >>> (40 - 8 * i));
        }
        put16(f, 12, type);
    }

    static int transportChecksum(byte[] src, byte[] dst, int proto, byte[] segment) {
        int sum = 0;
        for (int i = 0; i < src.length; i += 2) {
            sum += u16(src, i) + u16(dst, i);
        }
        sum += proto + segment.length;
        return checksum(segment, 0, segment.length, sum);
    }

    static int checksum(byte[] b, int off, int len, int initial) {
        long sum = initial & 0xFFFFFFFFL;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += ((b[off + i] & 0xFF) << 8) | (b[off + i + 1] & 0xFF);
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    static long u32(byte[] b, int at) {
        return (long) u16(b, at) << 16 | u16(b, at + 2);
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void put32(byte[] b, int at, int v) {
        put16(b, at, v >>> 16);
        put16(b, at + 2, v);
    }
}
