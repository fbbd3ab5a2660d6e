package org.synscan.engine;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * The sending rate between the user's floor (--min-rate) and ceiling (--rate), chosen from what the
 * replies say. The signal is loss: an answer to a retry means an earlier try (or its reply) was lost.
 * Answers are counted by the 10 ms bucket in which the probe was first sent, so the loss of the
 * probes sent at one rate is known once they have all had time to be answered or retried.
 *
 * <p>nmap reads every loss as congestion and halves its window, which is why 5 % random loss makes it
 * hundreds of times slower. Here a rise in loss above the known floor lowers the rate once, then
 * compares: if probes sent at the lower rate are lost about as often, the loss is random (a lossy
 * link, not a queue overflowing), so it becomes the new floor of "normal" loss and the rate goes
 * back up; only loss that falls when the rate falls is congestion, and the lower rate stays. The cut
 * is sized by the loss itself (what got through at a rate is about what the path carries), so a
 * gross overload is corrected in one step rather than by halving round after round.
 * Local overload (capture drops, the kernel refusing frames) always lowers the rate.
 *
 * <p>Threads: the receiver calls {@link #onAnswer}; the sender calls {@link #tick} and owns the rest.
 */
final class CongestionControl {
    static final long BUCKET_NANOS = 10_000_000;
    private static final int BUCKETS = 1024;
    /** Answers a verdict needs before it is trusted. */
    private static final int MIN_ANSWERS = 200;
    /**
     * Rate factor per bucket while nothing has been lost yet: doubling, as TCP's slow start per round
     * trip. From the 10 kpps start to T3's 100 kpps in 40 ms (at 1.5 it took 60 ms, 39 ms of sending
     * lost); loss is judged per bucket afterwards either way, so the ramp's speed changes only how
     * soon the ceiling is reached.
     */
    private static final double SLOW_START = 2.0;
    /** Rate factor per verdict of "no more loss than normal". */
    private static final double PROBE_UP = 1.1;
    /** Local overload (capture drops, refused frames): no loss figure to size the cut by. */
    private static final double BACK_OFF = 0.5;
    /** Loss must fall below this share of its value before the back-off to count as congestion. */
    private static final double STILL_LOST = 0.7;
    /** Buckets over which the answer rate is measured. */
    private static final int RATE_WINDOW = 5;

    private final long start;
    private final double ceiling;
    private final double floor;
    private final RateLimiter limiter;
    private final AtomicLongArray answered = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray late = new AtomicLongArray(BUCKETS);
    private final double[] rateOf = new double[BUCKETS];

    private long currentBucket;
    private long nextToJudge;
    private boolean slowStart = true;
    /** Loss that persists at any rate: random loss of the path, not ours to fix by slowing down. */
    private double normalLoss;
    private long windowAnswered;
    private long windowLate;
    private double windowRateSum;
    private int windowBuckets;
    private long windowFirst = -1;
    /** After a back-off for loss: the rate and loss before it, and the first bucket sent after it. */
    private double testedRate = -1;
    private double testedLoss;
    private long testFrom;
    private boolean wasSlowStart;
    private long lastLocalDrops;
    private long quietUntilBucket = -1;
    private long backOffs;
    /** Answers so far at the start of each of the last buckets: the answer rate the path carries. */
    private final long[] answersAt = new long[RATE_WINDOW + 1];
    private final LongSupplier answersSoFar;
    /** Answers (and late ones) of all buckets judged so far: the loss figure whose retries are all in. */
    private volatile long maturedAnswered;
    private volatile long maturedLate;

    /** @param answersSoFar valid answers received so far (any thread may have written them) */
    CongestionControl(double ceiling, double floor, RateLimiter limiter, LongSupplier answersSoFar, long now) {
        this.answersSoFar = answersSoFar;
        this.ceiling = ceiling;
        this.floor = Math.min(ceiling, floor > 0 ? floor : Math.min(ceiling, 100));
        this.limiter = limiter;
        this.start = now;
        limiter.setRate(Math.max(this.floor, Math.min(ceiling, 10_000)));
        rateOf[0] = limiter.rate();
    }

    /** Receiver: an answer to try {@code tryNo} of a probe first sent at {@code firstSentNanos}. */
    void onAnswer(long firstSentNanos, int tryNo) {
        int b = (int) (Math.floorMod(bucket(firstSentNanos), BUCKETS));
        answered.incrementAndGet(b);
        if (tryNo > 0) {
            late.incrementAndGet(b);
        }
    }

    /**
     * Sender, every loop: starts new buckets, judges buckets old enough that their retries have been
     * answered ({@code settleNanos} after they closed), and reacts to local drops.
     */
    void tick(long now, long settleNanos, LongSupplier localDrops) {
        long b = bucket(now);
        if (b == currentBucket) {
            return; // everything below happens once per bucket
        }
        long answers = answersSoFar.getAsLong();
        while (currentBucket < b) {
            currentBucket++;
            answersAt[(int) (currentBucket % answersAt.length)] = answers;
            int slot = (int) (currentBucket % BUCKETS);
            answered.set(slot, 0);
            late.set(slot, 0);
            rateOf[slot] = limiter.rate();
            if (slowStart && testedRate < 0) {
                setRate(limiter.rate() * SLOW_START);
            }
        }
        long drops = localDrops.getAsLong();
        if (drops > lastLocalDrops) {
            lastLocalDrops = drops;
            if (b > quietUntilBucket) {
                backOff(b, settleNanos, limiter.rate() * BACK_OFF);
            }
        }
        long mature = bucket(now - settleNanos) - 1;
        while (nextToJudge <= mature && nextToJudge <= currentBucket) {
            collect(nextToJudge++, b, settleNanos);
        }
    }

    private void collect(long bucket, long now, long settleNanos) {
        int slot = (int) (bucket % BUCKETS);
        long a = answered.get(slot);
        if (a == 0) {
            return;
        }
        if (windowFirst < 0) {
            windowFirst = bucket;
        }
        maturedAnswered += a;
        maturedLate += late.get(slot);
        windowAnswered += a;
        windowLate += late.get(slot);
        windowRateSum += rateOf[slot];
        windowBuckets++;
        if (windowAnswered >= MIN_ANSWERS) {
            judge((double) windowLate / windowAnswered, windowRateSum / windowBuckets, windowFirst, now, settleNanos);
            windowAnswered = 0;
            windowLate = 0;
            windowRateSum = 0;
            windowBuckets = 0;
            windowFirst = -1;
        }
    }

    private void judge(double loss, double rateThen, long firstBucket, long now, long settleNanos) {
        double tolerated = normalLoss + Math.max(0.02, normalLoss * 0.5);
        if (testedRate >= 0 && firstBucket >= testFrom) {
            // probes sent after the back-off: did their loss fall with the rate?
            if (loss >= testedLoss * STILL_LOST && loss > 0.02) {
                // random loss: slowing down did not help, so go back (and on growing if we were)
                normalLoss = Math.max(normalLoss, loss);
                setRate(Math.max(testedRate, limiter.rate()));
                slowStart = wasSlowStart;
            }
            testedRate = -1;
            return;
        }
        if (loss > tolerated) {
            if (firstBucket > quietUntilBucket && testedRate < 0) {
                testedRate = rateThen;
                testedLoss = loss;
                wasSlowStart = slowStart;
                // what gets through is about what the path carries: go a little below it. The loss
                // figure understates heavy loss (a bucket is judged before its later retries are
                // answered), so the answer rate the path delivers now bounds the cut too
                backOff(now, settleNanos, Math.min(rateThen * Math.max(0.05, 1 - loss) * 0.9, answerRate() * 1.1));
                testFrom = now + 1;
            }
        } else if (testedRate < 0 && !slowStart) {
            setRate(limiter.rate() * PROBE_UP);
        }
    }

    /** Answers per second over the last {@value #RATE_WINDOW} buckets. */
    private double answerRate() {
        long newest = answersAt[(int) (currentBucket % answersAt.length)];
        long oldest = answersAt[(int) ((currentBucket + 1) % answersAt.length)];
        return (newest - oldest) * 1e9 / (RATE_WINDOW * BUCKET_NANOS);
    }

    private void backOff(long nowBucket, long settleNanos, double rate) {
        slowStart = false; // until a test shows the loss was random
        backOffs++;
        setRate(rate);
        // react once per round of retries: losses of probes sent before now are old news
        quietUntilBucket = nowBucket + settleNanos / BUCKET_NANOS;
    }

    private void setRate(double rate) {
        limiter.setRate(Math.max(floor, Math.min(ceiling, rate)));
    }

    private long bucket(long nanos) {
        return Math.floorDiv(nanos - start, BUCKET_NANOS);
    }

    /** Answers counted in buckets old enough that their retries have been answered too. */
    long maturedAnswered() {
        return maturedAnswered;
    }

    /** Of {@link #maturedAnswered()}, the answers to a retry. */
    long maturedLate() {
        return maturedLate;
    }

    long backOffs() {
        return backOffs;
    }

    /** The loss the path showed at every rate, as a fraction (0 when none was seen). */
    double normalLoss() {
        return normalLoss;
    }
}
