package org.synscan.probe;

/** Writers for the constant parts of probe templates, and the per-probe argument check. */
final class Frames {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int IPV4_HEADER = 20;
    static final int IPV6_HEADER = 40;
    /** TCP header with one option, MSS (kind 2, length 4), as nmap's SYN probes carry. */
    static final int TCP_SYN_HEADER = 24;
    static final int TCP_WINDOW = 1024;
    static final int TCP_MSS = 1460;
    static final int UDP_HEADER = 8;

    private Frames() {
    }

    /** The Ethernet header, if the configuration has one. */
    static void link(byte[] f, ProbeConfig c, int etherType) {
        if (c.linkHeaderLength() == 14) {
            System.arraycopy(c.dstMac(), 0, f, 0, 6);
            System.arraycopy(c.srcMac(), 0, f, 6, 6);
            Bytes.put16(f, 12, etherType);
        }
    }

    /**
     * An IPv4 header with ID, checksum and destination zero (patched per probe); DF clear, as nmap's
     * raw probes. Returns the header checksum over these constants.
     */
    static int ipv4(byte[] f, int off, int totalLength, int protocol, int ttl, long src) {
        f[off] = 0x45;
        Bytes.put16(f, off + 2, totalLength);
        f[off + 8] = (byte) ttl;
        f[off + 9] = (byte) protocol;
        Bytes.put32(f, off + 12, (int) src);
        return Checksum.of(f, off, IPV4_HEADER);
    }

    /** An IPv6 header with flow label and destination zero (patched per probe). */
    static void ipv6(byte[] f, int off, int payloadLength, int nextHeader, int hopLimit, long srcHi, long srcLo) {
        f[off] = 0x60;
        Bytes.put16(f, off + 4, payloadLength);
        f[off + 6] = (byte) nextHeader;
        f[off + 7] = (byte) hopLimit;
        Bytes.put64(f, off + 8, srcHi);
        Bytes.put64(f, off + 16, srcLo);
    }

    /** A SYN with ports and sequence zero (patched per probe), window 1024 and an MSS option. */
    static void tcpSyn(byte[] f, int off) {
        f[off + 12] = (byte) ((TCP_SYN_HEADER / 4) << 4);
        f[off + 13] = 0x02;
        Bytes.put16(f, off + 14, TCP_WINDOW);
        f[off + 20] = 2;
        f[off + 21] = 4;
        Bytes.put16(f, off + 22, TCP_MSS);
    }

    static void checkTarget(boolean ipv6, long dstHi, long dstLo, int dstPort, int tryNo, int maxTries) {
        if (!ipv6 && (dstHi != 0 || (dstLo >>> 32) != 0)) {
            throw new IllegalArgumentException("not an IPv4 address: hi=" + dstHi + " lo=" + dstLo);
        }
        if ((dstPort & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("port out of range: " + dstPort);
        }
        if (tryNo < 0 || tryNo >= maxTries) {
            throw new IllegalArgumentException("try out of range: " + tryNo);
        }
    }
}
