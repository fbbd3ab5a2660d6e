package org.synscan.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.synscan.output.LiveOutput;
import org.synscan.output.ReportSet;
import org.synscan.output.ResultFeed;
import org.synscan.output.ResumeJournal;
import org.synscan.output.ScanInfo;
import org.synscan.output.ScanSummary;
import org.synscan.output.StateFolding;
import org.synscan.plan.OutputSpec;
import org.synscan.plan.ScanRunner;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;
import org.synscan.result.ScanResults;
import org.synscan.target.Services;

/**
 * Loads what a scan loads, so the launcher can record it in a class-data-sharing archive
 * ({@code -XX:ArchiveClassesAtExit}): later JVMs map the classes instead of parsing and verifying
 * them, which is most of synscan's start-up time. Sends nothing and needs no privileges.
 */
public final class Warmup {
    private Warmup() {
    }

    public static void main(String[] args) throws IOException {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        CliContext system = CliContext.system(ScanRunner.NOT_IMPLEMENTED);
        // the command line and planner, as a real run parses them
        Main.run(new String[] {"-sL", "-sS", "-sU", "198.18.0.0/30", "-p", "T:1-100,U:53", "--reason", "-v",
                "--seed", "1"}, nowhere, nowhere, system);
        // what a scan runs besides: the JDK classes of these paths (processes, NIO, security, time,
        // records, streams) are otherwise loaded from the runtime image at every start, and are most
        // of what a scan loads outside the archive
        tryQuietly(Preload::run); // natives, the seed source, interfaces and routes
        tryQuietly(Warmup::reports);
        // every class of synscan and of the libraries it calls into on the hot path
        for (String path : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (path.endsWith("synscan.jar") || path.contains("picocli") || path.contains("/jna-")) {
                load(path);
            }
        }
    }

    /**
     * Writes every output format and a resume journal for a made-up scan of two hosts, into a
     * temporary directory that is deleted afterwards.
     */
    private static void reports() throws IOException {
        Path dir = Files.createTempDirectory("synscan-warmup");
        try {
            ScanResults results = new ScanResults(false);
            ResultFeed feed = new ResultFeed();
            results.addListener(feed);
            List<OutputSpec> specs = new ArrayList<>();
            for (OutputSpec.Format f : OutputSpec.Format.values()) {
                specs.add(new OutputSpec(f, dir.resolve("w." + f.name()).toString()));
            }
            PrintWriter out = new PrintWriter(Writer.nullWriter());
            Services services = Services.system();
            ReportSet reports = ReportSet.open(specs, out, services::lookup, true, new StateFolding(false, 0), 1, null);
            ResumeJournal journal = ResumeJournal.create(dir.resolve("w.resume"), List.of("warmup"), 1, "warmup");
            LiveOutput live = new LiveOutput(reports, results, feed, journal, 40);
            live.start(new ScanInfo(Main.VERSION, "synscan warmup", ZonedDateTime.now(), "1-40", 40, null, 0, 1, false,
                    "02:00:5C:A0:00:01"), null);
            for (int host = 0; host < 2; host++) {
                for (int port = 1; port <= 40; port++) {
                    PortState state = port % 7 == 0 ? PortState.OPEN : port % 11 == 0 ? PortState.FILTERED
                            : PortState.CLOSED;
                    Reason reason = state == PortState.OPEN ? Reason.SYN_ACK
                            : state == PortState.FILTERED ? Reason.NO_RESPONSE : Reason.RESET;
                    results.record(0, 0xC6120002L + host, new PortResult(Protocol.TCP, port, state, reason, 64), 900_000);
                }
            }
            live.finish(new ScanSummary(2, 2, 0.5, 80, 0, 74, 0, 0, 0, 0, 0, 0), ZonedDateTime.now(), true);
            reports.close(out);
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** A warm-up step that fails (no nmap-services, no libpcap, a read-only /tmp) just archives less. */
    private static void tryQuietly(Step step) {
        try {
            step.run();
        } catch (Exception | LinkageError e) {
            // nothing to report: the archive is an optimisation
        }
    }

    private static void load(String jarPath) throws IOException {
        ClassLoader loader = Warmup.class.getClassLoader();
        try (JarFile jar = new JarFile(jarPath)) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && !name.contains("module-info") && !name.startsWith("META-INF")) {
                    try {
                        Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                    } catch (Throwable ignored) {
                        // a class for another platform or an optional dependency: not ours to load
                    }
                }
            }
        }
    }
}
