package org.synscan.trust;

import java.util.SplittableRandom;

/**
 * Junk frames for the wire, all addressed to the scanner's MAC: random bytes behind an Ethernet
 * header, IPv4/IPv6 headers to the scanner's address with wrong lengths and header lengths, IPv6
 * extension-header chains, truncated transports, TCP with random flags and acks to the scan's own
 * source ports, and ICMP errors quoting junk. Whatever the parser makes of them, none is a reply.
 */
final class Junk {
    private static final int[] EXTENSIONS = {0, 43, 44, 60, 51, 59};
    private static final int[] PROTOCOLS = {1, 6, 17, 58, 0, 43, 44, 60, 59, 255};

    private final SplittableRandom rnd;
    private final long ourMac;
    private final long scannerMac;
    private final byte[] scanner;

    Junk(SplittableRandom rnd, long ourMac, long scannerMac, byte[] scanner) {
        this.rnd = rnd;
        this.ourMac = ourMac;
        this.scannerMac = scannerMac;
        this.scanner = scanner;
    }

    /** One junk frame; {@code base} is the scan's first source port, so TCP junk reaches the cookie check. */
    byte[] next(int base) {
        return switch (rnd.nextInt(7)) {
            case 0 -> randomBehindEthernet();
            case 1 -> badIpHeader(randomBytes(rnd.nextInt(80)));
            case 2 -> badIpHeader(tcpJunk(base));
            case 3 -> truncated(tcpFrame(base));
            case 4 -> scanner.length == 16 ? extensionChain(base) : badIpHeader(icmpJunkQuote());
            case 5 -> Forge.ip(ourMac, scannerMac, source(), scanner, scanner.length == 16 ? Forge.ICMP6 : Forge.ICMP4,
                    icmpJunkQuote());
            default -> tcpFrame(base);
        };
    }

    private byte[] randomBehindEthernet() {
        byte[] f = randomBytes(Forge.ETH + rnd.nextInt(200));
        int[] types = {0x0800, 0x86DD, 0x8100, 0x0806, rnd.nextInt(65536)};
        Forge.ether(f, ourMac, scannerMac, types[rnd.nextInt(types.length)]);
        return f;
    }

    /** A real IP header around {@code payload}, then one length or structure field broken. */
    private byte[] badIpHeader(byte[] payload) {
        int proto = PROTOCOLS[rnd.nextInt(PROTOCOLS.length)];
        byte[] f = Forge.ip(ourMac, scannerMac, source(), scanner, proto, payload);
        int ip = Forge.ETH;
        boolean v6 = scanner.length == 16;
        switch (rnd.nextInt(5)) {
            case 0 -> Forge.put16(f, ip + (v6 ? 4 : 2), rnd.nextInt(65536)); // total / payload length
            case 1 -> f[ip] = (byte) (v6 ? 0x60 | rnd.nextInt(16) : 0x40 | rnd.nextInt(16)); // IHL or traffic class
            case 2 -> f[ip] = (byte) rnd.nextInt(256); // version
            case 3 -> {
                if (!v6) {
                    Forge.put16(f, ip + 6, 0x2000 | rnd.nextInt(0x2000)); // a fragment
                } else {
                    f[ip + 6] = 44;
                }
            }
            default -> {
                int len = rnd.nextInt(f.length + 1);
                return java.util.Arrays.copyOf(f, Math.max(Forge.ETH, len));
            }
        }
        return f;
    }

    private byte[] tcpJunk(int base) {
        byte[] t = randomBytes(20 + rnd.nextInt(40));
        Forge.put16(t, 2, base + rnd.nextInt(11));
        t[12] = (byte) (rnd.nextInt(16) << 4); // data offset, often impossible
        return t;
    }

    /** A well-formed TCP segment to one of our source ports with random flags, seq and ack. */
    private byte[] tcpFrame(int base) {
        int port = rnd.nextBoolean() ? rnd.nextInt(65536) : base + rnd.nextInt(11);
        return Forge.tcp(ourMac, scannerMac, source(), scanner, rnd.nextInt(65536), port, rnd.nextInt(), rnd.nextInt(),
                rnd.nextInt(256));
    }

    private byte[] truncated(byte[] f) {
        return java.util.Arrays.copyOf(f, Forge.ETH + rnd.nextInt(f.length - Forge.ETH));
    }

    /** IPv6 with a chain of extension headers of random lengths, then TCP, UDP or junk. */
    private byte[] extensionChain(int base) {
        int n = 1 + rnd.nextInt(5);
        byte[][] parts = new byte[n + 1][];
        int first = EXTENSIONS[rnd.nextInt(EXTENSIONS.length)];
        int next = first;
        for (int i = 0; i < n; i++) {
            int following = i == n - 1 ? PROTOCOLS[rnd.nextInt(PROTOCOLS.length)] : EXTENSIONS[rnd.nextInt(EXTENSIONS.length)];
            int len8 = rnd.nextInt(4);
            byte[] h = randomBytes(next == 44 ? 8 : 8 + 8 * len8);
            h[0] = (byte) following;
            h[1] = (byte) (next == 44 ? 0 : rnd.nextInt(8) == 0 ? rnd.nextInt(256) : len8);
            parts[i] = h;
            next = following;
        }
        parts[n] = rnd.nextBoolean() ? tcpJunk(base) : randomBytes(rnd.nextInt(40));
        int total = 0;
        for (byte[] p : parts) {
            total += p.length;
        }
        byte[] payload = new byte[total];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, payload, at, p.length);
            at += p.length;
        }
        return Forge.ip(ourMac, scannerMac, source(), scanner, first, payload);
    }

    /** An ICMP error whose quote is junk, or a quote of a packet from us with random ports and seq. */
    private byte[] icmpJunkQuote() {
        boolean v6 = scanner.length == 16;
        byte[] quote;
        if (rnd.nextBoolean()) {
            quote = randomBytes(rnd.nextInt(64));
        } else {
            byte[] inner = Forge.tcp(0, 0, scanner, source(), rnd.nextInt(65536), rnd.nextInt(65536), rnd.nextInt(), 0, 2);
            quote = java.util.Arrays.copyOfRange(inner, Forge.ETH, Math.min(inner.length, Forge.ETH + rnd.nextInt(60)));
        }
        byte[] m = new byte[8 + quote.length];
        m[0] = (byte) (v6 ? rnd.nextInt(5) : new int[] {3, 11, 12, 4, 5}[rnd.nextInt(5)]);
        m[1] = (byte) rnd.nextInt(16);
        System.arraycopy(quote, 0, m, 8, quote.length);
        return m;
    }

    /** The target itself, or an address behind it (see {@link Injector#behindTheGateway}). */
    private byte[] source() {
        if (rnd.nextInt(4) == 0) {
            byte[] s = scanner.clone();
            s[s.length - 1] = 2;
            return s;
        }
        return Injector.behindTheGateway(scanner, rnd);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
