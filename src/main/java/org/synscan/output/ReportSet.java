package org.synscan.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.synscan.ScanFailure;
import org.synscan.plan.OutputSpec;
import org.synscan.result.HostResult;

/**
 * Every report of a run: the -o files, and the normal report on standard output unless an -o
 * option claimed standard output ("-oX -" prints XML instead, as nmap does). Files are opened before
 * the scan starts, so an unwritable path fails before a single probe is sent; a write error later
 * (disk full) is reported after every other output was completed.
 */
public final class ReportSet implements Report {
    private record Open(Report report, PrintWriter writer, String name) {
    }

    private final List<Open> reports;

    private ReportSet(List<Open> reports) {
        this.reports = reports;
    }

    public static ReportSet open(List<OutputSpec> specs, PrintWriter stdout, ServiceNames services, boolean reason,
            StateFolding folding) {
        List<Open> reports = new ArrayList<>();
        boolean stdoutClaimed = specs.stream().anyMatch(OutputSpec::toStdout);
        if (!stdoutClaimed) {
            reports.add(new Open(new NormalReport(stdout, services, reason, folding), stdout, "standard output"));
        }
        try {
            for (OutputSpec spec : specs) {
                PrintWriter w = spec.toStdout() ? stdout : file(spec.path());
                reports.add(new Open(create(spec.format(), w, services, reason, folding), w,
                        spec.toStdout() ? "standard output" : spec.path()));
            }
        } catch (RuntimeException e) {
            new ReportSet(reports).closeFiles(stdout);
            throw e;
        }
        return new ReportSet(reports);
    }

    private static Report create(OutputSpec.Format format, PrintWriter w, ServiceNames services, boolean reason,
            StateFolding folding) {
        return switch (format) {
            case NORMAL -> new NormalReport(w, services, reason, folding);
            case XML -> new XmlReport(w, services, folding);
            default -> throw new ScanFailure(format.flag() + " is not implemented yet");
        };
    }

    private static PrintWriter file(String path) {
        try {
            return new PrintWriter(new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(Path.of(path)),
                    StandardCharsets.UTF_8), 1 << 16));
        } catch (IOException | RuntimeException e) {
            throw new ScanFailure("cannot write " + path + ": " + reasonOf(e));
        }
    }

    @Override
    public void begin(ScanInfo info) {
        for (Open o : reports) {
            o.report.begin(info);
            o.writer.flush();
        }
    }

    @Override
    public void host(HostResult host) {
        for (Open o : reports) {
            o.report.host(host);
        }
    }

    @Override
    public void end(ScanSummary summary, ZonedDateTime finished) {
        for (Open o : reports) {
            o.report.end(summary, finished);
        }
    }

    /**
     * Flushes and closes the files (not standard output); throws ScanFailure naming the first output
     * that could not be written completely.
     */
    public void close(PrintWriter stdout) {
        String failed = closeFiles(stdout);
        if (failed != null) {
            throw new ScanFailure("could not write all of " + failed + " (disk full?)");
        }
    }

    private String closeFiles(PrintWriter stdout) {
        String failed = null;
        for (Open o : reports) {
            o.writer.flush();
            if (o.writer != stdout) {
                o.writer.close();
                if (o.writer.checkError() && failed == null) {
                    failed = o.name;
                }
            }
        }
        return failed;
    }

    private static String reasonOf(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
