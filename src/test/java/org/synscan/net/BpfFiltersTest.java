package org.synscan.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

class BpfFiltersTest {
    private static final long MAC = Mac.parse("02:5c:a0:00:00:01");

    @Test
    void ipv4OnEthernet() {
        NextHop hop = new NextHop("ssnet-va", 5, 1, 1500, MAC, Mac.parse("2a:4f:01:9c:7e:10"),
                IpAddr.parse("198.18.200.1"), null, false, false);
        String f = BpfFilters.replies(hop);
        assertEquals("not ether src 02:5c:a0:00:00:01 and dst host 198.18.200.1 and (tcp or udp or icmp)", f);
        compiles(f, DataLinkType.EN10MB);
    }

    @Test
    void ipv6OnEthernetLetsExtensionHeadersThrough() {
        String f = BpfFilters.replies(IpAddr.parse("fd00:5ca0:200::1"), MAC);
        assertEquals("not ether src 02:5c:a0:00:00:01 and dst host fd00:5ca0:200::1 and "
                + "(tcp or udp or icmp6 or ip6[6] == 0 or ip6[6] == 43 or ip6[6] == 44 or ip6[6] == 60)", f);
        compiles(f, DataLinkType.EN10MB);
    }

    @Test
    void loopbackHasNoMacToExclude() {
        NextHop hop = new NextHop("lo", 1, 1, 65536, 0, 0, IpAddr.parse("127.0.0.1"), null, true, true);
        assertEquals("dst host 127.0.0.1 and (tcp or udp or icmp)", BpfFilters.replies(hop));
        compiles(BpfFilters.replies(hop), DataLinkType.EN10MB);
        NextHop six = new NextHop("lo", 1, 1, 65536, 0, 0, IpAddr.parse("::1"), null, true, false);
        compiles(BpfFilters.replies(six), DataLinkType.EN10MB);
    }

    @Test
    void rawLinkHasNoEtherClause() {
        NextHop hop = new NextHop("tun0", 9, 12, 1500, 0, 0, IpAddr.parse("198.18.200.1"), null, false, false);
        assertEquals("dst host 198.18.200.1 and (tcp or udp or icmp)", BpfFilters.replies(hop));
        compiles(BpfFilters.replies(hop), DataLinkType.RAW);
    }

    @Test
    void sendSinksFilterCompiles() {
        compiles(PcapFrameSink.CAPTURE_NOTHING, DataLinkType.EN10MB);
    }

    @Test
    void aBrokenFilterIsDetected() {
        // proves compiles() can fail
        assertThrows(AssertionError.class, () -> compiles("dst host and tcp", DataLinkType.EN10MB));
    }

    private static void compiles(String filter, DataLinkType dlt) {
        try {
            BpfProgram p = Pcaps.compileFilter(512, dlt, filter, BpfProgram.BpfCompileMode.OPTIMIZE,
                    (Inet4Address) InetAddress.getByName("255.255.255.255"));
            p.free();
        } catch (PcapNativeException | java.net.UnknownHostException e) {
            throw new AssertionError("does not compile: " + filter + ": " + e.getMessage());
        }
    }
}
