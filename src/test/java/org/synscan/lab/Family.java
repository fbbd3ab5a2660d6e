package org.synscan.lab;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Address family of a lab row or target, spelled as in the truth file. */
public enum Family {
    IPV4("ipv4"),
    IPV6("ipv6");

    private final String label;

    Family(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Family of(InetAddress address) {
        return address instanceof Inet6Address ? IPV6 : IPV4;
    }
}
