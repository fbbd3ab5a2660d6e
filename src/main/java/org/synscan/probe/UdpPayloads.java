package org.synscan.probe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The table of UDP probe payloads by destination port; ports without one get an empty datagram.
 * Immutable, shared by all sender threads and the receiver.
 *
 * <p>Every payload here is written from its protocol's specification (cited per payload) so that
 * a real server answers; none is taken from another scanner's payload file.
 */
public final class UdpPayloads {
    private static final UdpPayloads NONE = new UdpPayloads(List.of());
    private static final UdpPayloads BUILT_IN = new UdpPayloads(List.of(
            dns(), rpcNull("rpcbind", 111, 100000, 2), ntp(), netbiosNodeStatus(), snmpGetSysDescr(),
            ssdp(), rpcNull("nfs", 2049, 100003, 3), mdns(), coap(), memcached()));

    private final List<UdpPayload> payloads;
    /** Index + 1 into {@link #payloads} per port; 0 means no payload. */
    private final byte[] index = new byte[65536];

    private UdpPayloads(List<UdpPayload> payloads) {
        if (payloads.size() > 255) {
            throw new IllegalArgumentException("too many payloads");
        }
        this.payloads = List.copyOf(payloads);
        for (int i = 0; i < payloads.size(); i++) {
            index[payloads.get(i).port()] = (byte) (i + 1);
        }
    }

    /** The payloads synscan ships: DNS, rpcbind, NTP, NetBIOS-NS, SNMP, SSDP, NFS, mDNS, CoAP, memcached. */
    public static UdpPayloads builtIn() {
        return BUILT_IN;
    }

    /** No payloads: every probe is an empty datagram. */
    public static UdpPayloads none() {
        return NONE;
    }

    /** The payload for {@code port}, or null for an empty datagram. */
    public UdpPayload forPort(int port) {
        int i = index[port & 0xFFFF] & 0xFF;
        return i == 0 ? null : payloads.get(i - 1);
    }

    /** Slot of {@code port}'s payload in {@link #all()} plus one, 0 for none (for per-kind template tables). */
    int slot(int port) {
        return index[port] & 0xFF;
    }

    public List<UdpPayload> all() {
        return payloads;
    }

    /** Length of the UDP datagram (header + payload) a probe to {@code port} has. */
    int datagramLength(int port, boolean ipv6) {
        UdpPayload p = forPort(port);
        return 8 + (p == null ? 0 : p.length(ipv6));
    }

    // ---- the payloads ----

    /** RFC 1035 4.1: a standard query, RD clear, for the root zone's NS set; any server answers (data, referral or refusal). */
    private static UdpPayload dns() {
        byte[] q = cat(dnsHeader(0x0000), new byte[] {0}, u16s(2, 1));
        return new UdpPayload("dns", 53, q, q, UdpPayload.Echo.FIXED, 0, 2, 0);
    }

    /**
     * RFC 6762 6.7: a query from a port other than 5353 is a "legacy unicast" query, answered by
     * unicast with the query ID repeated. Asks for the DNS-SD service list (RFC 6763 9).
     */
    private static UdpPayload mdns() {
        byte[] q = cat(dnsHeader(0x0000), dnsName("_services", "_dns-sd", "_udp", "local"), u16s(12, 1));
        return new UdpPayload("mdns", 5353, q, q, UdpPayload.Echo.FIXED, 0, 2, 0);
    }

    /**
     * RFC 1002 4.2.17/4.2.18: NODE STATUS REQUEST for the wildcard name "*" (first-level encoded:
     * '*' = 0x2A -> "CK", then 15 NUL pad bytes -> "AA" each), type NBSTAT, class IN.
     */
    private static UdpPayload netbiosNodeStatus() {
        StringBuilder encoded = new StringBuilder("CK");
        for (int i = 0; i < 15; i++) {
            encoded.append("AA");
        }
        byte[] q = cat(dnsHeader(0x0000), dnsName(encoded.toString()), u16s(0x21, 1));
        return new UdpPayload("netbios-ns", 137, q, q, UdpPayload.Echo.FIXED, 0, 2, 0);
    }

    /**
     * RFC 5905 7.3: a 48-byte client request (LI 0, version 4, mode 3). The server copies our
     * transmit timestamp (offset 40) into its origin timestamp (offset 24); it carries the cookie.
     */
    private static UdpPayload ntp() {
        byte[] p = new byte[48];
        p[0] = 0x23;
        return new UdpPayload("ntp", 123, p, p, UdpPayload.Echo.FIXED, 40, 8, 24);
    }

    /**
     * RFC 3416 / RFC 1157 with BER (X.690): SNMPv2c GetRequest for sysDescr.0 (1.3.6.1.2.1.1.1.0),
     * community "public"; the 4-byte request-id (offset 17) carries the cookie.
     */
    private static UdpPayload snmpGetSysDescr() {
        byte[] p = hex("30 29 02 01 01 04 06 70 75 62 6c 69 63 a0 1c 02 04 00 00 00 00 02 01 00 02 01 00"
                + " 30 0e 30 0c 06 08 2b 06 01 02 01 01 01 00 05 00");
        return new UdpPayload("snmp", 161, p, p, UdpPayload.Echo.SNMP, 17, 4, -1);
    }

    /**
     * UPnP Device Architecture 1.1/2.0 section 1.3.2: an M-SEARCH for all devices and services.
     * The HOST header names the SSDP multicast group of the address family.
     */
    private static UdpPayload ssdp() {
        String fmt = "M-SEARCH * HTTP/1.1\r\nHOST: %s:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\nST: ssdp:all\r\n\r\n";
        byte[] v4 = String.format(fmt, "239.255.255.250").getBytes(StandardCharsets.US_ASCII);
        byte[] v6 = String.format(fmt, "[FF02::C]").getBytes(StandardCharsets.US_ASCII);
        return new UdpPayload("ssdp", 1900, v4, v6, UdpPayload.Echo.NONE, 0, 0, -1);
    }

    /**
     * RFC 5531 (ONC RPC v2): a CALL to procedure 0 (NULL) of {@code program}/{@code version} with
     * AUTH_NONE credentials and verifier; the reply repeats the xid (offset 0), which carries the cookie.
     */
    private static UdpPayload rpcNull(String name, int port, int program, int version) {
        byte[] p = new byte[40];
        int[] words = {0, 0, 2, program, version, 0, 0, 0, 0, 0}; // xid, CALL, rpcvers 2, prog, vers, proc, cred, verf
        for (int i = 0; i < words.length; i++) {
            Bytes.put32(p, 4 * i, words[i]);
        }
        return new UdpPayload(name, port, p, p, UdpPayload.Echo.FIXED, 0, 4, 0);
    }

    /**
     * RFC 7252 3 and 7.2: a confirmable GET for /.well-known/core, no token. The ACK or RST that
     * answers it repeats the Message ID (offset 2), which carries the cookie.
     */
    private static UdpPayload coap() {
        byte[] p = cat(hex("40 01 00 00 bb"), ascii(".well-known"), hex("04"), ascii("core"));
        return new UdpPayload("coap", 5683, p, p, UdpPayload.Echo.FIXED, 2, 2, 2);
    }

    /**
     * memcached protocol.txt, "UDP protocol": the 8-byte frame header (request ID, sequence 0,
     * 1 datagram, reserved) then a "version" command; the reply repeats the request ID.
     */
    private static UdpPayload memcached() {
        byte[] p = cat(hex("00 00 00 00 00 01 00 00"), ascii("version\r\n"));
        return new UdpPayload("memcached", 11211, p, p, UdpPayload.Echo.FIXED, 0, 2, 0);
    }

    // ---- encoding helpers ----

    /** A DNS header (RFC 1035 4.1.1): ID 0 (the cookie goes there), the given flags, one question. */
    private static byte[] dnsHeader(int flags) {
        return u16s(0, flags, 1, 0, 0, 0);
    }

    private static byte[] dnsName(String... labels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : labels) {
            byte[] b = ascii(label);
            out.write(b.length);
            out.writeBytes(b);
        }
        out.write(0);
        return out.toByteArray();
    }

    private static byte[] u16s(int... values) {
        byte[] b = new byte[2 * values.length];
        for (int i = 0; i < values.length; i++) {
            Bytes.put16(b, 2 * i, values[i]);
        }
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hex(String s) {
        String[] parts = s.trim().split("\\s+");
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
