package org.synscan.net;

import org.synscan.net.pcap.CaptureStats;
import org.synscan.net.pcap.PcapHandle;

/**
 * The receiver's capture: a large kernel buffer, kernel-block delivery (not immediate mode:
 * fewer wake-ups at high rates) and a short read timeout so the reader notices a stop flag.
 */
public final class PcapFrameSource implements FrameSource {
    public static final int BUFFER_BYTES = 64 << 20;
    public static final int READ_TIMEOUT_MS = 100;
    /** Enough for Ethernet + IPv6 + an ICMPv6 error quoting IPv6 + TCP, and small UDP answers. */
    public static final int DEFAULT_SNAPLEN = 512;

    private final PcapHandle handle;

    private PcapFrameSource(PcapHandle handle) {
        this.handle = handle;
    }

    /** Captures replies to probes planned by {@code hop} (filter from {@link BpfFilters#replies}). */
    public static PcapFrameSource forReplies(NextHop hop) {
        return open(hop.iface(), BpfFilters.replies(hop), DEFAULT_SNAPLEN);
    }

    public static PcapFrameSource open(String iface, String bpf, int snaplen) {
        return open(iface, bpf, snaplen, READ_TIMEOUT_MS);
    }

    /**
     * @param timeoutMs also how long the kernel may hold a partly filled block back (TPACKET_V3's
     *                  retire timeout): the latest a reply can reach the reader, so keep it well below
     *                  the probe timeout
     */
    public static PcapFrameSource open(String iface, String bpf, int snaplen, int timeoutMs) {
        return open(iface, bpf, snaplen, timeoutMs, BUFFER_BYTES);
    }

    /**
     * @param bufferBytes the kernel ring: it is mapped into the process and stays resident, so size it
     *                    to what the reader can fall behind by, not larger
     */
    public static PcapFrameSource open(String iface, String bpf, int snaplen, int timeoutMs, int bufferBytes) {
        PcapHandle h = PcapHandle.openLive(iface, snaplen, bufferBytes, timeoutMs, false);
        try {
            h.setFilter(bpf);
        } catch (RuntimeException e) {
            h.close();
            throw e;
        }
        return new PcapFrameSource(h);
    }

    @Override
    public int next(byte[] buf) {
        return handle.next(buf);
    }

    @Override
    public long lastTimestampMicros() {
        return handle.lastTimestampMicros();
    }

    @Override
    public CaptureStats stats() {
        return handle.stats();
    }

    @Override
    public void breakLoop() {
        handle.breakLoop();
    }

    @Override
    public int linkType() {
        return handle.linkType();
    }

    @Override
    public void close() {
        handle.close();
    }
}
