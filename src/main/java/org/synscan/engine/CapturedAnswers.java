package org.synscan.engine;

import java.time.Instant;
import org.synscan.net.FrameSource;
import org.synscan.net.pcap.CaptureStats;
import org.synscan.probe.Reply;
import org.synscan.probe.ReplyClassifier;
import org.synscan.probe.ReplyParser;
import org.synscan.probe.Verdict;

/**
 * Captured frames to validated answers: raw bytes are parsed in place (no per-packet objects) and
 * the classifier checks the keyed cookie, so forged and stray replies never reach the engine. Frames
 * addressed to us that fail validation are counted as invalid; other traffic the filter let through
 * (and our own outgoing probes, which a capture on lo also sees) is only ignored.
 */
public final class CapturedAnswers implements AnswerSource {
    private static final int TCP_SYN = 0x02;
    private static final int TCP_ACK = 0x10;

    private final FrameSource source;
    private final ReplyClassifier classifier;
    private final long ourHi;
    private final long ourLo;
    private final int linkType;
    private final byte[] buf;
    private final Reply reply = new Reply();
    private final long maxLatencyNanos;
    private final Verdict verdict = new Verdict();
    private volatile long invalid;
    private volatile boolean closed;
    /** Epoch nanoseconds minus nanoTime, to put the capture's kernel timestamps on the sender's clock. */
    private final long epochMinusNano;
    private long droppedAtClose;

    /** @param maxLatencyNanos the capture's block timeout plus slack, see {@link #maxLatencyNanos()} */
    public CapturedAnswers(FrameSource source, ReplyClassifier classifier, long ourHi, long ourLo, int snaplen,
            long maxLatencyNanos) {
        this.maxLatencyNanos = maxLatencyNanos;
        this.source = source;
        this.classifier = classifier;
        this.ourHi = ourHi;
        this.ourLo = ourLo;
        this.linkType = source.linkType();
        this.buf = new byte[snaplen];
        Instant now = Instant.now();
        this.epochMinusNano = now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
    }

    @Override
    public int next(Answer out) {
        int n = source.next(buf);
        if (n < 0) {
            return CLOSED;
        }
        if (n == 0) {
            return IDLE;
        }
        // the kernel's receive time, not ours: capture buffering must not inflate round-trip times
        long ts = source.lastTimestampMicros();
        out.receivedNanos = ts > 0 ? ts * 1000 - epochMinusNano : System.nanoTime();
        if (!ReplyParser.parse(buf, n, linkType, reply)) {
            return NOTHING;
        }
        if (!classifier.classify(reply, verdict)) {
            if (addressedToUs() && !looksLikeAProbe()) {
                invalid++;
            }
            return NOTHING;
        }
        out.hi = verdict.targetHi();
        out.lo = verdict.targetLo();
        out.protocol = verdict.protocol();
        out.port = verdict.port();
        out.tryNo = verdict.tryNo();
        out.state = verdict.state();
        out.reason = verdict.reason();
        out.ttl = verdict.replyTtl();
        return ANSWER;
    }

    private boolean addressedToUs() {
        return reply.dstHi() == ourHi && reply.dstLo() == ourLo;
    }

    /** A bare SYN, or anything sent from our own address: our own probe seen on lo, not a reply. */
    private boolean looksLikeAProbe() {
        if (reply.srcHi() == ourHi && reply.srcLo() == ourLo) {
            return true;
        }
        return reply.kind() == Reply.Kind.TCP && (reply.flags() & (TCP_SYN | TCP_ACK)) == TCP_SYN;
    }

    @Override
    public long maxLatencyNanos() {
        return maxLatencyNanos;
    }

    @Override
    public void wakeUp() {
        source.breakLoop();
    }

    @Override
    public long invalid() {
        return invalid;
    }

    @Override
    public long dropped() {
        if (closed) {
            return droppedAtClose;
        }
        CaptureStats s = source.stats();
        return s.dropped() + s.ifDropped();
    }

    /** Keeps the final capture statistics readable after the handle is gone. */
    @Override
    public void close() {
        if (!closed) {
            droppedAtClose = dropped();
            closed = true;
            source.close();
        }
    }
}
