package org.synscan.net;

/**
 * One kernel route.
 *
 * @param gateway the next router, or null when the destination is on-link
 * @param local   a route to one of this machine's own addresses (IPv6 RTF_LOCAL)
 */
record Route(IpAddr destination, int prefixLength, IpAddr gateway, String iface, long metric,
                    boolean local) {

    public boolean matches(IpAddr target) {
        return target.inPrefix(destination, prefixLength);
    }

    @Override
    public String toString() {
        return destination + "/" + prefixLength + (gateway == null ? "" : " via " + gateway) + " dev " + iface
                + " metric " + metric + (local ? " local" : "");
    }
}
