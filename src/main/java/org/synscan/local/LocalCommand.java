package org.synscan.local;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.synscan.ScanFailure;
import org.synscan.UsageException;
import org.synscan.net.Privileges;
import org.synscan.target.Services;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code synscan local}: this machine's listening TCP and bound UDP sockets, IPv4 and IPv6, with
 * service names and owning processes, like {@code ss -ltnup}; no privileges needed (without root,
 * other users' processes stay hidden and one line says so). {@code --exposure} (root) also probes
 * each socket at its own address through the loopback interface and says whether it is reachable,
 * refused or filtered by the local firewall. {@code -oJ FILE|-} writes JSON lines.
 */
public final class LocalCommand {
    private final Services services;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Path proc;
    private final ByteOrder order;
    private final boolean root;
    private final RouteCheck routes;
    private final Prober prober;

    @Command(name = "synscan local", sortOptions = false, usageHelpWidth = 100,
            description = {"This machine's listening TCP and bound UDP sockets (IPv4 and IPv6) with service and"
                    + " PID/program, as ss -ltnup lists them. Without root, other users' processes are hidden.",
                "With --exposure (root), each socket is also probed at the address it is bound to (127.0.0.1 or"
                    + " ::1 for a wildcard), through the loopback interface only, and shown as open (reachable),"
                    + " closed (refused), filtered (by the local firewall) or, for UDP, open|filtered."},
            footerHeading = "%nEXAMPLES:%n",
            footer = {"  synscan local", "  sudo synscan local --exposure", "  synscan local -oJ -"})
    static final class Flags {
        @Option(names = "--exposure", description = "Probe each socket at its own address (needs root)")
        boolean exposure;

        @Option(names = "-oJ", paramLabel = "FILE", description = "JSON lines to FILE ('-' for standard output)")
        String json;

        @Option(names = "--debug", description = "Show stack traces")
        boolean debug;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit")
        boolean help;
    }

    /** The real machine: /proc, its byte order, `ip route get` and the scan engine. */
    public LocalCommand(Services services, PrintWriter out, PrintWriter err) {
        this(services, out, err, Path.of("/proc"), ByteOrder.nativeOrder(), Privileges.current().isRoot(),
                new IpRouteGet(), new EngineProber());
    }

    LocalCommand(Services services, PrintWriter out, PrintWriter err, Path proc, ByteOrder order, boolean root,
            RouteCheck routes, Prober prober) {
        this.services = services;
        this.out = out;
        this.err = err;
        this.proc = proc;
        this.order = order;
        this.root = root;
        this.routes = routes;
        this.prober = prober;
    }

    /**
     * Runs {@code synscan local ARGS} (the words after "local"); returns the exit code.
     *
     * @throws UsageException bad flags (exit 2)
     * @throws ScanFailure    --exposure without rights, an unwritable -oJ file (exit 1)
     */
    public int run(String[] args) throws InterruptedException {
        Flags flags = new Flags();
        CommandLine cl = new CommandLine(flags);
        cl.setOut(out);
        cl.setErr(err);
        try {
            cl.parseArgs(args);
        } catch (ParameterException e) {
            String m = e.getMessage();
            throw new UsageException(Character.toLowerCase(m.charAt(0)) + m.substring(1)
                    + " (see synscan local --help)");
        }
        if (cl.isUsageHelpRequested()) {
            cl.setSeparator(" ");
            cl.usage(out);
            return 0;
        }
        if (flags.json != null && flags.json.isEmpty()) {
            throw new UsageException("-oJ: needs a file name ('-' for standard output)");
        }
        if (flags.exposure) {
            prober.requireReady();
        }
        boolean jsonToStdout = "-".equals(flags.json);
        try (PrintWriter json = openJson(flags.json)) {
            LocalListing listing = LocalListing.read(proc, order, services);
            List<LocalEntry> entries = listing.entries();
            List<Exposure> exposures = flags.exposure ? new ExposureCheck(routes, prober, err).check(entries) : null;
            if (jsonToStdout) {
                JsonLines.write(entries, exposures, out);
            } else {
                LocalTable.write(entries, exposures, out);
                if (exposures != null) {
                    LocalTable.writeNotes(entries, exposures, out);
                }
            }
            if (json != null) {
                JsonLines.write(entries, exposures, json);
                if (json.checkError()) {
                    throw new ScanFailure("cannot write -oJ " + flags.json + " (disk full?)");
                }
            }
            hiddenHint(listing.hiddenProcesses());
        }
        return 0;
    }

    /** The -oJ file, or null when there is none or it is standard output. */
    private static PrintWriter openJson(String path) {
        if (path == null || path.equals("-")) {
            return null;
        }
        try {
            return new PrintWriter(new BufferedWriter(Files.newBufferedWriter(Path.of(path), StandardCharsets.UTF_8),
                    1 << 16));
        } catch (IOException | RuntimeException e) {
            throw new ScanFailure("cannot write -oJ " + path + ": " + e.getMessage(), e);
        }
    }

    private void hiddenHint(int hidden) {
        if (hidden == 0) {
            return;
        }
        String processes = hidden == 1 ? "1 process" : hidden + " processes";
        if (!root) {
            err.println("synscan: the sockets of " + processes + " of other users are hidden from you:"
                    + " run as root (sudo synscan local) to see every PID/program");
        } else {
            err.println("synscan: the descriptors of " + processes + " could not be read: their sockets"
                    + " show no PID/program");
        }
    }
}
