package org.synscan.cli;

import java.io.PrintWriter;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.synscan.ScanFailure;
import org.synscan.engine.EngineConfig;
import org.synscan.engine.OrderSupply;
import org.synscan.engine.Scan;
import org.synscan.engine.Wire;
import org.synscan.net.IpAddr;
import org.synscan.net.LibpcapCheck;
import org.synscan.net.LinkOverrides;
import org.synscan.net.LinkPlanner;
import org.synscan.net.Mac;
import org.synscan.net.MacTable;
import org.synscan.net.NeighbourSweep;
import org.synscan.net.NextHop;
import org.synscan.net.Privileges;
import org.synscan.output.ReportSet;
import org.synscan.output.ScanInfo;
import org.synscan.output.ScanSummary;
import org.synscan.output.StateFolding;
import org.synscan.plan.MacAddress;
import org.synscan.plan.ScanPlan;
import org.synscan.plan.ScanRunner;
import org.synscan.plan.Timing;
import org.synscan.result.HostResult;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.ScanResults;
import org.synscan.target.AddressSet;
import org.synscan.target.PortList;
import org.synscan.target.Services;

/**
 * Runs a real scan for a plan: checks rights and libpcap, opens the outputs, plans the next hop,
 * opens the wire, runs the engine and writes the reports. Whatever stops the scan (a failure,
 * Ctrl-C), the results found so far are written before the error is reported.
 */
final class EngineRunner implements ScanRunner {
    private final Services services;
    private final String commandLine;

    EngineRunner(Services services, String[] args) {
        this.services = services;
        this.commandLine = "synscan " + String.join(" ", args);
    }

    @Override
    public int run(ScanPlan plan, PrintWriter out, PrintWriter err) throws Exception {
        if (plan.targets().size() == 0) {
            out.println("WARNING: No targets were specified, so 0 hosts scanned.");
            return 0;
        }
        trace("runner");
        Privileges.current().require();
        LibpcapCheck.version();
        ScanPlan.Display display = plan.display();
        ReportSet reports = ReportSet.open(plan.outputs(), out, services::lookup, display.reason(),
                new StateFolding(display.openOnly(), display.verbosity()));
        ScanResults results = new ScanResults(plan.ipv6());
        Scan scan;
        long start;
        Wire wire;
        try {
            trace("reports open");
            NextHop hop = planHop(plan);
            MacTable macs = needsMacs(plan, hop) ? sweep(hop, plan.targets()) : null;
            trace("next hop");
            if (display.verbosity() > 0) {
                err.println("synscan: sending on " + hop);
                announceOpenPorts(results, out, plan.ipv6());
            }
            Timing t = plan.timing();
            EngineConfig config = new EngineConfig(t.rate(), t.minRate(), t.maxRetries(), t.initialRtt(), t.minRtt(),
                    t.maxRtt(), EngineConfig.defaultOutstanding(t.rate()));
            wire = Wire.open(hop, plan.ports().has(Protocol.TCP), plan.ports().has(Protocol.UDP),
                    plan.network().sourcePort().orElse(-1), plan.network().ttl(), t.maxRetries());
            trace("wire open");
            if (macs != null) {
                wire.useMacs(macs);
            }
            scan = new Scan(config, new OrderSupply(plan.newOrder(), macs), wire.channel(), wire.answers(), results);
            start = System.nanoTime();
            reports.begin(info(plan));
        } catch (RuntimeException e) {
            reports.close(out);
            throw e;
        }
        CountDownLatch written = new CountDownLatch(1);
        Thread onSignal = stopOnSignal(scan, written);
        RuntimeException failure = null;
        try {
            trace("scan start");
            scan.run();
            trace("scan end");
        } catch (ScanFailure e) {
            failure = e;
        } finally {
            wire.close();
        }
        try {
            write(reports, results, scan, plan, (System.nanoTime() - start) / 1e9);
            reports.close(out);
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C arrived while writing: the hook is running and waits for the latch above
            }
        }
        if (failure != null) {
            throw failure;
        }
        return 0;
    }

    private static final boolean TRACE = System.getenv("SYNSCAN_TRACE") != null;

    private static final long T0 = System.nanoTime();

    /** SYNSCAN_TRACE=1: milestones in ms since main started, to see where start-up time goes. */
    static void trace(String what) {
        if (TRACE) {
            System.err.printf("trace %.1f ms: %s%n", (System.nanoTime() - T0) / 1e6, what);
        }
    }

    private ScanInfo info(ScanPlan plan) {
        PortList ports = plan.ports();
        return new ScanInfo(Main.VERSION, commandLine, ZonedDateTime.now(),
                ports.has(Protocol.TCP) ? ports.spec(Protocol.TCP) : null, ports.count(Protocol.TCP),
                ports.has(Protocol.UDP) ? ports.spec(Protocol.UDP) : null, ports.count(Protocol.UDP),
                plan.display().verbosity());
    }

    private static void write(ReportSet reports, ScanResults results, Scan scan, ScanPlan plan, double seconds) {
        List<HostResult> hosts = results.hosts();
        for (HostResult h : hosts) {
            reports.host(h);
        }
        reports.end(new ScanSummary(plan.targets().size(), hosts.size(), seconds, scan.counters().sent(),
                scan.counters().retries(), scan.counters().answers(), scan.invalidReplies(),
                scan.counters().duplicates(), scan.captureDrops(), scan.inFlight(), scan.rateLimitedHosts(),
                scan.undecidedPorts()), ZonedDateTime.now());
    }

    /** Ctrl-C / SIGTERM: stop sending, and hold the JVM until what was found is written. */
    private static Thread stopOnSignal(Scan scan, CountDownLatch written) {
        Thread hook = new Thread(() -> {
            scan.requestStop();
            try {
                written.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "synscan-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void announceOpenPorts(ScanResults results, PrintWriter out, boolean ipv6) {
        results.addListener((hi, lo, r) -> {
            if (r.state() == PortState.OPEN) {
                synchronized (out) {
                    out.printf("Discovered open port %d/%s on %s%n", r.port(), r.protocol().label(),
                            AddressSet.format(ipv6, hi, lo));
                    out.flush();
                }
            }
        });
    }

    private static NextHop planHop(ScanPlan plan) {
        AddressSet targets = plan.targets();
        ScanPlan.Network n = plan.network();
        LinkOverrides overrides = new LinkOverrides(n.interfaceName().orElse(null),
                n.sourceAddress().map(IpAddr::of).orElse(null), n.sourceMac().map(MacAddress::bits).orElse(Mac.NONE),
                n.routerMac().map(MacAddress::bits).orElse(Mac.NONE));
        long hi = targets.highAt(0);
        long lo = targets.lowAt(0);
        if (targets.size() > 1 && overrides.routerMac() == Mac.NONE) {
            // several targets: learn the route first without asking the first target for its MAC (it
            // may be down); on-link hosts are then resolved all together by the sweep
            NextHop probe = LinkPlanner.resolve(hi, lo, plan.ipv6(), new LinkOverrides(overrides.iface(),
                    overrides.source(), overrides.sourceMac(), Mac.ZERO));
            if (probe.gateway() == null || probe.loopback()) {
                return probe;
            }
        }
        return LinkPlanner.resolve(hi, lo, plan.ipv6(), overrides);
    }

    /** Several hosts on the link itself (no router in between, none given): each needs its own MAC. */
    private static boolean needsMacs(ScanPlan plan, NextHop hop) {
        return plan.targets().size() > 1 && hop.gateway() == null && !hop.loopback()
                && plan.network().routerMac().isEmpty() && hop.linkType() == org.synscan.net.pcap.PcapHandle.DLT_EN10MB;
    }

    private static MacTable sweep(NextHop hop, AddressSet targets) {
        return NeighbourSweep.resolve(hop, new NeighbourSweep.Targets() {
            @Override
            public long count() {
                return targets.size();
            }

            @Override
            public long hiAt(long index) {
                return targets.highAt(index);
            }

            @Override
            public long loAt(long index) {
                return targets.lowAt(index);
            }

            @Override
            public boolean contains(long hi, long lo) {
                return targets.contains(hi, lo);
            }
        });
    }
}
