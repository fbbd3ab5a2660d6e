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
import org.synscan.net.LinkOverrides;
import org.synscan.net.LinkPlanner;
import org.synscan.net.LibpcapCheck;
import org.synscan.net.Mac;
import org.synscan.net.NextHop;
import org.synscan.net.Privileges;
import org.synscan.output.NormalReport;
import org.synscan.output.ScanInfo;
import org.synscan.output.ScanSummary;
import org.synscan.plan.ScanPlan;
import org.synscan.plan.ScanRunner;
import org.synscan.plan.Timing;
import org.synscan.result.HostResult;
import org.synscan.result.Protocol;
import org.synscan.result.ScanResults;
import org.synscan.target.AddressSet;
import org.synscan.target.Services;

/**
 * Runs a real scan for a plan: checks rights and libpcap, plans the next hop, opens the wire, runs
 * the engine and writes the report. Whatever stops the scan (a failure, Ctrl-C), the results found
 * so far are written before the error is reported.
 */
final class EngineRunner implements ScanRunner {
    private final Services services;

    EngineRunner(Services services) {
        this.services = services;
    }

    @Override
    public int run(ScanPlan plan, PrintWriter out, PrintWriter err) throws Exception {
        if (plan.targets().size() == 0) {
            out.println("WARNING: No targets were specified, so 0 hosts scanned.");
            return 0;
        }
        Privileges.current().require();
        LibpcapCheck.version();
        NextHop hop = planHop(plan);
        Timing t = plan.timing();
        EngineConfig config = new EngineConfig(t.rate(), t.minRate(), t.maxRetries(), t.initialRtt(), t.minRtt(),
                t.maxRtt(), EngineConfig.defaultOutstanding(t.rate()));
        ScanResults results = new ScanResults(plan.ipv6());
        NormalReport report = new NormalReport(services::name, plan.display().reason(), plan.display().openOnly(),
                plan.display().verbosity());
        ScanInfo info = new ScanInfo(Main.VERSION, "", ZonedDateTime.now());
        report.header(out, info);
        out.flush();
        if (plan.display().verbosity() > 0) {
            err.println("synscan: " + hop);
            results.addListener((hi, lo, r) -> {
                if (r.state() == org.synscan.result.PortState.OPEN) {
                    out.printf("Discovered open port %d/%s on %s%n", r.port(), r.protocol().label(),
                            AddressSet.format(plan.ipv6(), hi, lo));
                }
            });
        }
        long start = System.nanoTime();
        Wire wire = Wire.open(hop, plan.ports().has(Protocol.TCP), plan.ports().has(Protocol.UDP),
                plan.network().sourcePort().orElse(-1), plan.network().ttl(), t.maxRetries());
        Scan scan = new Scan(config, new OrderSupply(plan.newOrder()), wire.channel(), wire.answers(), results);
        CountDownLatch written = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            scan.requestStop();
            try {
                // let the main thread drain and write what was found before the JVM goes
                written.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "synscan-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        RuntimeException failure = null;
        try {
            scan.run();
        } catch (ScanFailure e) {
            failure = e;
        } finally {
            wire.close();
        }
        try {
            double seconds = (System.nanoTime() - start) / 1e9;
            List<HostResult> hosts = results.hosts();
            for (HostResult h : hosts) {
                report.host(out, h);
            }
            ScanSummary summary = new ScanSummary(plan.targets().size(), hosts.size(), seconds,
                    scan.counters().sent(), scan.counters().retries(), scan.counters().answers(), scan.invalidReplies(),
                    scan.counters().duplicates(), scan.captureDrops(), scan.inFlight());
            report.footer(out, summary);
            out.println("           " + NormalReport.statistics(summary));
            out.flush();
        } finally {
            written.countDown();
            if (failure == null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(onSignal);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C came in while writing: the hook is already running
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return 0;
    }

    private static NextHop planHop(ScanPlan plan) {
        AddressSet targets = plan.targets();
        ScanPlan.Network n = plan.network();
        LinkOverrides overrides = new LinkOverrides(n.interfaceName().orElse(null),
                n.sourceAddress().map(IpAddr::of).orElse(null),
                n.sourceMac().map(m -> m.bits()).orElse(Mac.NONE), n.routerMac().map(m -> m.bits()).orElse(Mac.NONE));
        NextHop first = LinkPlanner.resolve(targets.highAt(0), targets.lowAt(0), plan.ipv6(), overrides);
        long last = targets.size() - 1;
        if (last > 0 && first.gateway() == null && overrides.routerMac() == Mac.NONE && !first.loopback()) {
            // every on-link host has its own MAC; one template holds one: refuse rather than probe the wrong box
            throw new ScanFailure("scanning several on-link hosts (" + AddressSet.format(plan.ipv6(), targets.highAt(0),
                    targets.lowAt(0)) + " ...) is not supported yet: scan them one at a time, or give --router-mac");
        }
        return first;
    }
}
