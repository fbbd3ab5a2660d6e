package org.synscan.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.synscan.target.Services;

/** The fixture /proc/net tables (written on a little-endian machine) and a fake /proc around them. */
final class LocalFixtures {
    private LocalFixtures() {
    }

    static Path netDir() {
        try {
            return Path.of(LocalFixtures.class.getResource("proc/net/tcp").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> lines(String table) {
        try {
            return Files.readAllLines(netDir().resolve(table));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Services services() {
        try {
            Path dir = Path.of(LocalFixtures.class.getResource("services.txt").toURI()).getParent();
            return Services.load(dir.resolve("services.txt"), dir.resolve("no-nmap-services"));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A /proc under {@code root}: the fixture tables in net/, and processes: 812 sshd holds the
     * listeners of port 22 (v4 and v6), 900 and 901 (nginx, a parent and its worker) share
     * 198.18.0.2:443, 600 systemd-resolve holds 127.0.0.53:53 over TCP and UDP, 1200 holds an
     * unrelated socket, a pipe and an eventfd; 1300's descriptors are unreadable; 1400 has exited.
     */
    static Path fakeProc(Path root) throws IOException {
        Path net = Files.createDirectories(root.resolve("net"));
        for (String t : List.of("tcp", "tcp6", "udp", "udp6")) {
            Files.copy(netDir().resolve(t), net.resolve(t));
        }
        process(root, 812, "sshd", 3, 20001, 4, 20101);
        process(root, 900, "nginx", 6, 20004);
        process(root, 901, "nginx", 6, 20004);
        process(root, 600, "systemd-resolve", 12, 20003, 13, 20202);
        process(root, 1200, "cat", 5, 777777);
        Files.createSymbolicLink(root.resolve("1200/fd/0"), Path.of("pipe:[4242]"));
        Files.createSymbolicLink(root.resolve("1200/fd/1"), Path.of("anon_inode:[eventfd]"));
        Files.createDirectories(root.resolve("1300"));
        Files.writeString(root.resolve("1300/comm"), "secret\n");
        Files.writeString(root.resolve("1300/fd"), "a file where a directory should be: unreadable");
        Files.createDirectories(root.resolve("1400"));
        Files.createDirectories(root.resolve("sys/fs"));
        Files.createSymbolicLink(root.resolve("self"), Path.of("812"));
        return root;
    }

    /** A process dir with comm and fd links: pairs of (fd, socket inode). */
    static void process(Path root, long pid, String comm, long... fdInode) throws IOException {
        Path fd = Files.createDirectories(root.resolve(pid + "/fd"));
        Files.writeString(root.resolve(pid + "/comm"), comm + "\n");
        for (int i = 0; i < fdInode.length; i += 2) {
            Files.createSymbolicLink(fd.resolve(Long.toString(fdInode[i])), Path.of("socket:[" + fdInode[i + 1] + "]"));
        }
    }
}
