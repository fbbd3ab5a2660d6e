package org.synscan.probe;

import java.util.List;

/**
 * One UDP frame template per payload (slot 0: the empty datagram), since the payload length moves
 * the IP and UDP lengths and checksums. Cookie fields, ports, destination and IP ID are zero in
 * the templates; the checksums are over the constants.
 */
final class UdpTemplates {
    final UdpPayloads payloads;
    final byte[][] frames;
    final UdpPayload[] payloadBySlot;
    final int[] ipChecksums;
    final int[] udpChecksums;
    final int ip;
    final int udp;
    final int maxLength;

    UdpTemplates(ProbeConfig c) {
        payloads = c.udpPayloads();
        boolean v6 = c.ipv6();
        List<UdpPayload> all = payloads.all();
        int n = all.size() + 1;
        frames = new byte[n][];
        payloadBySlot = new UdpPayload[n];
        ipChecksums = new int[n];
        udpChecksums = new int[n];
        ip = c.linkHeaderLength();
        udp = ip + (v6 ? Frames.IPV6_HEADER : Frames.IPV4_HEADER);
        int longest = 0;
        for (int s = 0; s < n; s++) {
            UdpPayload p = s == 0 ? null : all.get(s - 1);
            byte[] data = p == null ? new byte[0] : p.template(v6);
            int udpLength = Frames.UDP_HEADER + data.length;
            byte[] f = new byte[udp + udpLength];
            long pseudo;
            if (v6) {
                Frames.link(f, c, Frames.ETHERTYPE_IPV6);
                Frames.ipv6(f, ip, udpLength, 17, c.ttl(), c.srcHi(), c.srcLo());
                pseudo = Checksum.pseudoV6(c.srcHi(), c.srcLo(), 0, 0, 17, udpLength);
            } else {
                Frames.link(f, c, Frames.ETHERTYPE_IPV4);
                ipChecksums[s] = Frames.ipv4(f, ip, Frames.IPV4_HEADER + udpLength, 17, c.ttl(), c.srcLo());
                pseudo = Checksum.pseudoV4(c.srcLo(), 0, 17, udpLength);
            }
            Bytes.put16(f, udp + 4, udpLength);
            System.arraycopy(data, 0, f, udp + Frames.UDP_HEADER, data.length);
            udpChecksums[s] = Checksum.finish(pseudo + Checksum.sum(0, f, udp, udpLength));
            frames[s] = f;
            payloadBySlot[s] = p;
            longest = Math.max(longest, f.length);
        }
        maxLength = longest;
    }

    /**
     * Copies the template for {@code dstPort} into {@code buf}, writes ports and the payload cookie
     * and the UDP checksum ({@code addedSum}: the caller's destination words); returns the frame length.
     */
    int fill(byte[] buf, int slot, long h, int sport, int dstPort, long addedSum) {
        byte[] f = frames[slot];
        System.arraycopy(f, 0, buf, 0, f.length);
        Bytes.put16(buf, udp, sport);
        Bytes.put16(buf, udp + 2, dstPort);
        UdpPayload p = payloadBySlot[slot];
        long cookieSum = p == null ? 0 : p.writeCookie(buf, udp + Frames.UDP_HEADER, h);
        int ck = Checksum.patch(udpChecksums[slot], addedSum + sport + dstPort + cookieSum);
        // RFC 768: a computed 0 is sent as all ones (0 would mean "no checksum" in IPv4, and is invalid in IPv6).
        Bytes.put16(buf, udp + 6, ck == 0 ? 0xFFFF : ck);
        return f.length;
    }
}
