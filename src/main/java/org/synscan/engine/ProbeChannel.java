package org.synscan.engine;

import org.synscan.result.Protocol;

/** Where the sender's probes go: builds the frame for a probe and puts it on the wire. */
public interface ProbeChannel extends AutoCloseable {
    void send(long hi, long lo, Protocol protocol, int port, int tryNo);

    /** Frames the kernel refused at least once (its queue was full): a sign of sending too fast. */
    default long refused() {
        return 0;
    }

    /** Pushes out anything batched; called when the sender runs out of work for now. */
    default void flush() {
    }

    @Override
    void close();
}
