package org.synscan.net.pcap;

import java.io.IOException;

/**
 * The kernel refused one frame (e.g. "No buffer space available" under load). Checked so the
 * sender decides whether to retry, count or stop; a closed sink also reports it.
 */
public class SendFailure extends IOException {
    public SendFailure(String message) {
        super(message);
    }
}
