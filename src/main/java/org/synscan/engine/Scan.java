package org.synscan.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.synscan.result.ScanResults;

/**
 * One scan run: wires the sender (this thread) and the receiver (its own thread) around the shared
 * probe table, and shuts them down in the safe order when every probe has a verdict or a stop was
 * requested.
 */
public final class Scan {
    final EngineConfig config;
    final ProbeTable table;
    final TimeoutQueue queue;
    final RttEstimator rtt;
    final RateLimiter limiter;
    final ScanResults results;
    final ScanCounters counters = new ScanCounters();
    /** Highest try number that ever drew an answer: nmap's signal of how many retries the path needs. */
    private final AtomicInteger maxAnsweredTry = new AtomicInteger();
    private volatile boolean stopRequested;
    /** Every reply that arrived before this instant (nanoTime clock) has been processed. */
    private final AtomicLong seenUntil = new AtomicLong();
    private final ProbeSupply supply;
    private final ProbeChannel channel;
    private final AnswerSource answers;

    public Scan(EngineConfig config, ProbeSupply supply, ProbeChannel channel, AnswerSource answers,
            ScanResults results) {
        this.config = config;
        this.supply = supply;
        this.channel = channel;
        this.answers = answers;
        this.results = results;
        this.table = new ProbeTable(config.maxOutstanding());
        this.queue = new TimeoutQueue(config.maxOutstanding() * 2);
        this.rtt = new RttEstimator(config.initialTimeout().toNanos(), config.minTimeout().toNanos(),
                config.maxTimeout().toNanos());
        long now = System.nanoTime();
        this.limiter = new RateLimiter(config.rate(), now);
        this.seenUntil.set(now);
    }

    public ScanCounters counters() {
        return counters;
    }

    /** Runs the scan to the end (or until {@link #requestStop()}); the calling thread becomes the sender. */
    public void run() throws InterruptedException {
        Receiver receiver = new Receiver(this, answers);
        Thread receiverThread = new Thread(receiver, "synscan-receiver");
        receiverThread.setDaemon(true);
        receiverThread.start();
        try {
            new Sender(this, supply, channel).run();
        } finally {
            receiver.stop();
            answers.wakeUp();
            receiverThread.join(5_000);
            answers.close();
            channel.close();
        }
    }

    /** Asks the sender to stop drawing probes; safe from any thread (e.g. a signal handler). */
    public void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** Probes outstanding right now. */
    public int inFlight() {
        return table.size();
    }

    public long invalidReplies() {
        return answers.invalid();
    }

    public long captureDrops() {
        return answers.dropped();
    }

    /** Current round-trip estimate in nanoseconds, -1 before any answer. */
    public long smoothedRttNanos() {
        return rtt.srttNanos();
    }

    public double currentRate() {
        return limiter.rate();
    }

    /** The receiver has seen every reply that arrived up to {@code nanos}. */
    void seenUntil(long nanos) {
        seenUntil.accumulateAndGet(nanos, Math::max);
    }

    /**
     * How far the receiver has caught up: a probe counts as unanswered only when this passes its
     * deadline, so a receiver that falls behind (JIT warm-up, a burst) never causes false timeouts.
     */
    long seenUntil() {
        return seenUntil.get();
    }

    void answeredTry(int tryNo) {
        maxAnsweredTry.accumulateAndGet(tryNo, Math::max);
    }

    /**
     * Retries a probe gets: one more than the path has ever needed, within --max-retries, as nmap does,
     * so a clean path does not pay for retries it never needs and a lossy one earns more.
     */
    int allowedRetries() {
        return Math.min(config.maxRetries(), maxAnsweredTry.get() + 1);
    }
}
