package org.synscan.net;

import org.synscan.net.pcap.PcapHandle;

/** Tells whether libpcap can be loaded, for `--version` and early checks, without a stack trace. */
public final class LibpcapCheck {
    private LibpcapCheck() {
    }

    /**
     * Returns libpcap's version string.
     *
     * @throws org.synscan.ScanFailure "libpcap is not installed: …" when it cannot be loaded
     */
    public static String version() {
        return PcapHandle.libraryVersion();
    }

    public static boolean available() {
        try {
            version();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
