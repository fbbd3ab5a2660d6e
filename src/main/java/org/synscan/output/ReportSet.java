package org.synscan.output;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.synscan.ScanFailure;
import org.synscan.plan.OutputSpec;
import org.synscan.result.HostResult;
import org.synscan.result.PortResult;

/**
 * Every report of a run: the -o files, and the normal report on standard output unless an -o
 * option claimed standard output ("-oX -" prints XML instead, as nmap does). Files are opened before
 * the scan starts, so an unwritable path fails before a single probe is sent; a write error later
 * (disk full) is reported after every other output was completed.
 *
 * <p>A resumed run reopens the files: normal, grepable and JSON files are cut back to the length
 * the last checkpoint recorded and appended to; the XML file is written anew, since a second
 * document appended to the first would not be XML.
 */
public final class ReportSet implements Report {
    /** Which outputs a host goes to. */
    public enum Audience {
        /** every report */
        ALL,
        /** only the reports that rewrite the whole file on resume (XML) */
        REWRITTEN
    }

    private static final class Open {
        final Report report;
        final PrintWriter writer;
        final String name;
        final Counting bytes;
        final boolean rewritten;
        /** index in the specs, -1 for the normal report standard output gets by default */
        final int spec;

        Open(Report report, PrintWriter writer, String name, Counting bytes, boolean rewritten, int spec) {
            this.spec = spec;
            this.report = report;
            this.writer = writer;
            this.name = name;
            this.bytes = bytes;
            this.rewritten = rewritten;
        }
    }

    private final List<Open> reports;

    private ReportSet(List<Open> reports) {
        this.reports = reports;
    }

    public static ReportSet open(List<OutputSpec> specs, PrintWriter stdout, ServiceNames services, boolean reason,
            StateFolding folding) {
        return open(specs, stdout, services, reason, folding, 0, null);
    }

    /**
     * @param verbosity -v count: when > 0 the terminal's report announces open ports as found (as
     *                  nmap, only when standard output is not claimed by an -o option)
     * @param lengths   on resume, the length to cut each spec's file back to (-1: start it anew), in
     *                  spec order; null for a new scan
     */
    public static ReportSet open(List<OutputSpec> specs, PrintWriter stdout, ServiceNames services, boolean reason,
            StateFolding folding, int verbosity, long[] lengths) {
        List<Open> reports = new ArrayList<>();
        boolean stdoutClaimed = specs.stream().anyMatch(OutputSpec::toStdout);
        if (!stdoutClaimed) {
            reports.add(new Open(new NormalReport(stdout, services, reason, folding, verbosity > 0), stdout,
                    "standard output", null, false, -1));
        }
        try {
            for (int i = 0; i < specs.size(); i++) {
                OutputSpec spec = specs.get(i);
                boolean rewritten = spec.format() == OutputSpec.Format.XML;
                Counting bytes = null;
                PrintWriter w = stdout;
                if (!spec.toStdout()) {
                    long keep = lengths == null || rewritten || i >= lengths.length ? -1 : lengths[i];
                    bytes = file(spec.path(), keep);
                    w = new PrintWriter(new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8),
                            1 << 16));
                }
                reports.add(new Open(create(spec.format(), w, services, reason, folding), w,
                        spec.toStdout() ? "standard output" : spec.path(), bytes, rewritten, i));
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
            case GREPABLE -> new GrepableReport(w, services, folding);
            case JSON -> new JsonReport(w, services, folding.openOnly());
        };
    }

    /** Opens {@code path} for writing: cut back to {@code keep} bytes and appended to, or emptied when keep < 0. */
    private static Counting file(String path, long keep) {
        try {
            FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.WRITE, StandardOpenOption.CREATE);
            long start = keep < 0 ? 0 : Math.min(keep, ch.size());
            ch.truncate(start);
            ch.position(start);
            return new Counting(Channels.newOutputStream(ch), start);
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
    public void port(boolean ipv6, long hi, long lo, PortResult result, long epochMillis) {
        // indexed: called for every result, and an iterator each time is garbage for the GC
        for (int i = 0; i < reports.size(); i++) {
            reports.get(i).report.port(ipv6, hi, lo, result, epochMillis);
        }
    }

    @Override
    public void host(HostResult host) {
        host(host, Audience.ALL);
    }

    public void host(HostResult host, Audience audience) {
        for (Open o : reports) {
            if (audience == Audience.ALL || o.rewritten) {
                o.report.host(host);
            }
        }
    }

    @Override
    public void end(ScanSummary summary, ZonedDateTime finished) {
        for (Open o : reports) {
            o.report.end(summary, finished);
        }
    }

    /** Pushes everything written so far to the files and the terminal. */
    public void flush() {
        for (Open o : reports) {
            o.writer.flush();
        }
    }

    /**
     * The byte length of each spec's file as of the last {@link #flush()}, in spec order; -1 for
     * standard output.
     */
    public long[] lengths() {
        List<Long> out = new ArrayList<>();
        for (Open o : reports) {
            if (o.spec >= 0) {
                out.add(o.bytes == null ? -1 : o.bytes.count);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
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

    /** Counts the bytes that reach the file, so a checkpoint knows where each file's last whole record ends. */
    private static final class Counting extends FilterOutputStream {
        volatile long count;

        Counting(OutputStream out, long start) {
            super(out);
            this.count = start;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
