package org.synscan.net;

/**
 * The user's link-level choices: -e, -S, --source-mac, --router-mac.
 *
 * @param iface     the interface to use, or null to follow the route
 * @param source    the source address to put in probes, or null for the interface's
 * @param sourceMac our MAC to put in frames, or {@link Mac#NONE}
 * @param routerMac the next hop's MAC, or {@link Mac#NONE}; when set no neighbour is resolved
 */
public record LinkOverrides(String iface, IpAddr source, long sourceMac, long routerMac) {
    public static final LinkOverrides NONE = new LinkOverrides(null, null, Mac.NONE, Mac.NONE);
}
