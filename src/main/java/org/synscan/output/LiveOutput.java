package org.synscan.output;

import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.synscan.result.HostResult;
import org.synscan.result.PortResult;
import org.synscan.result.ScanResults;

/**
 * Writes the outputs while the scan runs, on a thread of its own: every few hundred milliseconds it
 * takes the results the engine settled (through a {@link ResultFeed}), hands each to the per-port
 * formats (JSON lines, "Discovered open port") and to the resume journal, and writes a host's report
 * to every output as soon as all of its ports have a result. Each second it checkpoints: the files
 * are flushed and the journal records their lengths, so a crash loses at most about a second.
 */
public final class LiveOutput {
    static final long TICK_MILLIS = 200;
    static final long CHECKPOINT_MILLIS = 1_000;
    /** The resume file appears only for scans that run at least this long (or are interrupted). */
    static final long PERSIST_AFTER_MILLIS = 2_000;
    /**
     * ... or that have logged this much before then: the lines waiting in memory are a journal's whole
     * cost until it has a file (a wide scan logs half a million results in its first two seconds).
     */
    static final int PERSIST_PENDING_CHARS = 4 << 20;

    private final ReportSet reports;
    private final ScanResults results;
    private final ResultFeed feed;
    private final ResumeJournal journal;
    private final int portsPerHost;
    private final boolean ipv6;
    /**
     * Per host (by {@link ScanResults#hostNumberOf}): results written so far, and whether its report
     * went out. Arrays, not maps keyed by address: this runs for every result of the scan.
     */
    private int[] written = new int[64];
    private final BitSet reported = new BitSet();
    private final long startMillis = System.currentTimeMillis();
    private long lastCheckpoint = startMillis;
    private volatile boolean running;
    private Thread thread;
    private RuntimeException failure;

    /**
     * @param portsPerHost results that make a host complete, or -1 when unknown (a shard holds an
     *                     uneven share of each host's ports): then hosts are written at the end
     * @param journal      the resume journal, or null for none
     */
    public LiveOutput(ReportSet reports, ScanResults results, ResultFeed feed, ResumeJournal journal, int portsPerHost) {
        this.reports = reports;
        this.results = results;
        this.feed = feed;
        this.journal = journal;
        this.portsPerHost = portsPerHost;
        this.ipv6 = results.ipv6();
    }

    /**
     * Writes the headers (and, when resuming, what the outputs lack from the interrupted run) and
     * starts the writer thread.
     */
    public void start(ScanInfo info, ResumeState resumed) {
        reports.begin(info);
        if (resumed != null) {
            replay(resumed);
        }
        checkpoint();
        running = true;
        thread = new Thread(this::loop, "synscan-output");
        thread.setDaemon(true);
        thread.start();
    }

    /** The interrupted run's results are in {@code results} already; bring the outputs up to date. */
    private void replay(ResumeState state) {
        List<ResumeState.Logged> logged = state.results();
        for (int i = state.replayFrom(); i < logged.size(); i++) {
            ResumeState.Logged l = logged.get(i);
            reports.port(ipv6, l.hi(), l.lo(), l.result(), startMillis);
        }
        for (ResumeState.Logged l : logged) {
            int h = completedBy(l.hi(), l.lo());
            if (h >= 0) {
                HostResult host = results.host(l.hi(), l.lo());
                if (state.reported().contains(new ResumeState.Key(l.hi(), l.lo()))) {
                    reports.host(host, ReportSet.Audience.REWRITTEN);
                    reported.set(h);
                } else {
                    report(host, h);
                }
            }
        }
    }

    private void loop() {
        try {
            while (running) {
                // parked, not slept: finish() unparks it, so the end of a scan does not wait a tick
                LockSupport.parkNanos(TICK_MILLIS * 1_000_000);
                if (running) {
                    tick();
                }
            }
        } catch (RuntimeException e) {
            failure = e; // reported by finish(), after the scan
        }
    }

    private void tick() {
        feed.drain(this::settled);
        reports.flush();
        long now = System.currentTimeMillis();
        if (now - lastCheckpoint >= CHECKPOINT_MILLIS) {
            checkpoint();
            if (journal != null && now - startMillis >= PERSIST_AFTER_MILLIS) {
                journal.persist();
            }
        }
        if (journal != null && journal.pendingChars() >= PERSIST_PENDING_CHARS) {
            journal.persist(); // its lines up to the last checkpoint are what a resume trusts, as ever
        }
    }

    private void settled(long hi, long lo, PortResult r, long millis) {
        reports.port(ipv6, hi, lo, r, millis);
        if (journal != null) {
            journal.result(ipv6, hi, lo, r);
        }
        int h = completedBy(hi, lo);
        if (h >= 0) {
            report(results.host(hi, lo), h);
        }
    }

    /**
     * Counts one more result for the host; returns its number when that made it complete, else -1
     * (always when the ports per host are unknown: then the host is not even looked up).
     */
    private int completedBy(long hi, long lo) {
        if (portsPerHost < 0) {
            return -1;
        }
        int h = results.hostNumberOf(hi, lo);
        if (h >= written.length) {
            written = Arrays.copyOf(written, Math.max(h + 1, written.length * 2));
        }
        return ++written[h] == portsPerHost ? h : -1;
    }

    private void report(HostResult host, int h) {
        reports.host(host, ReportSet.Audience.ALL);
        reported.set(h);
        if (journal != null) {
            journal.hostReported(ipv6, host.hi(), host.lo(), host.latencyNanos());
        }
    }

    private void checkpoint() {
        reports.flush();
        if (journal != null) {
            journal.checkpoint(reports.lengths());
        }
        lastCheckpoint = System.currentTimeMillis();
    }

    /**
     * Stops the writer thread where it is and finishes nothing: what a SIGKILL leaves behind, for the
     * tests of resuming (a writer left running would keep checkpointing into the files they inspect).
     */
    void abandon() {
        stopWriter();
    }

    private void stopWriter() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            // no interrupt: it would close the files' channels under a write
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops the writer thread and completes the outputs: the results still in the feed, then every
     * host not reported yet (those the scan did not finish, when it was stopped), then the summary.
     *
     * @param complete the scan settled every probe: the resume file is deleted; otherwise it is
     *                 written out in full, for --resume
     */
    public void finish(ScanSummary summary, ZonedDateTime finished, boolean complete) {
        stopWriter();
        feed.drain(this::settled);
        long[] hosts = results.hostAddresses();
        for (int i = 0; i < hosts.length; i += 2) {
            if (!reported.get(results.hostNumberOf(hosts[i], hosts[i + 1]))) {
                reports.host(results.host(hosts[i], hosts[i + 1]), ReportSet.Audience.ALL);
            }
        }
        reports.end(summary, finished);
        checkpoint();
        if (journal != null) {
            if (!complete) {
                journal.persist();
            }
            journal.close(complete);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
