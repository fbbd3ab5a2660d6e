package org.synscan.net;

import org.synscan.probe.Checksum;

/**
 * The frames of our own neighbour resolution: an ARP request, an ICMPv6 Neighbor Solicitation
 * (RFC 4861 §4.3), and the parsers that pick the answer out of a captured frame.
 */
final class NeighbourFrames {
    static final int ETHERTYPE_ARP = 0x0806;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int ARP_FRAME_LEN = 60;
    static final int NS_FRAME_LEN = 14 + 40 + 32;
    private static final int ICMPV6 = 58;
    private static final int NS = 135;
    private static final int NA = 136;
    private static final int IP6 = 14;
    private static final int ICMP = IP6 + 40;

    private NeighbourFrames() {
    }

    /** A broadcast "who has target? tell source" padded to Ethernet's 60-byte minimum. */
    static byte[] arpRequest(long ourMac, IpAddr source, IpAddr target) {
        byte[] f = new byte[ARP_FRAME_LEN];
        Mac.write(Mac.BROADCAST, f, 0);
        Mac.write(ourMac, f, 6);
        put16(f, 12, ETHERTYPE_ARP);
        put16(f, 14, 1);          // hardware: Ethernet
        put16(f, 16, 0x0800);     // protocol: IPv4
        f[18] = 6;
        f[19] = 4;
        put16(f, 20, 1);          // request
        Mac.write(ourMac, f, 22);
        source.writeTo(f, 28);
        target.writeTo(f, 38);    // target hardware address (32..37) stays zero
        return f;
    }

    /** The sender MAC of an ARP reply from {@code target}, or {@link Mac#NONE}. */
    static long arpReplyFrom(byte[] f, int len, IpAddr target) {
        if (len < 42 || get16(f, 12) != ETHERTYPE_ARP || get16(f, 14) != 1 || get16(f, 16) != 0x0800
                || f[18] != 6 || f[19] != 4 || get16(f, 20) != 2) {
            return Mac.NONE;
        }
        return IpAddr.fromBytes(f, 28, false).equals(target) ? Mac.read(f, 22) : Mac.NONE;
    }

    /**
     * Any ARP reply: fills {@code out} with the sender's IPv4 address (as the lo of an address) and
     * MAC; false if the frame is not an ARP reply.
     */
    static boolean arpReply(byte[] f, int len, long[] out) {
        if (len < 42 || get16(f, 12) != ETHERTYPE_ARP || get16(f, 14) != 1 || get16(f, 16) != 0x0800
                || f[18] != 6 || f[19] != 4 || get16(f, 20) != 2) {
            return false;
        }
        IpAddr sender = IpAddr.fromBytes(f, 28, false);
        out[0] = 0;
        out[1] = sender.lo();
        out[2] = Mac.read(f, 22);
        return true;
    }

    /**
     * Any Neighbor Advertisement: fills {@code out} with its target address (hi, lo) and announced MAC;
     * false if the frame is not one.
     */
    static boolean neighborAdvert(byte[] f, int len, long[] out) {
        if (len < ICMP + 24 || get16(f, 12) != ETHERTYPE_IPV6 || (f[IP6] & 0xf0) != 0x60
                || (f[IP6 + 6] & 0xff) != ICMPV6 || (f[ICMP] & 0xff) != NA) {
            return false;
        }
        IpAddr target = IpAddr.fromBytes(f, ICMP + 8, true);
        long mac = neighborAdvertFor(f, len, target);
        if (mac == Mac.NONE) {
            return false;
        }
        out[0] = target.hi();
        out[1] = target.lo();
        out[2] = mac;
        return true;
    }

    /** The solicited-node multicast address ff02::1:ffXX:XXXX of {@code target}. */
    static IpAddr solicitedNode(IpAddr target) {
        return IpAddr.v6(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0000L | (target.lo() & 0xff_ffff));
    }

    /** A Neighbor Solicitation for {@code target} with our link-layer address as option 1. */
    static byte[] neighborSolicitation(long ourMac, IpAddr source, IpAddr target) {
        IpAddr group = solicitedNode(target);
        byte[] f = new byte[NS_FRAME_LEN];
        Mac.write(0x3333_0000_0000L | (group.lo() & 0xffff_ffffL), f, 0);
        Mac.write(ourMac, f, 6);
        put16(f, 12, ETHERTYPE_IPV6);
        f[IP6] = 0x60;
        put16(f, IP6 + 4, 32);    // payload length
        f[IP6 + 6] = ICMPV6;
        f[IP6 + 7] = (byte) 255;  // hop limit 255: receivers drop NDP with anything else
        source.writeTo(f, IP6 + 8);
        group.writeTo(f, IP6 + 24);
        f[ICMP] = (byte) NS;
        target.writeTo(f, ICMP + 8);
        f[ICMP + 24] = 1;         // option: source link-layer address, length 1 (8 bytes)
        f[ICMP + 25] = 1;
        Mac.write(ourMac, f, ICMP + 26);
        put16(f, ICMP + 2, icmpv6Checksum(f, IP6, 32));
        return f;
    }

    /** The checksum of the ICMPv6 message after the IPv6 header at {@code ip}, over RFC 8200's pseudo-header. */
    static int icmpv6Checksum(byte[] f, int ip, int icmpLen) {
        long sum = Checksum.sum(0, f, ip + 8, 32);
        sum += icmpLen + ICMPV6;
        int saved = get16(f, ip + 40 + 2);
        put16(f, ip + 40 + 2, 0);
        sum = Checksum.sum(sum, f, ip + 40, icmpLen);
        put16(f, ip + 40 + 2, saved);
        return Checksum.finish(sum);
    }

    /**
     * The MAC announced by a Neighbor Advertisement for {@code target}: its target link-layer
     * option (type 2) if present, else the frame's Ethernet source; {@link Mac#NONE} otherwise.
     */
    static long neighborAdvertFor(byte[] f, int len, IpAddr target) {
        if (len < ICMP + 24 || get16(f, 12) != ETHERTYPE_IPV6 || (f[IP6] & 0xf0) != 0x60
                || (f[IP6 + 6] & 0xff) != ICMPV6 || (f[ICMP] & 0xff) != NA
                || !IpAddr.fromBytes(f, ICMP + 8, true).equals(target)) {
            return Mac.NONE;
        }
        int end = Math.min(len, ICMP + get16(f, IP6 + 4));
        int opt = ICMP + 24;
        while (opt + 8 <= end) {
            int optLen = (f[opt + 1] & 0xff) * 8;
            if (optLen == 0) {
                break;
            }
            if (f[opt] == 2 && optLen >= 8) {
                return Mac.read(f, opt + 2);
            }
            opt += optLen;
        }
        return Mac.read(f, 6);
    }

    static int get16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
