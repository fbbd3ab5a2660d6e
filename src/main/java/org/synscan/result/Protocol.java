package org.synscan.result;

/** Transport protocols synscan probes; the ordinal is used in packed keys, so keep the order. */
public enum Protocol {
    TCP("tcp", 6),
    UDP("udp", 17);

    private final String label;
    private final int ipNumber;

    Protocol(String label, int ipNumber) {
        this.label = label;
        this.ipNumber = ipNumber;
    }

    /** Lower-case name as nmap prints it ("tcp", "udp"). */
    public String label() {
        return label;
    }

    /** IP protocol number (6, 17). */
    public int ipNumber() {
        return ipNumber;
    }
}
