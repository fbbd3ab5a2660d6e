package org.synscan.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which processes hold which sockets: every /proc/PID/fd/N that links to "socket:[INODE]", as ss -p
 * and netstat -p find them. A process whose fd directory this user may not read (another user's,
 * unless we are root) is counted as hidden; one that exits while we look is simply gone.
 */
final class SocketOwners {
    /** A process holding a socket: its pid, its name (/proc/PID/comm) and the descriptor number. */
    record Owner(long pid, String program, int fd) {
        /** "812/sshd", as netstat prints it. */
        @Override
        public String toString() {
            return pid + "/" + program;
        }
    }

    private static final Comparator<Owner> ORDER = Comparator.comparingLong(Owner::pid).thenComparingInt(Owner::fd);
    private static final String PREFIX = "socket:[";

    private final Map<Long, List<Owner>> byInode;
    private final int hidden;

    private SocketOwners(Map<Long, List<Owner>> byInode, int hidden) {
        this.byInode = byInode;
        this.hidden = hidden;
    }

    /** Scans {@code proc} (normally /proc) for holders of the given socket inodes. */
    static SocketOwners scan(Path proc, Set<Long> inodes) {
        Map<Long, List<Owner>> found = new HashMap<>();
        int hidden = 0;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, SocketOwners::isPidDir)) {
            for (Path dir : pids) {
                if (!scanProcess(dir, inodes, found)) {
                    hidden++;
                }
            }
        } catch (IOException e) {
            // no /proc at all: every owner is unknown, which the listing shows as "-"
            return new SocketOwners(Map.of(), 0);
        }
        found.values().forEach(list -> list.sort(ORDER));
        return new SocketOwners(found, hidden);
    }

    /** False when the process's descriptors cannot be read (permission). */
    private static boolean scanProcess(Path dir, Set<Long> inodes, Map<Long, List<Owner>> found) {
        long pid = Long.parseLong(dir.getFileName().toString());
        String program = null;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
            for (Path fd : fds) {
                long inode = socketInode(fd);
                if (inode < 0 || !inodes.contains(inode)) {
                    continue;
                }
                if (program == null) {
                    program = program(dir);
                }
                found.computeIfAbsent(inode, k -> new ArrayList<>())
                        .add(new Owner(pid, program, Integer.parseInt(fd.getFileName().toString())));
            }
            return true;
        } catch (NoSuchFileException e) {
            return true; // exited meanwhile
        } catch (IOException | RuntimeException e) {
            // a process that exits while its descriptors are listed is gone, not hidden
            return !Files.isDirectory(dir);
        }
    }

    /** The inode a descriptor link names, or -1 when it is not a socket (or closed meanwhile). */
    private static long socketInode(Path fd) {
        String target;
        try {
            target = Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
        if (!target.startsWith(PREFIX) || !target.endsWith("]")) {
            return -1;
        }
        try {
            return Long.parseLong(target, PREFIX.length(), target.length() - 1, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String program(Path dir) {
        try {
            // bytes, not readString: a name that is not valid UTF-8 must not lose the whole name
            return new String(Files.readAllBytes(dir.resolve("comm")), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static boolean isPidDir(Path p) {
        String name = p.getFileName().toString();
        return !name.isEmpty() && name.length() < 19 && name.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The processes holding socket {@code inode}, by pid; empty when none is visible. */
    List<Owner> of(long inode) {
        return byInode.getOrDefault(inode, List.of());
    }

    /** Processes whose descriptors could not be read. */
    int hidden() {
        return hidden;
    }
}
