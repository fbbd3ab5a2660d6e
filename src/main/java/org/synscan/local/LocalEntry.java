package org.synscan.local;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.synscan.local.SocketOwners.Owner;

/**
 * One row of {@code synscan local}: a socket, its port's service name and the processes holding it.
 *
 * @param service the name from nmap-services or /etc/services, or null when none names the port
 * @param owners  the processes holding the socket, by pid; empty when none is visible
 */
record LocalEntry(ListeningSocket socket, String service, List<Owner> owners) {

    /** tcp before udp, then by port, IPv4 before IPv6, then by address: one port's sockets stay together. */
    static final Comparator<LocalEntry> ORDER = Comparator
            .comparing((LocalEntry e) -> e.socket().protocol())
            .thenComparingInt(e -> e.socket().port())
            .thenComparing(e -> e.socket().v6())
            .thenComparing(e -> e.socket().address().hi(), Long::compareUnsigned)
            .thenComparing(e -> e.socket().address().lo(), Long::compareUnsigned)
            .thenComparingLong(e -> e.socket().inode());

    LocalEntry {
        owners = List.copyOf(owners);
    }

    /** "812/sshd,813/sshd", or "-" when no owner is visible. */
    String ownersText() {
        return owners.isEmpty() ? "-" : owners.stream().map(Owner::toString).collect(Collectors.joining(","));
    }
}
