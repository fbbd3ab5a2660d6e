package org.synscan.target;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Forward name resolution, injectable so tests never touch DNS. */
@FunctionalInterface
public interface HostResolver {
    /** All addresses of {@code host}, in the resolver's order; throws when it has none. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The operating system's resolver (hosts file, then DNS). */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
