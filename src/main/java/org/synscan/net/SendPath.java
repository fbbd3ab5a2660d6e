package org.synscan.net;

import java.util.Locale;
import java.util.Optional;

/**
 * How probe frames leave (--send-path): libpcap's pcap_sendpacket, one call per frame, is the
 * portable path; batches of frames through sendmmsg(2) on the pcap handle's own packet socket are
 * the Linux fast path. AUTO takes the batch path where the system has it.
 */
public enum SendPath {
    AUTO, BATCH, PCAP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "auto", "batch" or "pcap", any case; empty for anything else. */
    public static Optional<SendPath> parse(String s) {
        for (SendPath p : values()) {
            if (p.label().equalsIgnoreCase(s.trim())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
