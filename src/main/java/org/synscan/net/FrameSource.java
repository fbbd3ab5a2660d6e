package org.synscan.net;

import org.synscan.net.pcap.CaptureStats;

/**
 * Where the receiver reads captured frames. One thread reads; {@link #breakLoop} may be called
 * from any thread. Shutdown: set the stop flag, breakLoop(), join the reader, close().
 */
public interface FrameSource extends AutoCloseable {
    /**
     * Copies the next frame into {@code buf}. Returns its length, 0 when the read timeout passed
     * with nothing, -1 after {@link #breakLoop} or close.
     */
    int next(byte[] buf);

    /** Kernel receive time of the frame last returned by {@link #next}, microseconds since the epoch. */
    long lastTimestampMicros();

    CaptureStats stats();

    void breakLoop();

    /** The pcap DLT_ of the frames (DLT_EN10MB: Ethernet, also on lo). */
    int linkType();

    @Override
    void close();
}
