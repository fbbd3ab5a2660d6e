package org.synscan.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.synscan.UsageException;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;
import org.synscan.target.IpAddress;

/**
 * A resume file read back (see {@link ResumeJournal}): the command line to run again, every result
 * it logged, and what the outputs held at its last checkpoint. A line a crash cut short is ignored,
 * so is everything after it.
 *
 * @param args        the interrupted scan's arguments
 * @param seed        its probe-order seed
 * @param fingerprint what it scanned (targets, ports, shard), to refuse a changed target list
 * @param results     every settled result, in the order they settled
 * @param replayFrom  index in {@code results} of the first result the outputs may lack (logged after
 *                    the last checkpoint)
 * @param reported    hosts whose complete report is in the outputs up to the last checkpoint
 * @param latency     round-trip time per host, where the file says
 * @param lengths     each output file's length at the last checkpoint (spec order, -1 = standard
 *                    output), or null when there was none: then the outputs start over
 */
public record ResumeState(List<String> args, long seed, String fingerprint, List<Logged> results, int replayFrom,
        Set<Key> reported, Map<Key, Long> latency, long[] lengths) {

    /** A host address as the file names it. */
    public record Key(long hi, long lo) {
    }

    /** One logged result. */
    public record Logged(long hi, long lo, PortResult result) {
    }

    public static ResumeState load(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException("--resume " + path + ": no such file");
        } catch (IOException e) {
            throw new UsageException("--resume " + path + ": cannot read it: " + e.getMessage());
        }
        int end = text.lastIndexOf('\n') + 1; // a crash may have cut the last line
        String[] lines = text.substring(0, end).split("\n");
        if (lines.length == 0 || !lines[0].equals(ResumeJournal.MAGIC)) {
            throw new UsageException("--resume " + path + ": not a synscan resume file");
        }
        try {
            return parse(lines);
        } catch (RuntimeException e) {
            throw new UsageException("--resume " + path + ": damaged resume file (" + e.getMessage() + ")");
        }
    }

    private static ResumeState parse(String[] lines) {
        List<String> args = new ArrayList<>();
        Long seed = null;
        String fingerprint = null;
        List<Logged> results = new ArrayList<>();
        Set<Key> reported = new HashSet<>();
        Set<Key> reportedSinceCheckpoint = new HashSet<>();
        Map<Key, Long> latency = new HashMap<>();
        long[] lengths = null;
        int replayFrom = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            switch (f[0]) {
                case "arg" -> args.add(ResumeJournal.unescape(f[1]));
                case "seed" -> seed = Long.parseUnsignedLong(f[1]);
                case "space" -> fingerprint = ResumeJournal.unescape(f[1]);
                case "R" -> {
                    IpAddress a = address(f[1]);
                    results.add(new Logged(a.hi(), a.lo(), new PortResult(protocol(f[2]), Integer.parseInt(f[3]),
                            state(f[4]), reason(f[5]), Integer.parseInt(f[6]))));
                }
                case "H" -> {
                    IpAddress a = address(f[1]);
                    Key k = new Key(a.hi(), a.lo());
                    reportedSinceCheckpoint.add(k);
                    long nanos = Long.parseLong(f[2]);
                    if (nanos >= 0) {
                        latency.put(k, nanos);
                    }
                }
                case "W" -> {
                    lengths = new long[f.length - 1];
                    for (int j = 1; j < f.length; j++) {
                        lengths[j - 1] = Long.parseLong(f[j]);
                    }
                    replayFrom = results.size();
                    reported.addAll(reportedSinceCheckpoint);
                    reportedSinceCheckpoint.clear();
                }
                default -> throw new IllegalArgumentException("unknown line " + (i + 1));
            }
        }
        if (seed == null || fingerprint == null) {
            throw new IllegalArgumentException("no seed or scan description");
        }
        return new ResumeState(List.copyOf(args), seed, fingerprint, results, replayFrom, reported, latency, lengths);
    }

    private static IpAddress address(String s) {
        return IpAddress.parseLiteral(s).orElseThrow(() -> new IllegalArgumentException("bad address " + s));
    }

    private static Protocol protocol(String s) {
        return Protocol.valueOf(s.toUpperCase(Locale.ROOT));
    }

    private static PortState state(String s) {
        for (PortState v : PortState.values()) {
            if (v.label().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("bad state " + s);
    }

    private static Reason reason(String s) {
        for (Reason v : Reason.values()) {
            if (v.label().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("bad reason " + s);
    }
}
