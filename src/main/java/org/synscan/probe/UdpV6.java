package org.synscan.probe;

import org.synscan.result.Protocol;

/** UDP over IPv6: [Ethernet] + IPv6 (40) + UDP (8) + the port's payload, if any. */
final class UdpV6 implements ProbeKind {
    private final Cookie cookie;
    private final UdpTemplates t;

    UdpV6(ProbeConfig c) {
        cookie = c.cookie();
        t = new UdpTemplates(c);
    }

    @Override
    public Protocol protocol() {
        return Protocol.UDP;
    }

    @Override
    public boolean ipv6() {
        return true;
    }

    @Override
    public int maxFrameLength() {
        return t.maxLength;
    }

    @Override
    public int build(byte[] buf, long dstHi, long dstLo, int dstPort, int tryNo) {
        Frames.checkTarget(true, dstHi, dstLo, dstPort, tryNo, cookie.maxTries());
        int slot = t.payloads.slot(dstPort);
        long h = cookie.udpHash(dstHi, dstLo, dstPort);
        int sport = cookie.udpSourcePort(h, tryNo);
        int length = t.fill(buf, slot, h, sport, dstPort, Checksum.words(dstHi) + Checksum.words(dstLo));
        Bytes.put32(buf, t.ip, 0x6000_0000 | Cookie.udpFlowLabel(h));
        Bytes.put64(buf, t.ip + 24, dstHi);
        Bytes.put64(buf, t.ip + 32, dstLo);
        return length;
    }
}
