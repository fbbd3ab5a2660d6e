package org.synscan.engine;

import org.synscan.ScanFailure;
import org.synscan.net.FrameSink;
import org.synscan.net.Mac;
import org.synscan.net.MacTable;
import org.synscan.net.pcap.SendFailure;
import org.synscan.probe.ProbeKind;
import org.synscan.result.Protocol;

/**
 * Probes to frames to the wire: the probe kind patches its template into one reused buffer and the
 * sink sends it. A refused frame (e.g. ENOBUFS under load) is retried briefly; a sink that keeps
 * refusing (interface gone) stops the scan with a one-line error.
 */
public final class FrameProbeChannel implements ProbeChannel {
    /** Consecutive refusals after which the interface is taken to be gone. */
    private static final int GIVE_UP_AFTER = 2_000;

    private final ProbeKind tcp;
    private final ProbeKind udp;
    private final FrameSink sink;
    private final byte[] frame;
    private MacTable macs;
    private int refusedInARow;
    private long refused;

    /** Either kind may be null when the scan has no probes of that protocol. */
    public FrameProbeChannel(ProbeKind tcp, ProbeKind udp, FrameSink sink) {
        this.tcp = tcp;
        this.udp = udp;
        this.sink = sink;
        int max = Math.max(tcp == null ? 0 : tcp.maxFrameLength(), udp == null ? 0 : udp.maxFrameLength());
        this.frame = new byte[max];
    }

    /** Several on-link hosts: each probe goes to its target's own MAC (the template holds one). */
    void useMacs(MacTable table) {
        this.macs = table;
    }

    @Override
    public void send(long hi, long lo, Protocol protocol, int port, int tryNo) {
        ProbeKind kind = protocol == Protocol.TCP ? tcp : udp;
        int len = kind.build(frame, hi, lo, port, tryNo);
        if (macs != null) {
            Mac.write(macs.get(hi, lo), frame, 0);
        }
        while (true) {
            try {
                sink.send(frame, len);
                refusedInARow = 0;
                return;
            } catch (SendFailure e) {
                refusedOnce(e);
            }
        }
    }

    /**
     * Counts a refusal; the kernel's queue is full, so give it a moment before the same frames are
     * tried again, unless it has refused so often in a row that the interface must be gone.
     */
    private void refusedOnce(SendFailure e) {
        refused++;
        if (++refusedInARow >= GIVE_UP_AFTER) {
            throw new ScanFailure("sending failed repeatedly: " + e.getMessage()
                    + " (is the interface still up?)", e);
        }
        Thread.onSpinWait();
    }

    @Override
    public long refused() {
        return refused;
    }

    /** Pushes out a batching sink's frames, waiting out a full kernel queue as {@link #send} does. */
    @Override
    public void flush() {
        while (true) {
            try {
                sink.flush();
                refusedInARow = 0;
                return;
            } catch (SendFailure e) {
                refusedOnce(e);
            }
        }
    }

    @Override
    public void close() {
        sink.close();
    }
}
