package org.synscan.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.synscan.ScanFailure;
import org.synscan.result.Addresses;
import org.synscan.result.PortResult;

/**
 * Writes the resume file: the command line, then an append-only log of every settled result
 * ("R"), of every host whose report went to the outputs ("H"), and checkpoints ("W") that record how
 * long each output file was when everything logged before them had been written to it. A crash cuts
 * the file anywhere; {@link ResumeState} reads it up to its last whole line.
 *
 * <p>The file appears at the first {@link #persist()}: until then lines wait in memory, so short
 * scans leave no file behind. Used by the output writer thread only.
 */
public final class ResumeJournal {
    static final String MAGIC = "synscan-resume 1";

    private final Path path;
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder line = new StringBuilder(96);
    private Writer file;
    private String problem;

    private ResumeJournal(Path path) {
        this.path = path;
    }

    /** A new journal for a scan started with {@code args}; nothing is written to disk yet. */
    public static ResumeJournal create(Path path, List<String> args, long seed, String fingerprint) {
        ResumeJournal j = new ResumeJournal(path);
        j.pending.append(MAGIC).append('\n');
        for (String a : args) {
            j.pending.append("arg\t").append(escape(a)).append('\n');
        }
        j.pending.append("seed\t").append(Long.toUnsignedString(seed)).append('\n');
        j.pending.append("space\t").append(escape(fingerprint)).append('\n');
        return j;
    }

    /** Continues the journal of a resumed scan: drops a line a crash left half written, then appends. */
    public static ResumeJournal append(Path path) {
        ResumeJournal j = new ResumeJournal(path);
        try {
            byte[] all = Files.readAllBytes(path);
            int end = all.length;
            while (end > 0 && all[end - 1] != '\n') {
                end--;
            }
            FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE);
            ch.truncate(end);
            ch.position(end);
            j.file = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8),
                    1 << 16);
        } catch (IOException e) {
            throw new ScanFailure("cannot write the resume file " + path + ": " + e.getMessage(), e);
        }
        return j;
    }

    public Path path() {
        return path;
    }

    /** Characters logged and waiting for the file (0 once it exists). */
    public int pendingChars() {
        return pending.length();
    }

    /** True once the file exists on disk. */
    public boolean persisted() {
        return file != null;
    }

    public void result(boolean ipv6, long hi, long lo, PortResult r) {
        line.setLength(0);
        line.append("R\t");
        org.synscan.target.AddressSet.appendTo(line, ipv6, hi, lo).append('\t').append(r.protocol().label())
                .append('\t').append(r.port()).append('\t').append(r.state().label()).append('\t')
                .append(r.reason().label()).append('\t').append(r.ttl()).append('\n');
        write(line);
    }

    /** The host's report (complete) went to every output. */
    public void hostReported(boolean ipv6, long hi, long lo, long latencyNanos) {
        line.setLength(0);
        line.append("H\t").append(Addresses.format(ipv6, hi, lo)).append('\t').append(latencyNanos).append('\n');
        write(line);
    }

    /**
     * A checkpoint: every line above is reflected in the outputs, whose files are {@code lengths}
     * bytes long (spec order, -1 for standard output). Flushes to the file when it exists.
     */
    public void checkpoint(long[] lengths) {
        line.setLength(0);
        line.append('W');
        for (long n : lengths) {
            line.append('\t').append(n);
        }
        write(line.append('\n'));
        if (file != null) {
            try {
                file.flush();
            } catch (IOException e) {
                broke(e);
            }
        }
    }

    /** Creates the file with everything logged so far; later lines go straight to it. */
    public void persist() {
        if (file != null || problem != null) {
            return;
        }
        try {
            file = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            file.append(pending);
            file.flush();
        } catch (IOException | RuntimeException e) {
            broke(e);
        }
        pending.setLength(0);
        pending.trimToSize();
    }

    /**
     * Why the file could not be written, or null. A resume file that cannot be written does not stop
     * the scan: the journal goes quiet and the scan just cannot be resumed.
     */
    public String problem() {
        return problem;
    }

    private void broke(Exception e) {
        if (problem == null) {
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
        file = null;
    }

    /** Closes the file; with {@code delete} it is removed (the scan finished: nothing to resume). */
    public void close(boolean delete) {
        try {
            if (file != null) {
                file.close();
            }
            if (delete && (file != null || problem == null)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            broke(e);
        }
        file = null;
    }

    private void write(CharSequence s) {
        if (problem != null) {
            return;
        }
        if (file == null) {
            pending.append(s);
            return;
        }
        try {
            file.append(s);
        } catch (IOException e) {
            broke(e);
        }
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
