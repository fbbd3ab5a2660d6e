package org.synscan.probe;

import java.util.random.RandomGenerator;

/**
 * What a probe carries so that a reply proves it answers that probe, with no table look-up.
 *
 * <h2>TCP</h2>
 * {@code h = SipHash(key; dstHi, dstLo, 6<<32 | dport<<16 | sport)}. The SYN's sequence number is the
 * low 32 bits of {@code h}; the IPv4 ID (16 bits) / IPv6 flow label (20 bits) are taken from bits 32
 * and up, so they look random but are not secret. The source port is {@code base + tryNo}
 * ({@code base} per scan in [32768, 60999 - maxTries], as nmap's {@code sport_encode}); with a fixed
 * {@code -g} port it is that port and the try is recovered as 0. A SYN-ACK or RST is valid only if
 * its ack is {@code seq + 1} and its destination port decodes to a try; an ICMP error only if the
 * quoted TCP header holds our port pair and {@code seq}.
 *
 * <h2>UDP</h2>
 * There is no sequence number, so the source port is the cookie:
 * {@code h = SipHash(key; dstHi, dstLo, 17<<32 | dport)} and
 * {@code sport = 1024 + ((h & 0xFFFF) + tryNo) mod 64512}. A reply's destination port decodes as
 * {@code off = (port - 1024 - (h & 0xFFFF)) mod 64512} and is valid iff {@code off < maxTries}
 * ({@code tryNo = off}): a stray datagram passes with probability {@code maxTries / 64512}. Bits 16
 * and up give the IPv4 ID / IPv6 flow label (identical for every try, so our own probe can be told
 * from a reply when a scan of this host captures both). Payloads with an ID the server echoes carry
 * bits 32..63 of {@code h} there (see {@link UdpPayload}), adding 16 to 64 bits of proof. With a
 * fixed {@code -g} port the port proves nothing and only the payload ID, if any, does.
 */
public final class Cookie {
    /** UDP source ports are drawn from [1024, 65535]: 64512 values. */
    static final int UDP_PORT_FLOOR = 1024;
    static final int UDP_PORT_SPAN = 65536 - UDP_PORT_FLOOR;
    /** Upper bound on tries: nmap caps --max-retries at 50. */
    public static final int MAX_TRIES = 64;

    private final long k0;
    private final long k1;
    private final int fixedPort;
    private final int base;
    private final int maxTries;

    /**
     * @param fixedSourcePort the {@code -g} port, or -1 to encode the try in the port
     * @param sourcePortBase  first TCP source port (ignored when the port is fixed)
     * @param maxTries        tries per probe (1 + retries), 1..{@value #MAX_TRIES}
     */
    public Cookie(CookieKey key, int fixedSourcePort, int sourcePortBase, int maxTries) {
        if (maxTries < 1 || maxTries > MAX_TRIES) {
            throw new IllegalArgumentException("maxTries out of range: " + maxTries);
        }
        if (fixedSourcePort < -1 || fixedSourcePort > 65535) {
            throw new IllegalArgumentException("bad source port: " + fixedSourcePort);
        }
        if (fixedSourcePort < 0 && (sourcePortBase < 1 || sourcePortBase + maxTries - 1 > 65535)) {
            throw new IllegalArgumentException("bad source port base: " + sourcePortBase);
        }
        this.k0 = key.k0();
        this.k1 = key.k1();
        this.fixedPort = fixedSourcePort;
        this.base = sourcePortBase;
        this.maxTries = maxTries;
    }

    /** A TCP source-port base for one scan in [32768, 60999 - maxTries], the Linux ephemeral range. */
    public static int randomSourcePortBase(int maxTries, RandomGenerator rnd) {
        return 32768 + rnd.nextInt(60999 - maxTries - 32768 + 1);
    }

    public int maxTries() {
        return maxTries;
    }

    // ---- TCP ----

    int tcpSourcePort(int tryNo) {
        return fixedPort >= 0 ? fixedPort : base + tryNo;
    }

    /** The try a reply's destination port (our source port) encodes, or -1 if it is none of ours. */
    int tcpTryNo(int ourPort) {
        if (fixedPort >= 0) {
            return ourPort == fixedPort ? 0 : -1;
        }
        int t = ourPort - base;
        return t >= 0 && t < maxTries ? t : -1;
    }

    long tcpHash(long dstHi, long dstLo, int dstPort, int srcPort) {
        return SipHash.hash(k0, k1, dstHi, dstLo, 6L << 32 | (long) dstPort << 16 | srcPort);
    }

    static int tcpSeq(long h) {
        return (int) h;
    }

    static int tcpIpId(long h) {
        return (int) (h >>> 32) & 0xFFFF;
    }

    static int tcpFlowLabel(long h) {
        return (int) (h >>> 32) & 0xFFFFF;
    }

    // ---- UDP ----

    long udpHash(long dstHi, long dstLo, int dstPort) {
        return SipHash.hash(k0, k1, dstHi, dstLo, 17L << 32 | dstPort);
    }

    int udpSourcePort(long h, int tryNo) {
        if (fixedPort >= 0) {
            return fixedPort;
        }
        return UDP_PORT_FLOOR + (int) (((h & 0xFFFF) + tryNo) % UDP_PORT_SPAN);
    }

    /** The try a UDP reply's destination port encodes for the target's hash {@code h}, or -1. */
    int udpTryNo(long h, int ourPort) {
        if (fixedPort >= 0) {
            return ourPort == fixedPort ? 0 : -1;
        }
        if (ourPort < UDP_PORT_FLOOR || ourPort > 65535) {
            return -1;
        }
        int off = (int) Math.floorMod(ourPort - UDP_PORT_FLOOR - (h & 0xFFFF), (long) UDP_PORT_SPAN);
        return off < maxTries ? off : -1;
    }

    static int udpIpId(long h) {
        return (int) (h >>> 16) & 0xFFFF;
    }

    static int udpFlowLabel(long h) {
        return (int) (h >>> 16) & 0xFFFFF;
    }
}
