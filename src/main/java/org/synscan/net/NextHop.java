package org.synscan.net;

/**
 * Where and how to send probes for a target: the result of {@link LinkPlanner}.
 *
 * @param linkType        the pcap DLT_ of the interface (DLT_EN10MB for Ethernet and lo)
 * @param srcMac          our MAC for the Ethernet source (0 on lo)
 * @param dstMac          the target's MAC when on-link, the gateway's otherwise (0 on lo)
 * @param source          the source address for probes (family of the target)
 * @param gateway         the router the frames go to, or null when the target is on-link or local
 * @param loopback        the target is this machine (127/8, ::1 or one of our addresses): send and
 *                        capture on the loopback interface
 * @param rawIpv4Loopback an IPv4 local target: send through {@link RawIpv4Sink} (the kernel drops
 *                        127.x frames injected on lo as martians) and capture on lo
 */
public record NextHop(String iface, int ifIndex, int linkType, int mtu, long srcMac, long dstMac, IpAddr source,
                      IpAddr gateway, boolean loopback, boolean rawIpv4Loopback) {

    public long sourceHi() {
        return source.hi();
    }

    public long sourceLo() {
        return source.lo();
    }

    @Override
    public String toString() {
        return "dev " + iface + " (index " + ifIndex + ", dlt " + linkType + ", mtu " + mtu + ") src " + source
                + " " + Mac.format(srcMac) + " -> " + Mac.format(dstMac)
                + (gateway == null ? " on-link" : " via " + gateway)
                + (loopback ? " loopback" : "") + (rawIpv4Loopback ? " raw-ipv4" : "");
    }
}
