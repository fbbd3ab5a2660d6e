package org.synscan.net;

import org.synscan.net.pcap.SendFailure;

/**
 * Where the sender puts finished frames. One thread sends on a sink. {@link #flush} is the seam
 * for a future batching sink (sendmmsg); the per-frame sinks send at once.
 */
public interface FrameSink extends AutoCloseable {
    /** Sends {@code frame[0..len)}; the array may be reused as soon as this returns. */
    void send(byte[] frame, int len) throws SendFailure;

    default void flush() throws SendFailure {
    }

    @Override
    void close();
}
