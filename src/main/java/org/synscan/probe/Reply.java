package org.synscan.probe;

/**
 * A captured frame, parsed: one mutable instance reused by a receiver thread, filled by
 * {@link ReplyParser#parse}. Values are unsigned and widened (ports 0..65535, TTL 0..255). Fields of
 * other kinds keep stale values: read only those of {@link #kind()}.
 */
public final class Reply {
    /** The transport of the outer packet. */
    public enum Kind { TCP, UDP, ICMP4, ICMP6 }

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int ACK = 0x10;

    byte[] frame;
    boolean outgoing;
    int ipVersion;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int ttl;
    int ipId;
    Kind kind;
    int sport;
    int dport;
    int seq;
    int ack;
    int flags;
    int udpLength;
    int payloadOffset;
    int payloadLength;
    int icmpType;
    int icmpCode;
    boolean hasInner;
    int innerVersion;
    long innerSrcHi;
    long innerSrcLo;
    long innerDstHi;
    long innerDstLo;
    int innerIpId;
    int innerProtocol;
    int innerSport;
    int innerDport;
    int innerSeq;
    int innerUdpLength;

    /** The frame the offsets refer to (not copied: valid until the capture buffer is reused). */
    public byte[] frame() { return frame; }
    /** True when the link layer says we sent it (Linux cooked capture, packet type "outgoing"). */
    public boolean outgoing() { return outgoing; }
    public int ipVersion() { return ipVersion; }
    public long srcHi() { return srcHi; }
    public long srcLo() { return srcLo; }
    public long dstHi() { return dstHi; }
    public long dstLo() { return dstLo; }
    /** IPv4 TTL or IPv6 hop limit. */
    public int ttl() { return ttl; }
    /** IPv4 identification or IPv6 flow label. */
    public int ipId() { return ipId; }
    public Kind kind() { return kind; }
    /** TCP/UDP source port. */
    public int sport() { return sport; }
    /** TCP/UDP destination port. */
    public int dport() { return dport; }
    public int seq() { return seq; }
    public int ack() { return ack; }
    /** TCP flags byte (CWR..FIN). */
    public int flags() { return flags; }
    public int udpLength() { return udpLength; }
    /** UDP payload offset in {@link #frame()}. */
    public int payloadOffset() { return payloadOffset; }
    /** UDP payload bytes present in the frame. */
    public int payloadLength() { return payloadLength; }
    public int icmpType() { return icmpType; }
    public int icmpCode() { return icmpCode; }
    /** True for an ICMP error whose quoted IP header was parsed. */
    public boolean hasInner() { return hasInner; }
    public int innerVersion() { return innerVersion; }
    public long innerSrcHi() { return innerSrcHi; }
    public long innerSrcLo() { return innerSrcLo; }
    public long innerDstHi() { return innerDstHi; }
    public long innerDstLo() { return innerDstLo; }
    /** Quoted IPv4 identification or IPv6 flow label. */
    public int innerIpId() { return innerIpId; }
    /** Quoted transport protocol (6, 17, ...); ports and seq are valid only for 6 and 17. */
    public int innerProtocol() { return innerProtocol; }
    public int innerSport() { return innerSport; }
    public int innerDport() { return innerDport; }
    /** Quoted TCP sequence number (TCP only). */
    public int innerSeq() { return innerSeq; }
    /** Quoted UDP length field (UDP only). */
    public int innerUdpLength() { return innerUdpLength; }
}
