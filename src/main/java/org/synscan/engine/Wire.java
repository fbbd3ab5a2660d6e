package org.synscan.engine;

import java.security.SecureRandom;
import org.synscan.net.FrameSink;
import org.synscan.net.FrameSource;
import org.synscan.net.Mac;
import org.synscan.net.MacTable;
import org.synscan.net.NextHop;
import org.synscan.net.PcapFrameSink;
import org.synscan.net.PcapFrameSource;
import org.synscan.net.RawIpv4Sink;
import org.synscan.net.SendPath;
import org.synscan.net.BatchFrameSink;
import org.synscan.net.BpfFilters;
import org.synscan.probe.Cookie;
import org.synscan.probe.CookieKey;
import org.synscan.probe.ProbeConfig;
import org.synscan.probe.ProbeKind;
import org.synscan.probe.ReplyClassifier;
import org.synscan.probe.UdpPayloads;
import org.synscan.result.Protocol;

/**
 * Opens the two ends of a scan for a planned next hop: the probe channel (templates for the scan's
 * protocols on a pcap or raw-IP sink) and the answer source (a pcap capture with the reply filter and
 * a classifier sharing the probes' cookie key). Kept apart from the engine loop so that loop can be
 * tested on a simulated network.
 */
public final class Wire implements AutoCloseable {
    /** Ethernet header plus room for one VLAN tag. */
    private static final int LINK_OVERHEAD = 18;
    /**
     * Capture block timeout: a reply waits in the kernel at most this long before the receiver sees
     * it. Far below the smallest probe timeout, so buffering never passes for loss; a few hundred
     * wake-ups a second at most when idle.
     */
    private static final int CAPTURE_LATENCY_MS = 4;

    private final FrameProbeChannel channel;
    private final CapturedAnswers answers;

    private Wire(FrameProbeChannel channel, CapturedAnswers answers) {
        this.channel = channel;
        this.answers = answers;
    }

    /**
     * @param fixedSourcePort -g, or -1 for the per-try encoding
     * @param ttl             IP TTL / hop limit of the probes
     */
    /**
     * The capture ring: half a second of replies at the rate ceiling, at ~128 bytes each in the ring
     * (TPACKET_V3 header + a small reply), within 4-64 MiB. It is resident memory for the whole scan.
     */
    static int captureBuffer(double rate) {
        return (int) Math.max(4 << 20, Math.min(64 << 20, rate * 0.5 * 128));
    }

    /**
     * @param rate     the rate ceiling (probes per second), to size the capture ring
     * @param sendPath how frames leave (loopback IPv4 always takes the raw IP socket)
     */
    public static Wire open(NextHop hop, boolean tcp, boolean udp, int fixedSourcePort, int ttl, int maxRetries,
            double rate, SendPath sendPath) {
        int maxTries = Math.min(Cookie.MAX_TRIES, UdpPacing.maxTries(maxRetries));
        int base = Cookie.randomSourcePortBase(maxTries, new SecureRandom());
        ProbeConfig config = new ProbeConfig(hop.rawIpv4Loopback() ? 0 : 14, Mac.toBytes(hop.srcMac()),
                Mac.toBytes(hop.dstMac()), hop.source().v6(), hop.sourceHi(), hop.sourceLo(), ttl, fixedSourcePort,
                base, maxTries, CookieKey.random(), UdpPayloads.builtIn());
        ProbeKind tcpKind = tcp ? ProbeKind.create(Protocol.TCP, config) : null;
        ProbeKind udpKind = udp ? ProbeKind.create(Protocol.UDP, config) : null;
        // Both open before the first probe goes out (a reply to it must not be missed), side by side:
        // setting up a packet socket's ring waits for an RCU grace period in the kernel (~12 ms here).
        Opening<FrameSink> sinkOpening = new Opening<>(
                () -> hop.rawIpv4Loopback() ? RawIpv4Sink.open() : frameSink(hop.iface(), sendPath));
        int snaplen = Math.max(2048, Math.min(hop.mtu() + LINK_OVERHEAD, 262_144));
        FrameSource source;
        try {
            source = PcapFrameSource.open(hop.iface(), BpfFilters.replies(hop), snaplen, CAPTURE_LATENCY_MS,
                    captureBuffer(rate));
        } catch (RuntimeException e) {
            sinkOpening.discard();
            throw e;
        }
        FrameSink sink;
        try {
            sink = sinkOpening.get();
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        CapturedAnswers answers = new CapturedAnswers(source, new ReplyClassifier(config), hop.sourceHi(),
                hop.sourceLo(), snaplen, 2L * CAPTURE_LATENCY_MS * 1_000_000);
        return new Wire(new FrameProbeChannel(tcpKind, udpKind, sink), answers);
    }

    /** Sends each probe to its target's own MAC, for scans of several on-link hosts. */
    public void useMacs(MacTable macs) {
        channel.useMacs(macs);
    }

    /** The batch (sendmmsg) path where the system has it, else one pcap_sendpacket per frame; or as forced. */
    private static FrameSink frameSink(String iface, SendPath path) {
        if (path != SendPath.PCAP) {
            BatchFrameSink batch = BatchFrameSink.open(iface);
            if (batch != null) {
                return batch;
            }
            if (path == SendPath.BATCH) {
                throw new org.synscan.ScanFailure("--send-path batch: this system has no sendmmsg packet path"
                        + " (Linux, 64-bit); use --send-path pcap");
            }
        }
        return PcapFrameSink.open(iface);
    }

    public ProbeChannel channel() {
        return channel;
    }

    public AnswerSource answers() {
        return answers;
    }

    @Override
    public void close() {
        channel.close();
        answers.close();
    }

    /** Opens a resource on a thread of its own while the caller opens another. */
    private static final class Opening<T extends AutoCloseable> {
        private final Thread thread;
        private T result;
        private Throwable failure;

        Opening(java.util.function.Supplier<T> open) {
            thread = new Thread(() -> {
                try {
                    result = open.get();
                } catch (RuntimeException | Error e) {
                    failure = e; // rethrown as it is by get(), on the caller's thread
                }
            }, "synscan-open");
            thread.setDaemon(true);
            thread.start();
        }

        /** The opened resource, or the opening's own exception (a ScanFailure names the problem). */
        T get() {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // opening takes milliseconds: finish it, then restore the flag
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return result;
        }

        /** Waits for the opening and closes what it opened (the caller failed meanwhile). */
        void discard() {
            try {
                T r = get();
                if (r != null) {
                    r.close();
                }
            } catch (Exception e) {
                // the caller's own failure is the one to report
            }
        }
    }
}
