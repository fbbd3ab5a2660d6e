package org.synscan.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.synscan.probe.TestNet.i32;
import static org.synscan.probe.TestNet.u16;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.DnsPacket;
import org.pcap4j.packet.DnsQuestion;
import org.pcap4j.packet.namednumber.DnsClass;
import org.pcap4j.packet.namednumber.DnsResourceRecordType;

class UdpPayloadsTest {
    private final UdpPayloads table = UdpPayloads.builtIn();

    private byte[] payload(int port) {
        return table.forPort(port).bytes(false);
    }

    @Test
    void tableCoversTheWellKnownPorts() {
        for (int port : new int[] {53, 111, 123, 137, 161, 1900, 2049, 5353, 5683, 11211}) {
            assertEquals(port, table.forPort(port).port());
            assertTrue(table.slot(port) > 0);
        }
        assertNull(table.forPort(80));
        assertEquals(0, table.slot(80));
        assertNull(UdpPayloads.none().forPort(53));
        assertEquals(8, UdpPayloads.none().datagramLength(53, false));
        assertEquals(8 + 17, table.datagramLength(53, true));
    }

    @Test
    void dnsIsAStandardQueryForTheRootNameServers() throws Exception {
        DnsPacket dns = DnsPacket.newPacket(payload(53), 0, payload(53).length);
        assertFalse(dns.getHeader().isResponse());
        assertFalse(dns.getHeader().isRecursionDesired());
        assertEquals(1, dns.getHeader().getQdCountAsInt());
        DnsQuestion q = dns.getHeader().getQuestions().get(0);
        assertEquals("", q.getQName().getName());
        assertEquals(DnsResourceRecordType.NS, q.getQType());
        assertEquals(DnsClass.IN, q.getQClass());
        assertEquals(17, payload(53).length);
    }

    @Test
    void mdnsAsksForTheServiceList() throws Exception {
        DnsPacket dns = DnsPacket.newPacket(payload(5353), 0, payload(5353).length);
        DnsQuestion q = dns.getHeader().getQuestions().get(0);
        assertEquals("_services._dns-sd._udp.local", q.getQName().getName());
        assertEquals(DnsResourceRecordType.PTR, q.getQType());
        assertEquals(DnsClass.IN, q.getQClass());
    }

    @Test
    void netbiosAsksNodeStatusOfTheWildcardName() throws Exception {
        byte[] p = payload(137);
        assertEquals(50, p.length);
        assertEquals(0, u16(p, 2), "opcode query, no flags");
        assertEquals(1, u16(p, 4));
        assertEquals(32, p[12]);
        byte[] name = new byte[16];
        for (int i = 0; i < 16; i++) { // RFC 1001 14.1 first-level decoding
            name[i] = (byte) ((p[13 + 2 * i] - 'A') << 4 | (p[14 + 2 * i] - 'A'));
        }
        byte[] expected = new byte[16];
        expected[0] = '*';
        assertArrayEquals(expected, name);
        assertEquals(0, p[45]);
        assertEquals(0x21, u16(p, 46), "NBSTAT");
        assertEquals(1, u16(p, 48), "IN");
    }

    @Test
    void ntpIsAVersion4ClientRequest() {
        byte[] p = payload(123);
        assertEquals(48, p.length);
        assertEquals(0, (p[0] & 0xC0) >>> 6, "LI");
        assertEquals(4, (p[0] & 0x38) >>> 3, "VN");
        assertEquals(3, p[0] & 0x07, "mode client");
    }

    @Test
    void snmpIsAWellFormedV2cGetOfSysDescr() {
        // Decode what goes on the wire: the template's zeroed request-id is only a placeholder.
        ProbeKind udp = ProbeKind.create(org.synscan.result.Protocol.UDP, TestNet.config(false, 0, 1, -1));
        byte[] frame = new byte[udp.maxFrameLength()];
        int length = udp.build(frame, 0, TestNet.TARGET4, 161, 0);
        byte[] p = Arrays.copyOfRange(frame, 28, length);
        List<Object> message = Ber.decodeAll(p);
        assertEquals(1, message.size());
        List<?> seq = (List<?>) message.get(0);
        assertEquals(List.of(0x02, 1L), seq.get(0), "version v2c");
        assertEquals(List.of(0x04, "public"), seq.get(1));
        List<?> pdu = (List<?>) seq.get(2);
        assertEquals(0xa0, pdu.get(0), "GetRequest");
        assertEquals(0x02, ((List<?>) pdu.get(1)).get(0), "request-id");
        assertEquals(List.of(0x02, 0L), pdu.get(2));
        assertEquals(List.of(0x02, 0L), pdu.get(3));
        List<?> varbind = (List<?>) ((List<?>) pdu.get(4)).get(0);
        assertEquals(List.of(0x06, "1.3.6.1.2.1.1.1.0"), varbind.get(0));
        assertEquals(List.of(0x05, 0L), varbind.get(1));
        assertEquals(0x02, p[15]);
        assertEquals(4, p[16], "request-id is the 4 bytes at offset 17");
    }

    @Test
    void snmpRequestIdCookieIsPositiveAndMinimal() {
        UdpPayload snmp = table.forPort(161);
        for (long h : new long[] {0, -1, 0x8000_0000_0000_0000L, 0x3FFF_FFFF_0000_0000L}) {
            long id = snmp.cookieValue(h);
            assertTrue(id >= 0x4000_0000L && id <= 0x7FFF_FFFFL, Long.toHexString(id));
        }
    }

    @Test
    void snmpReplyWalkerFindsTheRequestIdAndRejectsJunk() {
        byte[] reply = Responder.snmpResponse(0x4abc_def0);
        assertEquals(0x4abc_def0L, UdpPayload.snmpRequestId(reply, 0, reply.length));
        // long-form lengths (community padded to 200 bytes) are followed too
        byte[] longForm = Responder.tlv(0x30, TestNet.cat(Responder.tlv(0x02, new byte[] {1}),
                Responder.tlv(0x04, new byte[200]), Responder.tlv(0xa2, Responder.tlv(0x02, TestNet.be(0x41234567, 4)))));
        assertEquals(0x41234567L, UdpPayload.snmpRequestId(longForm, 0, longForm.length));
        for (int len = 0; len < reply.length; len++) {
            // the request-id's last byte is at offset 20: from length 21 on it is there to compare
            assertEquals(len >= 21 ? 0x4abc_def0L : -1, UdpPayload.snmpRequestId(reply, 0, len), "truncated at " + len);
        }
        assertEquals(-1, UdpPayload.snmpRequestId(payload(53), 0, payload(53).length));
    }

    @Test
    void ssdpIsAnMSearchForEverything() {
        String v4 = new String(table.forPort(1900).bytes(false), StandardCharsets.US_ASCII);
        String v6 = new String(table.forPort(1900).bytes(true), StandardCharsets.US_ASCII);
        assertTrue(v4.startsWith("M-SEARCH * HTTP/1.1\r\n"));
        assertTrue(v4.contains("\r\nHOST: 239.255.255.250:1900\r\n"));
        assertTrue(v6.contains("\r\nHOST: [FF02::C]:1900\r\n"));
        assertTrue(v4.contains("\r\nMAN: \"ssdp:discover\"\r\n"));
        assertTrue(v4.contains("\r\nST: ssdp:all\r\n"));
        assertTrue(v4.endsWith("\r\n\r\n"));
        assertFalse(table.forPort(1900).echoesCookie());
    }

    @Test
    void rpcNullCalls() {
        for (int[] c : new int[][] {{111, 100000, 2}, {2049, 100003, 3}}) {
            byte[] p = payload(c[0]);
            assertEquals(40, p.length);
            int[] expect = {0, 0, 2, c[1], c[2], 0, 0, 0, 0, 0};
            for (int i = 1; i < 10; i++) {
                assertEquals(expect[i], i32(p, 4 * i), "word " + i);
            }
        }
    }

    @Test
    void coapGetsWellKnownCore() {
        byte[] p = payload(5683);
        assertEquals(1, (p[0] & 0xC0) >>> 6, "version");
        assertEquals(0, (p[0] & 0x30) >>> 4, "confirmable");
        assertEquals(0, p[0] & 0x0F, "no token");
        assertEquals(0x01, p[1], "GET");
        List<String> path = new ArrayList<>();
        int option = 0;
        for (int i = 4; i < p.length; ) { // RFC 7252 3.1 option decoding (small deltas/lengths only)
            option += (p[i] & 0xF0) >>> 4;
            int len = p[i] & 0x0F;
            assertEquals(11, option, "Uri-Path");
            path.add(new String(p, i + 1, len, StandardCharsets.US_ASCII));
            i += 1 + len;
        }
        assertEquals(List.of(".well-known", "core"), path);
    }

    @Test
    void memcachedHasTheUdpFrameHeader() {
        byte[] p = payload(11211);
        assertEquals(0, u16(p, 2), "sequence");
        assertEquals(1, u16(p, 4), "datagrams");
        assertEquals("version\r\n", new String(p, 8, p.length - 8, StandardCharsets.US_ASCII));
    }

    @Test
    void cookieFieldsAreZeroInTemplates() {
        for (UdpPayload p : table.all()) {
            byte[] b = p.bytes(false);
            byte[] field = Arrays.copyOfRange(b, p.cookieOffset(), p.cookieOffset() + p.cookieWidth());
            assertArrayEquals(new byte[p.cookieWidth()], field, p.name());
        }
    }

    /** A minimal BER decoder for the test: a TLV becomes [tag, value] or, constructed, [tag, children...]. */
    static final class Ber {
        static List<Object> decodeAll(byte[] b) {
            List<Object> out = new ArrayList<>();
            int end = decode(b, 0, b.length, out);
            assertEquals(b.length, end, "BER lengths must account for every byte");
            return out;
        }

        private static int decode(byte[] b, int p, int end, List<Object> out) {
            while (p < end) {
                int tag = b[p] & 0xFF;
                int len = b[p + 1] & 0xFF;
                int content = p + 2;
                if (len >= 0x80) {
                    int n = len & 0x7F;
                    len = 0;
                    for (int i = 0; i < n; i++) {
                        len = len << 8 | (b[content + i] & 0xFF);
                    }
                    content += n;
                }
                assertTrue(content + len <= end, "TLV overruns its parent");
                if ((tag & 0x20) != 0) {
                    List<Object> children = new ArrayList<>();
                    if (tag != 0x30) {
                        children.add(tag);
                    }
                    decode(b, content, content + len, children);
                    out.add(children);
                } else if (tag == 0x04) {
                    out.add(List.of(tag, new String(b, content, len, StandardCharsets.US_ASCII)));
                } else if (tag == 0x06) {
                    StringBuilder oid = new StringBuilder().append(b[content] / 40).append('.').append(b[content] % 40);
                    for (int i = 1; i < len; i++) {
                        oid.append('.').append(b[content + i]);
                    }
                    out.add(List.of(tag, oid.toString()));
                } else {
                    long v = 0;
                    for (int i = 0; i < len; i++) {
                        v = v << 8 | (b[content + i] & 0xFF);
                    }
                    if (tag == 0x02 && len > 1) {
                        assertFalse(b[content] == 0 && (b[content + 1] & 0x80) == 0, "INTEGER must be minimal");
                    }
                    out.add(List.of(tag, v));
                }
                p = content + len;
            }
            return p;
        }
    }
}
