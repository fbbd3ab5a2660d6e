package org.synscan.cli;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.synscan.UsageException;
import org.synscan.plan.MacAddress;
import org.synscan.plan.OutputSpec;
import org.synscan.plan.OutputSpec.Format;
import org.synscan.plan.ScanPlan;
import org.synscan.net.SendPath;
import org.synscan.plan.Timing;
import org.synscan.target.AddressSet;
import org.synscan.target.IpAddress;
import org.synscan.target.PortList;
import org.synscan.target.PortParser;
import org.synscan.target.PortRequest;
import org.synscan.target.ScanSpace;
import org.synscan.target.Shard;
import org.synscan.target.TargetParser;

/** Validates the parsed flags and builds the immutable {@link ScanPlan}. */
final class PlanBuilder {
    private final ScanCommand c;
    private final CliContext ctx;

    PlanBuilder(ScanCommand command, CliContext ctx) {
        this.c = command;
        this.ctx = ctx;
    }

    ScanPlan build() {
        Timing timing = timing();
        ScanPlan.Network network = network();
        List<OutputSpec> outputs = outputs();
        Shard shard = c.misc.shard == null ? Shard.ALL : Shard.parse(c.misc.shard.trim());
        if (shard.total() > 1 && c.misc.seed == null) {
            throw new UsageException("--shard " + shard + " needs --seed, so every shard follows the same order");
        }
        long seed = c.misc.seed != null ? FlagValues.seed(c.misc.seed) : ctx.randomSeed().getAsLong();
        PortList ports = ports();
        AddressSet targets = targets();
        new ScanSpace(targets, ports); // checks the probe count before anyone iterates
        ScanPlan.Display display = new ScanPlan.Display(c.output.verbose.length, c.output.open, c.output.reason,
                c.output.noDns, c.misc.debug, Optional.ofNullable(c.output.statsEvery)
                        .map(v -> FlagValues.time("--stats-every", v)));
        Optional<Path> resume = Optional.ofNullable(c.output.resume).map(Path::of);
        return new ScanPlan(targets, ports, seed, c.misc.seed != null, shard, timing, network, outputs, display,
                resume);
    }

    private Timing timing() {
        Options.Timing t = c.timing;
        int level = Timing.NORMAL;
        if (t.template != null) {
            level = Timing.levelOf(t.template.trim());
            if (level < 0) {
                throw FlagValues.bad("-T", t.template, "expected 0-5 or paranoid, sneaky, polite, normal, "
                        + "aggressive, insane");
            }
        }
        Timing timing = Timing.template(level);
        double minRate = t.minRate == null ? 0 : FlagValues.rate("--min-rate", t.minRate);
        if (t.rate != null) {
            double rate = FlagValues.rate("--rate", t.rate);
            if (minRate > rate) {
                throw new UsageException("--min-rate " + t.minRate + " is above --rate " + t.rate);
            }
            timing = timing.withRate(rate, minRate);
        } else {
            timing = timing.withRate(Math.max(timing.rate(), minRate), minRate);
        }
        if (t.maxRetries != null) {
            timing = timing.withMaxRetries(FlagValues.intIn("--max-retries", t.maxRetries, 0, 50));
        }
        if (t.hostTimeout != null) {
            timing = timing.withHostTimeout(FlagValues.time("--host-timeout", t.hostTimeout));
        }
        return timing;
    }

    private ScanPlan.Network network() {
        Options.Spoofing s = c.spoofing;
        Optional<InetAddress> source = Optional.empty();
        if (s.sourceAddress != null) {
            IpAddress a = IpAddress.parseLiteral(s.sourceAddress.trim()).orElseThrow(
                    () -> FlagValues.bad("-S", s.sourceAddress, "not an IPv4 or IPv6 address"));
            if (a.ipv6() != c.misc.ipv6) {
                throw FlagValues.bad("-S", s.sourceAddress, a.ipv6()
                        ? "is IPv6 but the targets are IPv4 (use -6 for IPv6)"
                        : "is IPv4 but -6 was given");
            }
            source = Optional.of(a.toInetAddress());
        }
        OptionalInt sourcePort = s.sourcePort == null ? OptionalInt.empty()
                : OptionalInt.of(FlagValues.intIn("-g", s.sourcePort, 1, 65535));
        int ttl = s.ttl == null ? ScanPlan.Network.DEFAULT_TTL : FlagValues.intIn("--ttl", s.ttl, 1, 255);
        SendPath sendPath = s.sendPath == null ? SendPath.AUTO : SendPath.parse(s.sendPath).orElseThrow(
                () -> FlagValues.bad("--send-path", s.sendPath, "not auto, batch or pcap"));
        return new ScanPlan.Network(Optional.ofNullable(s.iface).map(FlagValues::interfaceName), source, sourcePort,
                ttl, mac("--source-mac", s.sourceMac), mac("--router-mac", s.routerMac), sendPath);
    }

    private static Optional<MacAddress> mac(String flag, String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(MacAddress.parse(value.trim()).orElseThrow(
                () -> FlagValues.bad(flag, value, "not a MAC address (e.g. 02:00:5e:10:00:01)")));
    }

    private List<OutputSpec> outputs() {
        Options.Output o = c.output;
        List<OutputSpec> out = new ArrayList<>();
        add(out, Format.NORMAL, o.normal);
        add(out, Format.XML, o.xml);
        add(out, Format.GREPABLE, o.grepable);
        add(out, Format.JSON, o.json);
        if (o.all != null) {
            if (o.all.isEmpty() || o.all.equals("-")) {
                throw FlagValues.bad("-oA", o.all, "needs a base file name (stdout cannot hold three formats)");
            }
            add(out, Format.NORMAL, o.all + ".nmap");
            add(out, Format.XML, o.all + ".xml");
            add(out, Format.GREPABLE, o.all + ".gnmap");
        }
        long toStdout = out.stream().filter(OutputSpec::toStdout).count();
        if (toStdout > 1) {
            throw new UsageException("only one output format can go to standard output ('-')");
        }
        return out;
    }

    private static void add(List<OutputSpec> out, Format format, String path) {
        if (path == null) {
            return;
        }
        if (path.isEmpty()) {
            throw new UsageException(format.flag() + ": needs a file name");
        }
        out.add(new OutputSpec(format, path));
    }

    private PortList ports() {
        Options.Ports p = c.ports;
        int top = p.topPorts == null ? 0 : FlagValues.intIn("--top-ports", p.topPorts, 1, 65535);
        return new PortParser(ctx.services()).select(new PortRequest(p.ports, top, p.fast, p.excludePorts,
                c.techniques.syn, c.techniques.udp));
    }

    private AddressSet targets() {
        Options.Targets t = c.targets;
        if (c.positional.isEmpty() && t.inputFile == null) {
            throw new UsageException("no targets given (see synscan --help)");
        }
        TargetParser parser = new TargetParser(c.misc.ipv6, ctx.resolver(), ctx.stdin());
        AddressSet set = parser.parse(c.positional, t.inputFile, t.exclude, t.excludeFile);
        if (set.size() == 0) {
            throw new UsageException(t.exclude != null || t.excludeFile != null
                    ? "no targets left to scan after the exclusions" : "no targets given (see synscan --help)");
        }
        return set;
    }
}
