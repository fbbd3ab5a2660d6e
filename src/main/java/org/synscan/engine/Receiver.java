package org.synscan.engine;

import org.synscan.result.Protocol;
import org.synscan.result.Reason;
import org.synscan.result.ScanResults;

/**
 * The receiver thread's loop: takes validated answers, settles their probes in the table (the first
 * answer wins; duplicates and answers after a verdict only count), feeds round-trip times to the
 * estimator and records results.
 */
final class Receiver implements Runnable {
    private final Scan scan;
    private final AnswerSource source;
    private final Answer answer = new Answer();
    /** Of the probe just answered: its first try's and previous try's send times, its outstanding try. */
    private final long[] sent = new long[3];
    private volatile boolean running = true;

    Receiver(Scan scan, AnswerSource source) {
        this.scan = scan;
        this.source = source;
    }

    /** Shutdown order: this flag, then {@link AnswerSource#wakeUp()}, then join, then close. */
    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            int r = source.next(answer);
            if (r == AnswerSource.CLOSED) {
                break;
            }
            if (r == AnswerSource.ANSWER) {
                settle(answer.receivedNanos);
            }
            scan.seenUntil(r == AnswerSource.IDLE ? System.nanoTime() - source.maxLatencyNanos() : answer.receivedNanos);
        }
    }

    private void settle(long now) {
        Answer a = answer;
        long rtt = scan.table.answer(a.hi, a.lo, ProbeTable.packPort(a.protocol.ordinal(), a.port), a.tryNo, now,
                sent);
        if (rtt == ProbeTable.ABSENT) {
            scan.counters.duplicates.incrementAndGet();
            return;
        }
        // how many tries' time the probe needed: a late reply to an early try counts as the outstanding
        // one, or a path that delays replies (rather than losing them) would look as if one retry
        // were always enough, and probes would be given up before their replies come
        scan.answeredTry(Math.max(a.tryNo, (int) sent[2]));
        scan.congestion.onAnswer(sent[0], a.tryNo);
        if (a.protocol == Protocol.UDP) {
            scan.udpPacing.onAnswer(a.hi, a.lo, a.reason != Reason.UDP_RESPONSE, a.tryNo, rtt >= 0, sent[1], now);
        }
        if (rtt >= 0) {
            scan.rtt.sample(rtt);
        }
        scan.counters.answers.incrementAndGet();
        scan.counters.settled.incrementAndGet();
        scan.results.record(a.hi, a.lo, ScanResults.pack(a.protocol, a.port, a.state, a.reason, a.ttl),
                rtt >= 0 ? rtt : -1);
    }
}
