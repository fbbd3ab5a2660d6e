package org.synscan.probe;

import static org.synscan.probe.TestNet.be;
import static org.synscan.probe.TestNet.cat;
import static org.synscan.probe.TestNet.i32;
import static org.synscan.probe.TestNet.i64;
import static org.synscan.probe.TestNet.u16;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads a probe we built (test-side, by fixed offsets) and answers it as a real host or router would. */
final class Responder {
    final boolean v6;
    final byte[] packet;
    final long usHi;
    final long usLo;
    final long targetHi;
    final long targetLo;
    final int protocol;
    final int ourPort;
    final int targetPort;
    final int seq;
    final byte[] payload;
    int ttl = 57;

    Responder(byte[] frame, int length, int linkHeader) {
        packet = Arrays.copyOfRange(frame, linkHeader, length);
        v6 = (packet[0] & 0xF0) == 0x60;
        int t;
        if (v6) {
            usHi = i64(packet, 8);
            usLo = i64(packet, 16);
            targetHi = i64(packet, 24);
            targetLo = i64(packet, 32);
            protocol = packet[6];
            t = 40;
        } else {
            usHi = 0;
            usLo = i32(packet, 12) & 0xFFFF_FFFFL;
            targetHi = 0;
            targetLo = i32(packet, 16) & 0xFFFF_FFFFL;
            protocol = packet[9];
            t = (packet[0] & 0x0F) * 4;
        }
        ourPort = u16(packet, t);
        targetPort = u16(packet, t + 2);
        seq = protocol == 6 ? i32(packet, t + 4) : 0;
        payload = protocol == 17 ? Arrays.copyOfRange(packet, t + 8, packet.length) : new byte[0];
    }

    /** An IP packet from {@code srcHi/srcLo} to us, in an Ethernet frame. */
    byte[] frameFrom(long srcHi, long srcLo, int proto, byte[] transport) {
        return TestNet.eth(v6 ? 0x86DD : 0x0800, ipFrom(srcHi, srcLo, proto, transport));
    }

    byte[] ipFrom(long srcHi, long srcLo, int proto, byte[] transport) {
        return v6 ? TestNet.ipv6(srcHi, srcLo, usHi, usLo, proto, ttl, transport)
                : TestNet.ipv4(srcLo, usLo, proto, ttl, transport);
    }

    byte[] tcp(int replySeq, int ack, int flags) {
        return TestNet.tcp(v6, targetHi, targetLo, usHi, usLo, targetPort, ourPort, replySeq, ack, flags);
    }

    byte[] tcpReply(int replySeq, int ack, int flags) {
        return frameFrom(targetHi, targetLo, 6, tcp(replySeq, ack, flags));
    }

    byte[] synAck() {
        return tcpReply(0x5eed_1234, seq + 1, Reply.SYN | Reply.ACK);
    }

    /** What Linux answers a SYN to a closed port with: RST+ACK, seq 0, ack = seq + 1. */
    byte[] rst() {
        return tcpReply(0, seq + 1, Reply.RST | Reply.ACK);
    }

    /** ICMP error from {@code fromHi/fromLo} quoting the first {@code quoteLength} bytes of the probe. */
    byte[] icmpError(int type, int code, long fromHi, long fromLo, int quoteLength) {
        byte[] quote = Arrays.copyOf(packet, Math.min(quoteLength, packet.length));
        byte[] msg = v6 ? TestNet.icmp6(fromHi, fromLo, usHi, usLo, type, code, quote) : TestNet.icmp4(type, code, quote);
        return frameFrom(fromHi, fromLo, v6 ? 58 : 1, msg);
    }

    /** ICMP error from the target with what Linux quotes: the whole probe (it fits in 576/1280 bytes). */
    byte[] icmpError(int type, int code) {
        return icmpError(type, code, targetHi, targetLo, packet.length);
    }

    /** The RFC 792 minimum quote: IP header + 8 bytes. */
    byte[] icmpErrorMinimalQuote(int type, int code) {
        return icmpError(type, code, targetHi, targetLo, (v6 ? 40 : 20) + 8);
    }

    byte[] udpReply(byte[] data) {
        return frameFrom(targetHi, targetLo, 17, TestNet.udp(v6, targetHi, targetLo, usHi, usLo, targetPort, ourPort, data));
    }

    /** A reply a server of the port's protocol would send, echoing the request's ID where the protocol does. */
    byte[] udpAnswer() {
        return udpReply(answerPayload());
    }

    byte[] answerPayload() {
        switch (targetPort) {
            case 53: case 5353: case 137:
                return cat(Arrays.copyOf(payload, 2), be(0x8180, 2), be(1, 2), be(0, 6), Arrays.copyOfRange(payload, 12, payload.length));
            case 11211:
                return cat(Arrays.copyOf(payload, 2), be(0, 2), be(1, 2), be(0, 2), ascii("VERSION 1.6.21\r\n"));
            case 111: case 2049:
                return cat(Arrays.copyOf(payload, 4), be(1, 4), be(0, 4), be(0, 8), be(0, 4));
            case 123: {
                byte[] r = new byte[48];
                r[0] = 0x24;
                r[1] = 2;
                System.arraycopy(payload, 40, r, 24, 8);
                return r;
            }
            case 161:
                return snmpResponse(i32(payload, 17));
            case 5683:
                return cat(be(0x60, 1), be(0x45, 1), Arrays.copyOfRange(payload, 2, 4), be(0xff, 1), ascii("</x>"));
            case 1900:
                return ascii("HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\n\r\n");
            default:
                return ascii("hello");
        }
    }

    /** An SNMPv2c GetResponse (BER) with the given request-id and a sysDescr value. */
    static byte[] snmpResponse(int requestId) {
        byte[] value = ascii("Linux target 6.1.0 x86_64");
        byte[] varbind = tlv(0x30, cat(tlv(0x06, new byte[] {0x2b, 6, 1, 2, 1, 1, 1, 0}), tlv(0x04, value)));
        byte[] pdu = tlv(0xa2, cat(tlv(0x02, be(requestId, 4)), tlv(0x02, new byte[] {0}), tlv(0x02, new byte[] {0}),
                tlv(0x30, varbind)));
        return tlv(0x30, cat(tlv(0x02, new byte[] {1}), tlv(0x04, ascii("public")), pdu));
    }

    static byte[] tlv(int tag, byte[] content) {
        byte[] length = content.length < 128 ? be(content.length, 1)
                : content.length < 256 ? cat(be(0x81, 1), be(content.length, 1)) : cat(be(0x82, 1), be(content.length, 2));
        return cat(be(tag, 1), length, content);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
