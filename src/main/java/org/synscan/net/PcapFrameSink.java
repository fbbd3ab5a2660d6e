package org.synscan.net;

import org.synscan.net.pcap.PcapHandle;
import org.synscan.net.pcap.SendFailure;

/** Sends whole link-layer frames with pcap_sendpacket on its own send-only handle. */
public final class PcapFrameSink implements FrameSink {
    /** Matches nothing, so the send handle's ring buffer never fills with traffic nobody reads. */
    static final String CAPTURE_NOTHING = "less 1";

    private final PcapHandle handle;

    private PcapFrameSink(PcapHandle handle) {
        this.handle = handle;
    }

    public static PcapFrameSink open(String iface) {
        PcapHandle h = PcapHandle.openLive(iface, 64, 256 * 1024, 1000, true);
        try {
            h.setFilter(CAPTURE_NOTHING);
        } catch (RuntimeException e) {
            h.close();
            throw e;
        }
        return new PcapFrameSink(h);
    }

    @Override
    public void send(byte[] frame, int len) throws SendFailure {
        handle.inject(frame, len);
    }

    /** The packet socket's descriptor: the seam for a batch (sendmmsg) sink on the same socket. */
    public int fileDescriptor() {
        return handle.fileDescriptor();
    }

    @Override
    public void close() {
        handle.close();
    }
}
