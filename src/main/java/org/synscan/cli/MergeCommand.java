package org.synscan.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.synscan.UsageException;
import org.synscan.output.ReportSet;
import org.synscan.output.ResultFiles;
import org.synscan.output.ScanInfo;
import org.synscan.output.ScanSummary;
import org.synscan.output.StateFolding;
import org.synscan.plan.OutputSpec;
import org.synscan.result.HostResult;
import org.synscan.result.PortResult;
import org.synscan.result.Protocol;
import org.synscan.result.ScanResults;
import org.synscan.target.PortList;
import org.synscan.target.Services;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code synscan merge FILE... [-oN|-oX|-oG|-oJ|-oA ...]}: the results of several runs (the shards of
 * one scan, typically) in one report. Reads synscan's JSON lines and nmap XML; a port reported twice
 * keeps its first result and is counted; the normal report goes to stdout unless an output claims it.
 */
@Command(name = "synscan merge", mixinStandardHelpOptions = false,
        description = "Merge the results of several scans (-oJ JSON lines or -oX XML, e.g. the shards of one scan)"
                + " into one report in any format.")
final class MergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "result files: -oJ JSON lines or -oX XML")
    List<Path> files = new ArrayList<>();
    @Option(names = "-oN", paramLabel = "FILE") String normal;
    @Option(names = "-oX", paramLabel = "FILE") String xml;
    @Option(names = "-oG", paramLabel = "FILE") String grepable;
    @Option(names = "-oJ", paramLabel = "FILE") String json;
    @Option(names = "-oA", paramLabel = "BASE") String all;
    @Option(names = "--open") boolean openOnly;
    @Option(names = "--reason") boolean reason;
    @Option(names = "-v") boolean[] verbose = new boolean[0];
    @Option(names = {"-h", "--help"}, usageHelp = true) boolean help;

    private final Services services;
    private final PrintWriter out;
    private final PrintWriter err;

    MergeCommand(Services services, PrintWriter out, PrintWriter err) {
        this.services = services;
        this.out = out;
        this.err = err;
    }

    static int run(String[] args, Services services, PrintWriter out, PrintWriter err) {
        MergeCommand c = new MergeCommand(services, out, err);
        CommandLine cl = new CommandLine(c);
        cl.setOut(out);
        cl.setErr(err);
        cl.parseArgs(args);
        if (cl.isUsageHelpRequested()) {
            cl.usage(out);
            return 0;
        }
        return c.call();
    }

    /** One port result read from a file. */
    private record Row(boolean ipv6, long hi, long lo, PortResult result) {
    }

    @Override
    public Integer call() {
        List<Row> rows = new ArrayList<>();
        long unexpanded = 0;
        for (Path f : files) {
            unexpanded += ResultFiles.read(f, (ipv6, hi, lo, r) -> {
                if (!rows.isEmpty() && rows.get(0).ipv6() != ipv6) {
                    throw new UsageException(f + " mixes IPv4 and IPv6 results with the files before it");
                }
                rows.add(new Row(ipv6, hi, lo, r));
            });
        }
        ScanResults merged = new ScanResults(!rows.isEmpty() && rows.get(0).ipv6());
        Set<String> seen = new HashSet<>();
        Set<Integer> tcpPorts = new TreeSet<>();
        Set<Integer> udpPorts = new TreeSet<>();
        long duplicates = 0;
        for (Row row : rows) {
            PortResult r = row.result();
            if (!seen.add(row.hi() + ":" + row.lo() + ":" + r.protocol() + ":" + r.port())) {
                duplicates++;
                continue;
            }
            (r.protocol() == Protocol.TCP ? tcpPorts : udpPorts).add(r.port());
            merged.record(row.hi(), row.lo(), r, -1);
        }
        ReportSet reports = ReportSet.open(outputs(), out, services::lookup, reason,
                new StateFolding(openOnly, verbose.length), verbose.length, null);
        reports.begin(new ScanInfo(Main.VERSION,
                "synscan merge " + String.join(" ", files.stream().map(Path::toString).toList()), ZonedDateTime.now(),
                spec(Protocol.TCP, tcpPorts), tcpPorts.size(), spec(Protocol.UDP, udpPorts), udpPorts.size(),
                verbose.length, false, null));
        List<HostResult> hosts = merged.hosts();
        long now = System.currentTimeMillis();
        for (HostResult h : hosts) {
            for (PortResult p : h.ports()) {
                reports.port(h.ipv6(), h.hi(), h.lo(), p, now); // the per-port formats (JSON lines)
            }
            reports.host(h);
        }
        reports.end(new ScanSummary(hosts.size(), hosts.size(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), ZonedDateTime.now());
        reports.close(out);
        if (duplicates > 0 || unexpanded > 0) {
            err.println("synscan: merged " + files.size() + " files: " + merged.total() + " port results"
                    + (duplicates > 0 ? ", " + duplicates + " reported twice (the first kept)" : "")
                    + (unexpanded > 0 ? ", " + unexpanded + " folded ports the XML does not list (left out)" : ""));
        }
        return 0;
    }

    private static String spec(Protocol p, Set<Integer> ports) {
        return ports.isEmpty() ? null : PortList.of(p, ports.stream().mapToInt(Integer::intValue).toArray()).spec(p);
    }

    private List<OutputSpec> outputs() {
        List<OutputSpec> specs = new ArrayList<>();
        if (normal != null) {
            specs.add(new OutputSpec(OutputSpec.Format.NORMAL, normal));
        }
        if (xml != null) {
            specs.add(new OutputSpec(OutputSpec.Format.XML, xml));
        }
        if (grepable != null) {
            specs.add(new OutputSpec(OutputSpec.Format.GREPABLE, grepable));
        }
        if (json != null) {
            specs.add(new OutputSpec(OutputSpec.Format.JSON, json));
        }
        if (all != null) {
            specs.add(new OutputSpec(OutputSpec.Format.NORMAL, all + ".nmap"));
            specs.add(new OutputSpec(OutputSpec.Format.XML, all + ".xml"));
            specs.add(new OutputSpec(OutputSpec.Format.GREPABLE, all + ".gnmap"));
        }
        return specs;
    }
}
