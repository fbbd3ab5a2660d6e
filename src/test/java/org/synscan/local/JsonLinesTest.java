package org.synscan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.synscan.local.SocketOwners.Owner;
import org.synscan.net.IpAddr;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;
import org.synscan.text.JsonReader;

class JsonLinesTest {
    private static String string(String s) {
        StringBuilder sb = new StringBuilder();
        org.synscan.output.Json.string(sb, s);
        return sb.toString();
    }

    @Test
    void stringsAreEscapedAsRfc8259Wants() {
        assertEquals("null", string(null));
        assertEquals("\"sshd\"", string("sshd"));
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001\\u007f\\u2028\"", string("a\"b\\c\nd\te\u0001\u007f\u2028"));
        for (String s : new String[] {"", "é ü 日本", "\u0000\u001f", "a/b", "tab\there", "\ud83d\ude00"}) {
            assertEquals(s, JsonReader.parse(string(s)), s);
        }
    }

    @Test
    void anEntryWithOwnersAndExposure() {
        ListeningSocket s = new ListeningSocket(Protocol.TCP, IpAddr.parse("::ffff:127.0.0.1"), 8000,
                ListeningSocket.TCP_LISTEN, 1000, 20103);
        LocalEntry e = new LocalEntry(s, null, List.of(new Owner(900, "my \"server\"", 6), new Owner(901, "w", 7)));
        StringBuilder sb = new StringBuilder();
        JsonLines.object(sb, e, Exposure.probed(IpAddr.parse("127.0.0.1"), PortState.OPEN, Reason.SYN_ACK));
        assertEquals("{\"proto\":\"tcp\",\"family\":\"ipv6\",\"state\":\"LISTEN\",\"address\":\"::ffff:127.0.0.1\","
                + "\"port\":8000,\"service\":null,\"uid\":1000,\"inode\":20103,\"processes\":[{\"pid\":900,"
                + "\"program\":\"my \\\"server\\\"\",\"fd\":6},{\"pid\":901,\"program\":\"w\",\"fd\":7}],"
                + "\"probed\":\"127.0.0.1\",\"exposure\":\"open\",\"reason\":\"syn-ack\",\"note\":null}", sb.toString());
        Map<String, Object> parsed = JsonReader.object(sb.toString());
        assertEquals(8000L, parsed.get("port"));
        assertEquals("my \"server\"", ((Map<?, ?>) ((List<?>) parsed.get("processes")).get(0)).get("program"));
    }

    @Test
    void aSocketThatWasNotProbedSaysWhy() {
        ListeningSocket s = new ListeningSocket(Protocol.UDP, IpAddr.parse("224.0.0.251"), 5353,
                ListeningSocket.UDP_UNCONNECTED, 105, 20204);
        StringBuilder sb = new StringBuilder();
        JsonLines.object(sb, new LocalEntry(s, "mdns", List.of()),
                Exposure.skipped(IpAddr.parse("224.0.0.251"), "the route is multicast"));
        Map<String, Object> o = JsonReader.object(sb.toString());
        assertEquals("udp", o.get("proto"));
        assertEquals("ipv4", o.get("family"));
        assertEquals("UNCONN", o.get("state"));
        assertEquals("mdns", o.get("service"));
        assertEquals(List.of(), o.get("processes"));
        assertEquals("not probed", o.get("exposure"));
        assertEquals(null, o.get("reason"));
        assertEquals("the route is multicast", o.get("note"));
    }
}
