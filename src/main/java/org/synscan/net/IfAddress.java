package org.synscan.net;

/** One address configured on an interface, with its prefix length. */
public record IfAddress(IpAddr address, int prefixLength) {
    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
