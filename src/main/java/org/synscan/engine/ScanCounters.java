package org.synscan.engine;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals for the status line and the final summary; each counter has one writer thread. */
public final class ScanCounters {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong answers = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong settled = new AtomicLong();

    public long sent() {
        return sent.get();
    }

    public long retries() {
        return retries.get();
    }

    /** Valid replies that settled a probe. */
    public long answers() {
        return answers.get();
    }

    /** Valid replies for probes already settled: duplicates and replies that came after we gave up. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Probes with a final verdict (answered or given up). */
    public long settled() {
        return settled.get();
    }
}
