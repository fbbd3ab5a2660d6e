package org.synscan.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The capability sets of one thread of a running process, from /proc/PID/task/TID/status
 * (/proc/PID/status shows only the thread group leader's: sets belong to threads).
 */
record ThreadCaps(long tid, String name, long inheritable, long permitted, long effective, long ambient) {
    static final int CAP_NET_RAW = 13;

    /** Every thread of {@code pid} that still exists. */
    static List<ThreadCaps> of(long pid) throws IOException {
        List<ThreadCaps> threads = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    threads.add(parse(Long.parseLong(task.getFileName().toString()), name,
                            Files.readAllLines(task.resolve("status"))));
                } catch (IOException e) {
                    // the thread ended while we looked
                }
            }
        }
        return threads;
    }

    static ThreadCaps parse(long tid, String name, List<String> status) {
        long[] sets = new long[4];
        List<String> keys = List.of("CapInh:", "CapPrm:", "CapEff:", "CapAmb:");
        for (String line : status) {
            for (int i = 0; i < keys.size(); i++) {
                if (line.startsWith(keys.get(i))) {
                    sets[i] = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                }
            }
        }
        return new ThreadCaps(tid, name, sets[0], sets[1], sets[2], sets[3]);
    }

    boolean effectiveNetRaw() {
        return (effective & (1L << CAP_NET_RAW)) != 0;
    }

    /** What a program this thread starts would get: nothing, for a non-root thread without these. */
    boolean passesOn() {
        return inheritable != 0 || ambient != 0;
    }
}
