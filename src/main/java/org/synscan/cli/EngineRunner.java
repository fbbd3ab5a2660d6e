package org.synscan.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.synscan.ScanFailure;
import org.synscan.UsageException;
import org.synscan.engine.EngineConfig;
import org.synscan.engine.OrderSupply;
import org.synscan.engine.ProbeSupply;
import org.synscan.engine.Scan;
import org.synscan.engine.UpHostsOnly;
import org.synscan.engine.Wire;
import org.synscan.net.LibpcapCheck;
import org.synscan.net.MacTable;
import org.synscan.net.NextHop;
import org.synscan.net.Privileges;
import org.synscan.output.LiveOutput;
import org.synscan.output.ReportSet;
import org.synscan.output.ResultFeed;
import org.synscan.output.ResumeJournal;
import org.synscan.output.ResumeState;
import org.synscan.output.ScanInfo;
import org.synscan.output.ScanSummary;
import org.synscan.output.StateFolding;
import org.synscan.plan.ScanPlan;
import org.synscan.plan.ScanRunner;
import org.synscan.plan.Timing;
import org.synscan.result.Protocol;
import org.synscan.result.ScanResults;
import org.synscan.target.AddressSet;
import org.synscan.target.PortList;
import org.synscan.target.ProbeOrder;
import org.synscan.target.Services;

/**
 * Runs a real scan for a plan: checks rights and libpcap, opens the outputs, plans the next hop,
 * opens the wire, runs the engine while the outputs, the resume journal and the status line follow
 * it. Whatever stops the scan (a failure, Ctrl-C, SIGTERM), the results found so far are written and
 * the resume file kept before the error is reported.
 */
final class EngineRunner implements ScanRunner {
    /** How long a stop signal holds the JVM for the outputs: the engine's drain plus the writing. */
    private static final long STOP_WAIT_SECONDS = 30;

    private final Services services;
    private final List<String> args;

    EngineRunner(Services services, String[] args) {
        this.services = services;
        this.args = List.of(args);
    }

    @Override
    public int run(ScanPlan plan, PrintWriter out, PrintWriter err) throws Exception {
        if (plan.targets().size() == 0) {
            out.println("WARNING: No targets were specified, so 0 hosts scanned.");
            return 0;
        }
        ResumeState resumed = plan.resumeFile().map(ResumeState::load).orElse(null);
        if (resumed != null && !resumed.fingerprint().equals(fingerprint(plan))) {
            throw new UsageException("--resume " + plan.resumeFile().get() + ": the targets or ports are not those of"
                    + " the interrupted scan any more (a changed -iL file or host name?); cannot resume");
        }
        trace("runner");
        if (!plan.timing().hostTimeout().isZero()) {
            // parsed and planned, but the engine cannot give up on a single host yet: say so, do not ignore it
            throw new UsageException("--host-timeout is not implemented yet");
        }
        Privileges.current().require();
        LibpcapCheck.version();
        trace("libpcap");
        ScanResults results = new ScanResults(plan.ipv6());
        ProbeOrder order = plan.newOrder();
        ProbeSupply supply = resumed == null ? new OrderSupply(order) : resume(resumed, results, order);
        Session s = new Session(plan, err, results, order, resumed);
        s.open(out);
        try {
            s.start(supply);
        } catch (RuntimeException e) {
            if (s.wire != null) {
                s.wire.close();
            }
            s.reports.close(s.stdout);
            throw e;
        }
        CountDownLatch written = new CountDownLatch(1);
        AtomicBoolean signalled = new AtomicBoolean();
        Thread onSignal = stopOnSignal(s.scan, written, signalled);
        RuntimeException failure = s.runEngine();
        String unfinished;
        try {
            unfinished = s.finish(signalled.get());
            if (failure == null && unfinished != null) {
                // before the latch: on a signal the JVM ends as soon as it is released
                err.println("synscan: " + (signalled.get() ? "stopped" : "the scan did not finish") + " with "
                        + unfinished);
                err.flush();
            }
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // a signal arrived while writing: the hook is running and waits for the latch above
            }
        }
        if (failure != null) {
            // one line for the user: what went wrong, and how to go on from what was found
            throw unfinished == null ? failure : new ScanFailure(failure.getMessage() + "; " + unfinished, failure);
        }
        return 0;
    }

    private static final boolean TRACE = System.getenv("SYNSCAN_TRACE") != null;
    private static final long T0 = System.nanoTime();
    /** The epoch instant (ns) to count from instead of main, e.g. the launcher's exec: $(date +%s%N). */
    private static final long TRACE_EPOCH_OFFSET = traceEpochOffset();

    /**
     * SYNSCAN_TRACE=1: milestones in ms since main started (or since SYNSCAN_TRACE=EPOCH_NANOS, to
     * include the launcher and the JVM's own start), to see where start-up time goes.
     */
    static void trace(String what) {
        if (TRACE) {
            System.err.println("trace " + String.format(java.util.Locale.ROOT, "%.1f",
                    (System.nanoTime() - T0 + TRACE_EPOCH_OFFSET) / 1e6) + " ms: " + what);
        }
    }

    private static long traceEpochOffset() {
        String v = System.getenv("SYNSCAN_TRACE");
        if (v == null || v.length() < 12) {
            return 0;
        }
        try {
            java.time.Instant now = java.time.Instant.now();
            long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            return nowNanos - Long.parseLong(v); // main's start, counted from the given instant
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One scan's moving parts: outputs, journal, status line, engine; opened, run and finished in order. */
    private final class Session {
        final ScanPlan plan;
        final ScanPlan.Display display;
        final PrintWriter err;
        final ScanResults results;
        final ProbeOrder order;
        final ResumeState resumed;
        final long preSettled;
        final AtomicLong start = new AtomicLong();
        StatusLine status;
        PrintWriter stdout;
        ReportSet reports;
        ResumeJournal journal;
        Scan scan;
        Wire wire;
        LiveOutput live;
        UpHostsOnly upOnly;

        Session(ScanPlan plan, PrintWriter err, ScanResults results, ProbeOrder order, ResumeState resumed) {
            this.plan = plan;
            this.display = plan.display();
            this.err = err;
            this.results = results;
            this.order = order;
            this.resumed = resumed;
            this.preSettled = results.total();
        }

        /** The status line and the outputs, before anything is sent: an unwritable file fails here. */
        void open(PrintWriter out) {
            status = new StatusLine(err, Tty.stderrIsTerminal(), statsEveryMillis(plan), () -> new StatusLine.Snapshot(
                    System.nanoTime() - start.get(), scan.counters().settled(), order.count() - preSettled,
                    scan.counters().sent(), scan.counters().answers(), results.openCount(), scan.counters().retries()));
            stdout = new PrintWriter(new StdoutGuard(out, status::whileCleared));
            reports = ReportSet.open(plan.outputs(), stdout, services::lookup, display.reason(),
                    new StateFolding(display.openOnly(), display.verbosity()), display.verbosity(),
                    resumed == null ? null : resumed.lengths());
        }

        /** The journal, the next hop, the wire and the engine; the outputs' headers. */
        void start(ProbeSupply supply) {
            journal = resumed != null ? ResumeJournal.append(plan.resumeFile().get())
                    : ResumeJournal.create(resumePath(plan), args, plan.seed(), fingerprint(plan));
            NextHop hop = LinkSetup.nextHop(plan);
            MacTable macs = LinkSetup.needsMacs(plan, hop) ? LinkSetup.sweep(hop, plan.targets()) : null;
            trace("next hop");
            if (display.verbosity() > 0) {
                err.println("synscan: sending on " + hop);
                if (resumed != null) {
                    err.println("synscan: resuming: " + preSettled + " of " + order.count() + " probes already settled");
                }
            }
            Timing t = plan.timing();
            EngineConfig config = new EngineConfig(t.rate(), t.minRate(), t.maxRetries(), t.initialRtt(), t.minRtt(),
                    t.maxRtt(), EngineConfig.defaultOutstanding(t.rate()));
            wire = Wire.open(hop, plan.ports().has(Protocol.TCP), plan.ports().has(Protocol.UDP),
                    plan.network().sourcePort().orElse(-1), plan.network().ttl(), t.maxRetries(), t.rate(),
                    plan.network().sendPath());
            trace("wire open");
            if (macs != null) {
                // hosts that did not answer ARP/ND are down: not probed, and not waited for
                wire.useMacs(macs);
                upOnly = new UpHostsOnly(supply, macs);
                supply = upOnly;
            }
            scan = new Scan(config, supply, wire.channel(), wire.answers(), results);
            ResultFeed feed = new ResultFeed();
            results.addListener(feed);
            live = new LiveOutput(reports, results, feed, journal, plan.shard().total() == 1 ? plan.ports().size() : -1);
            live.start(info(plan, resumed, LinkSetup.targetMac(plan, hop)), resumed);
        }

        /** Runs the engine to its end or a stop; returns the failure that ended it, if any. */
        RuntimeException runEngine() throws InterruptedException {
            start.set(System.nanoTime()); // the scan's time, as before outputs existed: from the first probe on
            status.start();
            try {
                trace("scan start");
                Preload.serviceNames(services);
                scan.run();
                trace("scan end");
                return null;
            } catch (ScanFailure e) {
                return e;
            } finally {
                wire.close();
            }
        }

        /** Completes every output and keeps (or removes) the resume file; says how to resume. */
        /** Returns null when every probe was settled, else "N of M probes unsettled; to resume: ...". */
        String finish(boolean signalled) {
            trace("finish");
            status.stop();
            trace("status stopped");
            long skipped = upOnly == null ? 0 : upOnly.skipped();
            boolean complete = results.total() + skipped >= order.count();
            try {
                live.finish(summary(plan, results, scan, order, skipped, (System.nanoTime() - start.get()) / 1e9),
                        ZonedDateTime.now(), complete);
            } finally {
                trace("live finished");
                reports.close(stdout);
                trace("reports closed");
            }
            if (!complete) {
                String how = journal.problem() == null ? "to resume: synscan --resume " + journal.path()
                        : "the resume file " + journal.path() + " could not be written (" + journal.problem()
                        + "), so it cannot be resumed";
                return (order.count() - skipped - results.total()) + " of " + order.count() + " probes unsettled; "
                        + how;
            }
            if (journal.problem() != null && display.verbosity() > 0) {
                err.println("synscan: warning: no checkpoints: cannot write " + journal.path() + " ("
                        + journal.problem() + ")");
            }
            return null;
        }
    }

    /** Loads the interrupted run's results and returns the order without them. */
    private static ProbeSupply resume(ResumeState state, ScanResults results, ProbeOrder order) {
        for (ResumeState.Logged l : state.results()) {
            Long latency = state.latency().get(new ResumeState.Key(l.hi(), l.lo()));
            results.record(l.hi(), l.lo(), l.result(), latency == null ? -1 : latency);
        }
        return new SkippingSupply(order, state.results(), state.results().size());
    }

    /**
     * What the scan covers, stored in the resume file so --resume refuses a plan that is not the same
     * scan (targets re-read from a changed -iL file, a host name that now resolves elsewhere).
     */
    static String fingerprint(ScanPlan plan) {
        AddressSet t = plan.targets();
        return (plan.ipv6() ? "ipv6 " : "ipv4 ") + t.size() + " addresses in " + t.rangeCount() + " ranges "
                + AddressSet.format(plan.ipv6(), t.highAt(0), t.lowAt(0)) + ".."
                + AddressSet.format(plan.ipv6(), t.highAt(t.size() - 1), t.lowAt(t.size() - 1))
                + "; ports " + plan.ports() + "; shard " + plan.shard();
    }

    /**
     * Where the resume file of a new scan goes: beside the first output file (BASE.resume for -oA
     * BASE), else synscan.resume in the current directory.
     */
    static Path resumePath(ScanPlan plan) {
        return plan.outputs().stream().filter(o -> !o.toStdout()).findFirst()
                .map(o -> Path.of(o.path().replaceFirst("\\.(nmap|xml|gnmap|json|jsonl)$", "") + ".resume"))
                .orElse(Path.of("synscan.resume"));
    }

    /** --stats-every, or nmap's default: every 10 s with -v, else never. */
    private static long statsEveryMillis(ScanPlan plan) {
        if (plan.display().statsEvery().isPresent()) {
            return plan.display().statsEvery().get().toMillis();
        }
        return plan.display().verbosity() > 0 ? 10_000 : 0;
    }


    private ScanInfo info(ScanPlan plan, ResumeState resumed, String targetMac) {
        PortList ports = plan.ports();
        List<String> shown = resumed == null ? args : resumed.args();
        return new ScanInfo(Main.VERSION, "synscan " + String.join(" ", shown), ZonedDateTime.now(),
                ports.has(Protocol.TCP) ? ports.spec(Protocol.TCP) : null, ports.count(Protocol.TCP),
                ports.has(Protocol.UDP) ? ports.spec(Protocol.UDP) : null, ports.count(Protocol.UDP),
                plan.display().verbosity(), resumed != null, targetMac);
    }

    private static ScanSummary summary(ScanPlan plan, ScanResults results, Scan scan, ProbeOrder order, long skipped,
            double seconds) {
        return new ScanSummary(plan.targets().size(), results.hostCount(), seconds, scan.counters().sent(),
                scan.counters().retries(), scan.counters().answers(), scan.invalidReplies(),
                scan.counters().duplicates(), scan.captureDrops(),
                Math.max(0, order.count() - skipped - results.total()), scan.rateLimitedHosts(), scan.undecidedPorts());
    }

    /** Ctrl-C / SIGTERM: stop sending, and hold the JVM until what was found is written. */
    private static Thread stopOnSignal(Scan scan, CountDownLatch written, AtomicBoolean signalled) {
        Thread hook = new Thread(() -> {
            signalled.set(true);
            scan.requestStop();
            try {
                written.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "synscan-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }
}
