package org.synscan.net;

import org.synscan.net.pcap.PcapHandle;

/** The in-kernel capture filters, as libpcap expressions. */
public final class BpfFilters {
    private BpfFilters() {
    }

    /**
     * Replies to our probes: addressed to our source address, TCP/UDP/ICMP of that family, and,
     * on Ethernet, not sent by us (a packet socket also sees our own outgoing frames; on lo there
     * is no MAC to tell them apart, so the reader must drop its own probes). For IPv6 a packet
     * whose first header is an extension header (hop-by-hop 0, routing 43, fragment 44,
     * destination options 60) passes too, since BPF's "tcp" only looks at the first next-header.
     */
    public static String replies(NextHop hop) {
        return replies(hop.source(), hop.linkType() == PcapHandle.DLT_EN10MB && !hop.loopback() ? hop.srcMac()
                : Mac.NONE);
    }

    /** @param ourMac the MAC whose frames to exclude, or {@link Mac#NONE} */
    public static String replies(IpAddr ourAddress, long ourMac) {
        String protocols = ourAddress.v6()
                ? "(tcp or udp or icmp6 or ip6[6] == 0 or ip6[6] == 43 or ip6[6] == 44 or ip6[6] == 60)"
                : "(tcp or udp or icmp)";
        String filter = "dst host " + ourAddress + " and " + protocols;
        return ourMac == Mac.NONE ? filter : "not ether src " + Mac.format(ourMac) + " and " + filter;
    }
}
