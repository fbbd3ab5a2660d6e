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
    /** First tries, expiring after one timeout. */
    final TimeoutQueue firstTries;
    /**
     * Retries, expiring after {@link #retryTimeouts} timeouts. Its own queue keeps both queues in
     * expiry order.
     */
    final TimeoutQueue retries;
    final RttEstimator rtt;
    final RateLimiter limiter;
    final ScanResults results;
    final ScanCounters counters = new ScanCounters();
    final CongestionControl congestion;
    final UdpPacing udpPacing;
    /** Highest try number that ever drew an answer: nmap's signal of how many retries the path needs. */
    private final AtomicInteger maxAnsweredTry = new AtomicInteger();
    private volatile int allowedRetries;
    /** Enough answers have matured to know the path's loss (set by {@link #updateAllowedRetries}). */
    private volatile boolean lossKnown;
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
        this.firstTries = new TimeoutQueue(config.maxOutstanding() * 2);
        this.retries = new TimeoutQueue(config.maxOutstanding() * 2);
        this.rtt = new RttEstimator(config.initialTimeout().toNanos(), config.minTimeout().toNanos(),
                config.maxTimeout().toNanos());
        long now = System.nanoTime();
        this.limiter = new RateLimiter(config.rate(), now);
        this.udpPacing = new UdpPacing(config.maxRetries());
        this.congestion = new CongestionControl(config.rate(), config.minRate(), limiter, counters::answers, now);
        this.seenUntil.set(now);
        updateAllowedRetries();
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

    /** Hosts shown to rate-limit ICMP: their silent UDP ports were re-probed at the host's pace. */
    public long rateLimitedHosts() {
        return udpPacing.rateLimitedHosts();
    }

    /** UDP ports of such hosts that stayed open|filtered. */
    public long undecidedPorts() {
        return udpPacing.undecided();
    }

    /** Times the rate was lowered for loss or local drops. */
    public long backOffs() {
        return congestion.backOffs();
    }

    /** Loss the path showed whatever the rate (random loss), as a fraction. */
    public double normalLoss() {
        return congestion.normalLoss();
    }

    /** Local overload: capture drops plus frames the kernel refused to send. */
    long localDrops() {
        return answers.dropped() + channel.refused();
    }

    /** How long after a probe's first try its loss is known: two timeouts plus capture latency. */
    long settleNanos() {
        return 2 * rtt.timeoutNanos() + answers.maxLatencyNanos();
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

    /**
     * Timeouts a retry waits before it expires. Two once the path has shown loss or delay (an answer
     * needed a retry, or came after one went out): a reply that is merely late then still gets time
     * to arrive. Two as well when UDP is scanned, whose ICMP answers are rate-limited and paced, and
     * until the path's loss is known (see {@link #allowedRetries}: meanwhile every retry is allowed,
     * and a shorter wait would spend more of them). One once the path is known to lose and delay
     * nothing: a probe that times out there is almost surely dropped on purpose (a filtered port),
     * and a longer wait for its retry only lengthens the scan's tail (by 50 ms at T3's 50 ms floor,
     * after a -p- sweep of one host).
     */
    int retryTimeouts(boolean udpScanned) {
        return udpScanned || !lossKnown || maxAnsweredTry.get() > 0 ? 2 : 1;
    }

    void answeredTry(int tryNo) {
        if (tryNo > 0) {
            maxAnsweredTry.accumulateAndGet(tryNo, Math::max);
        }
    }

    /**
     * Odds that any probe of a scan is given up while its port answers, the bound the retries are
     * sized for at the measured loss (one scan in ten thousand; at 5 % loss each way that is nine tries
     * for a -p- host, where one in a thousand needed eight: the lab's tests run a dozen lossy scans).
     */
    private static final double MISS_ODDS = 1e-4;

    /**
     * Retries a probe gets, within --max-retries. Until the loss of the path is known (enough probes
     * old enough that their retries have been answered too), all of them: giving up early is how fast
     * scanners miss ports. (With no answer at all there is nothing to learn from: nmap's rule then.)
     * Then one more than the path has ever needed (nmap's rule), so a clean path does not pay for
     * retries it never needs, and at least enough that, at the measured loss, any probe of this scan
     * is wrongly given up with odds below {@link #MISS_ODDS}. nmap's rule alone learns only from
     * lucky probes: the first probes to need k+1 tries would be given up after k.
     */
    int allowedRetries() {
        return allowedRetries;
    }

    /** Recomputes {@link #allowedRetries()}; the sender calls it now and then. */
    void updateAllowedRetries() {
        long answered = congestion.maturedAnswered();
        long total = Math.max(1, supply.total());
        long all = counters.answers();
        boolean known = answered >= 100 || (answered > 0 && answered == all);
        if (!known && all > 0) {
            allowedRetries = config.maxRetries();
            return;
        }
        lossKnown = known;
        int byRatchet = maxAnsweredTry.get() + 1;
        int byLoss = 0;
        long late = congestion.maturedLate();
        if (late > 0) {
            // three more late answers than counted: early in a scan a few hundred answers are all there
            // is, and an estimate that comes out low gives the probes sent meanwhile too few tries
            double p = Math.min(0.99, (late + 3.0) / (answered + 3.0));
            byLoss = (int) Math.ceil(Math.log(MISS_ODDS / total) / Math.log(p)) - 1;
        }
        allowedRetries = Math.min(config.maxRetries(), Math.max(byRatchet, byLoss));
    }

}
