package org.synscan.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.synscan.ScanFailure;
import org.synscan.UsageException;
import org.synscan.plan.OutputSpec;
import org.synscan.plan.ScanPlan;
import org.synscan.target.ProbeOrder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/** The synscan command line: nmap's flags, a {@link ScanPlan}, then -sL or the engine. */
final class ScanCommand {
    /**
     * Flags parsed and planned but whose engine does not exist yet: refused with exit 2 rather than
     * silently ignored. Remove a flag from here when its implementation lands.
     */
    static final List<String> NOT_IMPLEMENTED = List.of();

    List<String> positional = new ArrayList<>();

    Options.Targets targets = new Options.Targets();

    Options.Ports ports = new Options.Ports();

    Options.Techniques techniques = new Options.Techniques();

    Options.Timing timing = new Options.Timing();

    Options.Spoofing spoofing = new Options.Spoofing();

    Options.Output output = new Options.Output();

    Options.Misc misc = new Options.Misc();

    /** The command's picocli model, bound to this object's fields. */
    CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("synscan").version("synscan " + Main.VERSION);
        spec.usageMessage().sortOptions(false).width(100)
                .customSynopsis("synscan [Scan Type(s)] [Options] {target specification}")
                .description("Raw-packet TCP SYN and UDP port scanner for IPv4 and IPv6, with nmap's flags.")
                .footerHeading("%nEXAMPLES:%n")
                .footer(FOOTER);
        spec.addPositional(PositionalParamSpec.builder().paramLabel("TARGET").arity("0..*").hidden(true)
                .type(List.class).auxiliaryTypes(String.class)
                .getter(FlagSpecs.getter(() -> positional))
                // picocli resets the list to null before parsing; none given means an empty list here
                .setter(FlagSpecs.<List<String>>setter(v -> positional = v == null ? new ArrayList<>() : v))
                .build());
        spec.addArgGroup(targets.spec());
        spec.addArgGroup(ports.spec());
        spec.addArgGroup(techniques.spec());
        spec.addArgGroup(timing.spec());
        spec.addArgGroup(spoofing.spec());
        spec.addArgGroup(output.spec());
        spec.addArgGroup(misc.spec());
        return spec;
    }

    private static final String[] FOOTER = {
        "  sudo synscan 127.0.0.1 -p-                       all TCP ports of this machine",
        "  sudo synscan -6 ::1 --top-ports 100 --reason     IPv6, the 100 most common ports, with reasons",
        "  sudo synscan 198.18.0.0/24 -p 22,80,443,U:53 --rate 50000 -oA out",
        "                                                   TCP and UDP; out.nmap, out.xml, out.gnmap",
        "  sudo synscan 198.18.0.0/16 -p 80,443 --open -oJ web.json",
        "                                                   only open ports, as JSON lines",
        "  sudo synscan --resume out.resume                 continue a scan stopped by Ctrl-C or a crash",
        "  synscan -sL 198.18.0.0/29 -p 22,80 --seed 7 --shard 2/3",
        "                                                   list shard 2 of 3 of the probes, send nothing",
        "  sudo synscan demo                                scan the built-in namespace lab",
        "",
        "While scanning, a status line on standard error (a terminal) shows progress; Ctrl-C stops,",
        "writes what was found to every output and says how to resume. The resume file sits beside",
        "the first output file (BASE.resume for -oA BASE), else synscan.resume, and is removed when",
        "the scan completes.",
        "",
        "Exit status: 0 done, 1 runtime failure (interface, libpcap, privileges), 2 bad usage."
    };

    /** Runs the parsed command; returns the exit code. */
    int execute(ParseResult parsed, CliContext ctx, PrintWriter out, PrintWriter err) throws Exception {
        for (String flag : NOT_IMPLEMENTED) {
            if (parsed.hasMatchedOption(flag)) {
                throw new UsageException(flag + " is not implemented yet");
            }
        }
        ScanPlan plan = new PlanBuilder(this, ctx).build();
        ProbeOrder order = plan.newOrder();
        if (plan.display().verbosity() > 0) {
            err.println("synscan: " + plan.targets().size() + " addresses x " + plan.ports().size() + " ports = "
                    + plan.space().size() + " probes" + (plan.shard().total() > 1
                    ? "; shard " + plan.shard() + " sends " + order.count() : ""));
            err.println("synscan: seed " + Long.toUnsignedString(plan.seed()));
            err.flush();
        }
        if (techniques.list) {
            return list(plan, order, out);
        }
        // The engine's hook: everything else about a real scan lives behind ScanRunner.
        return ctx.runner().run(plan, out, err);
    }

    private static int list(ScanPlan plan, ProbeOrder order, PrintWriter out) {
        OutputSpec file = plan.outputs().stream()
                .filter(o -> o.format() == OutputSpec.Format.NORMAL && !o.toStdout()).findFirst().orElse(null);
        if (file == null) {
            TargetLister.list(order, plan.ipv6(), out, null);
            return 0;
        }
        try (Writer copy = new BufferedWriter(Files.newBufferedWriter(Path.of(file.path()),
                StandardCharsets.UTF_8), 1 << 16)) {
            TargetLister.list(order, plan.ipv6(), out, copy);
        } catch (IOException e) {
            throw new ScanFailure("cannot write -oN " + file.path() + ": " + e.getMessage(), e);
        }
        return 0;
    }
}
