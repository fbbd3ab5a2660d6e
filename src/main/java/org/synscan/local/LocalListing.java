package org.synscan.local;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.synscan.target.Services;

/** This machine's listening sockets with services and owners, sorted: the data of {@code synscan local}. */
record LocalListing(List<LocalEntry> entries, int hiddenProcesses) {

    LocalListing {
        entries = List.copyOf(entries);
    }

    /**
     * Reads {@code proc}/net/{tcp,tcp6,udp,udp6} and the descriptors of {@code proc}/PID/fd.
     *
     * @param order the byte order the kernel printed the addresses in (the machine's own)
     */
    static LocalListing read(Path proc, ByteOrder order, Services services) {
        List<ListeningSocket> sockets = ProcNet.read(proc.resolve("net"), order);
        Set<Long> inodes = new HashSet<>();
        for (ListeningSocket s : sockets) {
            inodes.add(s.inode());
        }
        SocketOwners owners = SocketOwners.scan(proc, inodes);
        List<LocalEntry> entries = sockets.stream()
                .map(s -> new LocalEntry(s, services.lookup(s.protocol(), s.port()), owners.of(s.inode())))
                .sorted(LocalEntry.ORDER)
                .toList();
        return new LocalListing(entries, owners.hidden());
    }
}
