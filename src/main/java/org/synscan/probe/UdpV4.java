package org.synscan.probe;

import org.synscan.result.Protocol;

/** UDP over IPv4: [Ethernet] + IPv4 (20) + UDP (8) + the port's payload, if any. */
final class UdpV4 implements ProbeKind {
    private final Cookie cookie;
    private final UdpTemplates t;

    UdpV4(ProbeConfig c) {
        cookie = c.cookie();
        t = new UdpTemplates(c);
    }

    @Override
    public Protocol protocol() {
        return Protocol.UDP;
    }

    @Override
    public boolean ipv6() {
        return false;
    }

    @Override
    public int maxFrameLength() {
        return t.maxLength;
    }

    @Override
    public int build(byte[] buf, long dstHi, long dstLo, int dstPort, int tryNo) {
        Frames.checkTarget(false, dstHi, dstLo, dstPort, tryNo, cookie.maxTries());
        int slot = t.payloads.slot(dstPort);
        long h = cookie.udpHash(dstHi, dstLo, dstPort);
        int sport = cookie.udpSourcePort(h, tryNo);
        int dst = (int) dstLo;
        long dstWords = Checksum.words(dst);
        int length = t.fill(buf, slot, h, sport, dstPort, dstWords);
        int ipId = Cookie.udpIpId(h);
        Bytes.put16(buf, t.ip + 4, ipId);
        Bytes.put32(buf, t.ip + 16, dst);
        Bytes.put16(buf, t.ip + 10, Checksum.patch(t.ipChecksums[slot], dstWords + ipId));
        return length;
    }
}
