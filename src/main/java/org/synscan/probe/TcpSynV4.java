package org.synscan.probe;

import org.synscan.result.Protocol;

/** TCP SYN over IPv4: [Ethernet] + IPv4 (20) + TCP with MSS (24). */
final class TcpSynV4 implements ProbeKind {
    private final Cookie cookie;
    private final byte[] template;
    private final int ip;
    private final int tcp;
    private final int length;
    private final int ipChecksum;
    private final int tcpChecksum;

    TcpSynV4(ProbeConfig c) {
        cookie = c.cookie();
        ip = c.linkHeaderLength();
        tcp = ip + Frames.IPV4_HEADER;
        length = tcp + Frames.TCP_SYN_HEADER;
        template = new byte[length];
        Frames.link(template, c, Frames.ETHERTYPE_IPV4);
        ipChecksum = Frames.ipv4(template, ip, Frames.IPV4_HEADER + Frames.TCP_SYN_HEADER, 6, c.ttl(), c.srcLo());
        Frames.tcpSyn(template, tcp);
        tcpChecksum = Checksum.finish(Checksum.pseudoV4(c.srcLo(), 0, 6, Frames.TCP_SYN_HEADER)
                + Checksum.sum(0, template, tcp, Frames.TCP_SYN_HEADER));
    }

    @Override
    public Protocol protocol() {
        return Protocol.TCP;
    }

    @Override
    public boolean ipv6() {
        return false;
    }

    @Override
    public int maxFrameLength() {
        return length;
    }

    @Override
    public int build(byte[] buf, long dstHi, long dstLo, int dstPort, int tryNo) {
        Frames.checkTarget(false, dstHi, dstLo, dstPort, tryNo, cookie.maxTries());
        int sport = cookie.tcpSourcePort(tryNo);
        long h = cookie.tcpHash(dstHi, dstLo, dstPort, sport);
        int seq = Cookie.tcpSeq(h);
        int ipId = Cookie.tcpIpId(h);
        int dst = (int) dstLo;
        long dstWords = Checksum.words(dst);

        System.arraycopy(template, 0, buf, 0, length);
        Bytes.put16(buf, ip + 4, ipId);
        Bytes.put32(buf, ip + 16, dst);
        Bytes.put16(buf, ip + 10, Checksum.patch(ipChecksum, dstWords + ipId));
        Bytes.put16(buf, tcp, sport);
        Bytes.put16(buf, tcp + 2, dstPort);
        Bytes.put32(buf, tcp + 4, seq);
        Bytes.put16(buf, tcp + 16, Checksum.patch(tcpChecksum, dstWords + sport + dstPort + Checksum.words(seq)));
        return length;
    }
}
