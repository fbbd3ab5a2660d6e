package org.synscan.net;

import java.util.List;
import org.synscan.ScanFailure;

/**
 * One network interface as the kernel shows it.
 *
 * @param arpType the ARPHRD_ type from /sys/class/net/X/type (1 Ethernet, 772 loopback)
 * @param mac     the hardware address as a long ({@link Mac}), 0 for lo
 */
public record NetInterface(String name, int index, long mac, boolean up, boolean running, boolean loopback,
                           int mtu, int arpType, List<IfAddress> addresses) {
    static final int ARPHRD_ETHER = 1;
    static final int ARPHRD_LOOPBACK = 772;
    static final int ARPHRD_NONE = 65534;

    public NetInterface {
        addresses = List.copyOf(addresses);
    }

    @Override
    public String toString() {
        return index + ": " + name + " " + Mac.format(mac) + (up ? " up" : " down") + (running ? " running" : "")
                + (loopback ? " loopback" : "") + " mtu " + mtu + " " + addresses;
    }

    /** Throws a one-line ScanFailure unless the interface is up. */
    public NetInterface requireUp() {
        if (!up) {
            throw new ScanFailure(name + " is down (bring it up with `ip link set " + name + " up`)");
        }
        return this;
    }

    /**
     * The address to send from, of the target's family. IPv6 prefers an address whose scope fits
     * the target: a non-link-local one for non-link-local targets, a link-local one otherwise.
     */
    public IpAddr sourceFor(IpAddr target) {
        IpAddr fallback = null;
        for (IfAddress a : addresses) {
            IpAddr ip = a.address();
            if (ip.v6() != target.v6()) {
                continue;
            }
            if (!ip.v6() || ip.isLinkLocal() == target.isLinkLocal()) {
                return ip;
            }
            if (fallback == null) {
                fallback = ip;
            }
        }
        if (fallback != null) {
            return fallback;
        }
        throw new ScanFailure(name + " has no " + (target.v6() ? "IPv6" : "IPv4")
                + " address (use -S to choose a source address, or -e another interface)");
    }

    /** The interface's link-local IPv6 address, or null. */
    public IpAddr linkLocalV6() {
        for (IfAddress a : addresses) {
            if (a.address().v6() && a.address().isLinkLocal()) {
                return a.address();
            }
        }
        return null;
    }

    /** True if {@code target} lies in one of this interface's prefixes. */
    public boolean onLink(IpAddr target) {
        for (IfAddress a : addresses) {
            if (target.inPrefix(a.address(), a.prefixLength())) {
                return true;
            }
        }
        return false;
    }

    public boolean hasAddress(IpAddr ip) {
        for (IfAddress a : addresses) {
            if (a.address().equals(ip)) {
                return true;
            }
        }
        return false;
    }
}
