package org.synscan.probe;

import org.synscan.result.Protocol;

/** TCP SYN over IPv6: [Ethernet] + IPv6 (40) + TCP with MSS (24). */
final class TcpSynV6 implements ProbeKind {
    private final Cookie cookie;
    private final byte[] template;
    private final int ip;
    private final int tcp;
    private final int length;
    private final int tcpChecksum;

    TcpSynV6(ProbeConfig c) {
        cookie = c.cookie();
        ip = c.linkHeaderLength();
        tcp = ip + Frames.IPV6_HEADER;
        length = tcp + Frames.TCP_SYN_HEADER;
        template = new byte[length];
        Frames.link(template, c, Frames.ETHERTYPE_IPV6);
        Frames.ipv6(template, ip, Frames.TCP_SYN_HEADER, 6, c.ttl(), c.srcHi(), c.srcLo());
        Frames.tcpSyn(template, tcp);
        tcpChecksum = Checksum.finish(Checksum.pseudoV6(c.srcHi(), c.srcLo(), 0, 0, 6, Frames.TCP_SYN_HEADER)
                + Checksum.sum(0, template, tcp, Frames.TCP_SYN_HEADER));
    }

    @Override
    public Protocol protocol() {
        return Protocol.TCP;
    }

    @Override
    public boolean ipv6() {
        return true;
    }

    @Override
    public int maxFrameLength() {
        return length;
    }

    @Override
    public int build(byte[] buf, long dstHi, long dstLo, int dstPort, int tryNo) {
        Frames.checkTarget(true, dstHi, dstLo, dstPort, tryNo, cookie.maxTries());
        int sport = cookie.tcpSourcePort(tryNo);
        long h = cookie.tcpHash(dstHi, dstLo, dstPort, sport);
        int seq = Cookie.tcpSeq(h);

        System.arraycopy(template, 0, buf, 0, length);
        Bytes.put32(buf, ip, 0x6000_0000 | Cookie.tcpFlowLabel(h));
        Bytes.put64(buf, ip + 24, dstHi);
        Bytes.put64(buf, ip + 32, dstLo);
        Bytes.put16(buf, tcp, sport);
        Bytes.put16(buf, tcp + 2, dstPort);
        Bytes.put32(buf, tcp + 4, seq);
        long added = Checksum.words(dstHi) + Checksum.words(dstLo) + sport + dstPort + Checksum.words(seq);
        Bytes.put16(buf, tcp + 16, Checksum.patch(tcpChecksum, added));
        return length;
    }
}
