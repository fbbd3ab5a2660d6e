package org.synscan.probe;

import static org.synscan.probe.Bytes.i32;
import static org.synscan.probe.Bytes.i64;
import static org.synscan.probe.Bytes.u16;
import static org.synscan.probe.Bytes.u32;
import static org.synscan.probe.Bytes.u8;

/**
 * Parses a captured frame into a {@link Reply} without allocating. Every length is checked against
 * the bytes captured: malformed or truncated input returns false and never throws.
 *
 * <p>The outer packet must be whole (IPv4 total length / IPv6 payload length within the capture,
 * UDP length equal to what the IP layer carries), so the capture's snaplen must cover the link MTU.
 * An ICMP error's quoted packet is naturally cut short, so there only the headers we read must be
 * present (IP header, extension headers, the first 8 transport bytes). Non-first fragments carry no
 * transport header and are rejected, outer or quoted; a first fragment is read as far as it goes.
 */
public final class ReplyParser {
    public static final int DLT_EN10MB = 1;
    public static final int DLT_RAW = 12;
    public static final int LINKTYPE_RAW = 101;
    public static final int DLT_LINUX_SLL = 113;
    public static final int DLT_IPV4 = 228;
    public static final int DLT_IPV6 = 229;
    public static final int DLT_LINUX_SLL2 = 276;

    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86DD;
    private static final int MAX_VLAN_TAGS = 2;
    private static final int MAX_EXTENSION_HEADERS = 8;
    private static final int PACKET_OUTGOING = 4;
    private static final long MORE_FRAGMENTS = 1L << 40;

    private ReplyParser() {
    }

    public static boolean supports(int linkType) {
        switch (linkType) {
            case DLT_EN10MB: case DLT_RAW: case LINKTYPE_RAW: case DLT_LINUX_SLL: case DLT_IPV4: case DLT_IPV6:
            case DLT_LINUX_SLL2:
                return true;
            default:
                return false;
        }
    }

    /** Parses {@code frame[0, length)} captured with {@code linkType} into {@code out}. */
    public static boolean parse(byte[] frame, int length, int linkType, Reply out) {
        if (frame == null || length < 0 || length > frame.length) {
            return false;
        }
        out.frame = frame;
        out.outgoing = false;
        out.hasInner = false;
        long link = linkLayer(frame, length, linkType, out);
        if (link < 0) {
            return false;
        }
        int off = (int) link;
        int etherType = (int) (link >>> 32);
        if (etherType == ETH_IPV4) {
            return ipv4(frame, off, length, out);
        }
        return etherType == ETH_IPV6 && ipv6(frame, off, length, out);
    }

    /** Skips the link header: returns the network offset (low 32 bits) and its EtherType (high), or -1. */
    private static long linkLayer(byte[] f, int length, int linkType, Reply out) {
        int off;
        int etherType;
        switch (linkType) {
            case DLT_EN10MB:
                if (length < 14) {
                    return -1;
                }
                off = 12;
                etherType = u16(f, off);
                for (int i = 0; i < MAX_VLAN_TAGS && isVlan(etherType); i++) {
                    off += 4;
                    if (off + 2 > length) {
                        return -1;
                    }
                    etherType = u16(f, off);
                }
                return (long) etherType << 32 | (off + 2);
            case DLT_LINUX_SLL:
                if (length < 16) {
                    return -1;
                }
                out.outgoing = u16(f, 0) == PACKET_OUTGOING;
                return (long) u16(f, 14) << 32 | 16;
            case DLT_LINUX_SLL2:
                if (length < 20) {
                    return -1;
                }
                out.outgoing = u8(f, 10) == PACKET_OUTGOING;
                return (long) u16(f, 0) << 32 | 20;
            case DLT_RAW:
            case LINKTYPE_RAW:
                if (length < 1) {
                    return -1;
                }
                int version = u8(f, 0) >>> 4;
                etherType = version == 4 ? ETH_IPV4 : version == 6 ? ETH_IPV6 : 0;
                return (long) etherType << 32;
            case DLT_IPV4:
                return (long) ETH_IPV4 << 32;
            case DLT_IPV6:
                return (long) ETH_IPV6 << 32;
            default:
                return -1;
        }
    }

    private static boolean isVlan(int etherType) {
        return etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100;
    }

    private static boolean ipv4(byte[] f, int off, int end, Reply out) {
        if (end - off < 20 || u8(f, off) >>> 4 != 4) {
            return false;
        }
        int ihl = (u8(f, off) & 0x0F) * 4;
        int total = u16(f, off + 2);
        int frag = u16(f, off + 6);
        if (ihl < 20 || total < ihl || total > end - off || (frag & 0x1FFF) != 0) {
            return false;
        }
        out.ipVersion = 4;
        out.ipId = u16(f, off + 4);
        out.ttl = u8(f, off + 8);
        out.srcHi = 0;
        out.srcLo = u32(f, off + 12);
        out.dstHi = 0;
        out.dstLo = u32(f, off + 16);
        return transport(f, off + ihl, off + total, u8(f, off + 9), (frag & 0x2000) != 0, false, out);
    }

    private static boolean ipv6(byte[] f, int off, int end, Reply out) {
        if (end - off < 40 || u8(f, off) >>> 4 != 6) {
            return false;
        }
        int payload = u16(f, off + 4);
        if (payload == 0 || payload > end - off - 40) {
            return false; // 0 announces a jumbogram, which no reply to a probe of ours is
        }
        int packetEnd = off + 40 + payload;
        long walk = skipExtensions(f, off + 40, packetEnd, u8(f, off + 6));
        if (walk < 0) {
            return false;
        }
        out.ipVersion = 6;
        out.ipId = i32(f, off) & 0xFFFFF;
        out.ttl = u8(f, off + 7);
        out.srcHi = i64(f, off + 8);
        out.srcLo = i64(f, off + 16);
        out.dstHi = i64(f, off + 24);
        out.dstLo = i64(f, off + 32);
        return transport(f, (int) walk, packetEnd, (int) (walk >>> 32) & 0xFF, (walk & MORE_FRAGMENTS) != 0, true, out);
    }

    /**
     * Skips IPv6 extension headers from {@code p}; returns the transport offset (low 32 bits), its
     * protocol (bits 32..39) and {@link #MORE_FRAGMENTS}, or -1 if malformed, too long a chain, or a
     * non-first fragment.
     */
    private static long skipExtensions(byte[] f, int p, int end, int next) {
        boolean more = false;
        for (int i = 0; ; i++) {
            if (next != 0 && next != 43 && next != 44 && next != 51 && next != 60) {
                return (long) next << 32 | p | (more ? MORE_FRAGMENTS : 0);
            }
            if (i == MAX_EXTENSION_HEADERS || end - p < 8) {
                return -1;
            }
            int length;
            if (next == 44) {
                int offsetAndFlags = u16(f, p + 2);
                if ((offsetAndFlags & 0xFFF8) != 0) {
                    return -1;
                }
                more = (offsetAndFlags & 1) != 0;
                length = 8;
            } else if (next == 51) {
                length = (u8(f, p + 1) + 2) * 4; // RFC 4302: AH counts 4-byte words, minus 2
            } else {
                length = (u8(f, p + 1) + 1) * 8;
            }
            if (length > end - p) {
                return -1;
            }
            next = u8(f, p);
            p += length;
        }
    }

    private static boolean transport(byte[] f, int t, int end, int protocol, boolean fragment, boolean v6, Reply out) {
        int avail = end - t;
        switch (protocol) {
            case 6: {
                if (avail < 20) {
                    return false;
                }
                int dataOffset = (u8(f, t + 12) >>> 4) * 4;
                if (dataOffset < 20 || dataOffset > avail) {
                    return false;
                }
                out.kind = Reply.Kind.TCP;
                out.sport = u16(f, t);
                out.dport = u16(f, t + 2);
                out.seq = i32(f, t + 4);
                out.ack = i32(f, t + 8);
                out.flags = u8(f, t + 13);
                return true;
            }
            case 17: {
                if (avail < 8) {
                    return false;
                }
                int udpLength = u16(f, t + 4);
                // Whole datagram: the lengths agree. First fragment: the datagram goes on past this packet.
                if (fragment ? udpLength <= avail : udpLength != avail) {
                    return false;
                }
                out.kind = Reply.Kind.UDP;
                out.sport = u16(f, t);
                out.dport = u16(f, t + 2);
                out.udpLength = udpLength;
                out.payloadOffset = t + 8;
                out.payloadLength = avail - 8;
                return true;
            }
            case 1:
                return !v6 && icmp(f, t, end, false, out);
            case 58:
                return v6 && icmp(f, t, end, true, out);
            default:
                return false;
        }
    }

    private static boolean icmp(byte[] f, int t, int end, boolean v6, Reply out) {
        if (end - t < 8) {
            return false;
        }
        int type = u8(f, t);
        out.kind = v6 ? Reply.Kind.ICMP6 : Reply.Kind.ICMP4;
        out.icmpType = type;
        out.icmpCode = u8(f, t + 1);
        // Error messages quote the packet that caused them; informational ones (echo, ND...) do not.
        boolean error = v6 ? type < 128 : type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
        if (!error) {
            return true;
        }
        return v6 ? quotedIpv6(f, t + 8, end, out) : quotedIpv4(f, t + 8, end, out);
    }

    private static boolean quotedIpv4(byte[] f, int q, int end, Reply out) {
        if (end - q < 20 || u8(f, q) >>> 4 != 4) {
            return false;
        }
        int ihl = (u8(f, q) & 0x0F) * 4;
        if (ihl < 20 || ihl > end - q || (u16(f, q + 6) & 0x1FFF) != 0) {
            return false;
        }
        out.innerVersion = 4;
        out.innerIpId = u16(f, q + 4);
        out.innerSrcHi = 0;
        out.innerSrcLo = u32(f, q + 12);
        out.innerDstHi = 0;
        out.innerDstLo = u32(f, q + 16);
        return quotedTransport(f, q + ihl, end, u8(f, q + 9), out);
    }

    private static boolean quotedIpv6(byte[] f, int q, int end, Reply out) {
        if (end - q < 40 || u8(f, q) >>> 4 != 6) {
            return false;
        }
        long walk = skipExtensions(f, q + 40, end, u8(f, q + 6));
        if (walk < 0) {
            return false;
        }
        out.innerVersion = 6;
        out.innerIpId = i32(f, q) & 0xFFFFF;
        out.innerSrcHi = i64(f, q + 8);
        out.innerSrcLo = i64(f, q + 16);
        out.innerDstHi = i64(f, q + 24);
        out.innerDstLo = i64(f, q + 32);
        return quotedTransport(f, (int) walk, end, (int) (walk >>> 32) & 0xFF, out);
    }

    /** The first 8 bytes of the quoted transport header: all an ICMP error is sure to carry (RFC 792). */
    private static boolean quotedTransport(byte[] f, int t, int end, int protocol, Reply out) {
        out.innerProtocol = protocol;
        out.innerSport = -1;
        out.innerDport = -1;
        out.innerSeq = 0;
        out.innerUdpLength = -1;
        if (protocol == 6 || protocol == 17) {
            if (end - t < 8) {
                return false;
            }
            out.innerSport = u16(f, t);
            out.innerDport = u16(f, t + 2);
            if (protocol == 6) {
                out.innerSeq = i32(f, t + 4);
            } else {
                out.innerUdpLength = u16(f, t + 4);
            }
        }
        out.hasInner = true;
        return true;
    }
}
