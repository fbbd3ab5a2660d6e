package org.synscan.result;

/** Port states with nmap's spelling. */
public enum PortState {
    OPEN("open"),
    CLOSED("closed"),
    FILTERED("filtered"),
    UNFILTERED("unfiltered"),
    OPEN_FILTERED("open|filtered");

    private final String label;

    PortState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
