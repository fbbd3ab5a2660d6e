package org.synscan.net;

import org.synscan.probe.Checksum;

/** Hand-built probe frames for the namespace tests (the real probes live in org.synscan.probe). */
final class TestPackets {
    private TestPackets() {
    }

    /** A 40-byte IPv4 + TCP SYN with correct checksums. */
    static byte[] ipv4Syn(IpAddr src, IpAddr dst, int sport, int dport, int seq) {
        byte[] p = new byte[40];
        p[0] = 0x45;
        NeighbourFrames.put16(p, 2, 40);
        NeighbourFrames.put16(p, 4, 0x5ca0);
        NeighbourFrames.put16(p, 6, 0x4000);
        p[8] = 64;
        p[9] = 6;
        src.writeTo(p, 12);
        dst.writeTo(p, 16);
        NeighbourFrames.put16(p, 10, Checksum.finish(Checksum.sum(0, p, 0, 20)));
        tcpSyn(p, 20, sport, dport, seq);
        long sum = Checksum.sum(0, p, 12, 8) + 6 + 20;
        NeighbourFrames.put16(p, 36, Checksum.finish(Checksum.sum(sum, p, 20, 20)));
        return p;
    }

    /** A 60-byte IPv6 + TCP SYN with a correct checksum. */
    static byte[] ipv6Syn(IpAddr src, IpAddr dst, int sport, int dport, int seq) {
        byte[] p = new byte[60];
        p[0] = 0x60;
        NeighbourFrames.put16(p, 4, 20);
        p[6] = 6;
        p[7] = 64;
        src.writeTo(p, 8);
        dst.writeTo(p, 24);
        tcpSyn(p, 40, sport, dport, seq);
        long sum = Checksum.sum(0, p, 8, 32) + 6 + 20;
        NeighbourFrames.put16(p, 56, Checksum.finish(Checksum.sum(sum, p, 40, 20)));
        return p;
    }

    static byte[] ethernet(long dst, long src, int etherType, byte[] payload) {
        byte[] f = new byte[14 + payload.length];
        Mac.write(dst, f, 0);
        Mac.write(src, f, 6);
        NeighbourFrames.put16(f, 12, etherType);
        System.arraycopy(payload, 0, f, 14, payload.length);
        return f;
    }

    private static void tcpSyn(byte[] p, int off, int sport, int dport, int seq) {
        NeighbourFrames.put16(p, off, sport);
        NeighbourFrames.put16(p, off + 2, dport);
        NeighbourFrames.put16(p, off + 4, seq >>> 16);
        NeighbourFrames.put16(p, off + 6, seq);
        p[off + 12] = 0x50;
        p[off + 13] = 0x02;
        NeighbourFrames.put16(p, off + 14, 65535);
    }
}
